#include "evaluators/cell_pruned_sums.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "evaluators/fast_direct_kernel_sums.h"
#include "evaluators/source_groups.h"

namespace driftlab {

namespace {
constexpr double kCellsPerSource = 2.0;  ///< cell size in units of h
constexpr double kSkippedLog = 40.0;     ///< skipped terms: each below e^-40 / m of the top
using Box = std::array<double, kMaxGridDim>;
}  // namespace

std::array<long long, kMaxGridDim> CellPrunedSums::cellOf(const double* x) const {
  std::array<long long, kMaxGridDim> c{};
  for (int k = 0; k < m_dim; ++k) {
    const double u = std::floor((x[k] - m_origin[k]) / m_cellSize);
    c[k] = std::isfinite(u) ? static_cast<long long>(std::clamp(u, -1e15, 1e15)) : 0;
  }
  return c;
}

void CellPrunedSums::build(ConstPointRef sources, double h, int groupLevels) {
  m_groups.clear();
  if (groupLevels > 0)
    for (const PointSet& g : kdSplit(sources, groupLevels)) {
      m_groups.emplace_back();
      m_groups.back().build(g, h);
    }
  m_dim = static_cast<int>(sources.cols());
  m_h = h;
  m_cellSize = kCellsPerSource * h;
  const Eigen::Index m = sources.rows();
  m_logBudget = 2.0 * h * h * (kSkippedLog + std::log(double(std::max<Eigen::Index>(m, 1))));
  for (int k = 0; k < m_dim; ++k) m_origin[k] = m > 0 ? sources.col(k).minCoeff() : 0.0;
  std::vector<std::array<long long, kMaxGridDim>> key(m);
  for (Eigen::Index j = 0; j < m; ++j) key[j] = cellOf(sources.data() + j * m_dim);
  std::vector<Eigen::Index> order(m);
  std::iota(order.begin(), order.end(), Eigen::Index(0));
  std::stable_sort(order.begin(), order.end(),
                   [&](Eigen::Index a, Eigen::Index b) { return key[a] < key[b]; });
  m_sorted.resize(m, m_dim);
  m_cells.clear();
  for (Eigen::Index r = 0; r < m; ++r) {
    const Eigen::Index j = order[r];
    m_sorted.row(r) = sources.row(j);
    if (r == 0 || key[j] != key[order[r - 1]]) {
      m_cells.push_back({});
      m_cells.back().begin = r;
      m_cells.back().lo.fill(std::numeric_limits<double>::infinity());
      m_cells.back().hi.fill(-std::numeric_limits<double>::infinity());
    }
    Cell& c = m_cells.back();
    c.end = r + 1;
    for (int k = 0; k < m_dim; ++k) {
      c.lo[k] = std::min(c.lo[k], sources(j, k));
      c.hi[k] = std::max(c.hi[k], sources(j, k));
    }
  }
}

PointSet CellPrunedSums::candidates(const Box& lo, const Box& hi) const {
  // U: an upper bound of every query's nearest-source distance (farthest corner of the
  // nearest cell); a cell can matter only if its nearest point is within sqrt(U^2 + budget).
  double upper2 = std::numeric_limits<double>::infinity();
  std::vector<double> lower2(m_cells.size());
  for (size_t c = 0; c < m_cells.size(); ++c) {
    double far = 0.0, near = 0.0;
    for (int k = 0; k < m_dim; ++k) {
      const double a = std::max(hi[k] - m_cells[c].lo[k], m_cells[c].hi[k] - lo[k]);
      const double gap = std::max({m_cells[c].lo[k] - hi[k], lo[k] - m_cells[c].hi[k], 0.0});
      far += a * a;
      near += gap * gap;
    }
    upper2 = std::min(upper2, far);
    lower2[c] = near;
  }
  Eigen::Index count = 0;
  for (size_t c = 0; c < m_cells.size(); ++c)
    if (lower2[c] <= upper2 + m_logBudget) count += m_cells[c].end - m_cells[c].begin;
  PointSet out(count, m_dim);
  Eigen::Index r = 0;
  for (size_t c = 0; c < m_cells.size(); ++c) {
    if (!(lower2[c] <= upper2 + m_logBudget)) continue;
    const Eigen::Index len = m_cells[c].end - m_cells[c].begin;
    out.middleRows(r, len) = m_sorted.middleRows(m_cells[c].begin, len);
    r += len;
  }
  return out;
}

void CellPrunedSums::sums(const Kernel& kernel, ConstPointRef queries,
                          const std::vector<Eigen::Index>& rows, KernelSums& out) const {
  // Group the queries by cell; each group is summed on one thread (fixed order).
  std::vector<std::array<long long, kMaxGridDim>> key(rows.size());
  for (size_t r = 0; r < rows.size(); ++r) key[r] = cellOf(queries.data() + rows[r] * m_dim);
  std::vector<size_t> order(rows.size());
  std::iota(order.begin(), order.end(), size_t(0));
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return key[a] < key[b]; });
  std::vector<size_t> groupStart;
  for (size_t i = 0; i < order.size(); ++i)
    if (i == 0 || key[order[i]] != key[order[i - 1]]) groupStart.push_back(i);
  groupStart.push_back(order.size());
  const std::ptrdiff_t groups = std::ptrdiff_t(groupStart.size()) - 1;
#pragma omp parallel for schedule(dynamic, 1)
  for (std::ptrdiff_t g = 0; g < groups; ++g) {
    const size_t b = groupStart[g], e = groupStart[g + 1];
    PointSet q(e - b, m_dim);
    Box lo, hi;
    lo.fill(std::numeric_limits<double>::infinity());
    hi.fill(-std::numeric_limits<double>::infinity());
    for (size_t i = b; i < e; ++i) {
      q.row(i - b) = queries.row(rows[order[i]]);
      for (int k = 0; k < m_dim; ++k) {
        lo[k] = std::min(lo[k], q(i - b, k));
        hi[k] = std::max(hi[k], q(i - b, k));
      }
    }
    KernelSums part;
    fastDirectKernelSums(kernel, q, candidates(lo, hi), false, part);
    for (size_t i = b; i < e; ++i) {
      out.logSum[rows[order[i]]] = part.logSum[i - b];
      out.mean.row(rows[order[i]]) = part.mean.row(i - b);
    }
  }
}

void CellPrunedSums::groupedSums(const Kernel& kernel, ConstPointRef queries,
                                 const std::vector<Eigen::Index>& rows, KernelSums& out,
                                 std::vector<KernelSums>& perGroup) const {
  const Eigen::Index n = queries.rows();
  perGroup.resize(m_groups.size());
  for (std::size_t g = 0; g < m_groups.size(); ++g) {
    perGroup[g].resize(n, m_dim);
    m_groups[g].sums(kernel, queries, rows, perGroup[g]);
  }
  if (m_groups.empty()) {
    sums(kernel, queries, rows, out);
    return;
  }
  const std::ptrdiff_t count = static_cast<std::ptrdiff_t>(rows.size());
#pragma omp parallel for schedule(static)
  for (std::ptrdiff_t r = 0; r < count; ++r) {
    const Eigen::Index i = rows[r];
    const auto part = [&](int g) {
      return std::pair{perGroup[g].logSum[i], &perGroup[g].mean(i, 0)};
    };
    out.logSum[i] = combineKernelSums(groups(), m_dim, part, &out.mean(i, 0));
    if (!(out.logSum[i] > -std::numeric_limits<double>::infinity()))  // no source at all
      for (int k = 0; k < m_dim; ++k) out.mean(i, k) = queries(i, k);
  }
}

}  // namespace driftlab
