#include "evaluators/exact_tail_grid.h"

#include <algorithm>
#include <cmath>

#include "evaluators/fast_direct_kernel_sums.h"

namespace driftlab {

namespace {
/// New nodes per pending query above which the tail grid declines (the nodes are kept for
/// later calls, so a few per query pay off within a few steps).
constexpr std::size_t kNodesPerQueryWorthIt = 4;
/// Largest dense (level 0) tail grid: ~140 MB in 3D.
constexpr std::int64_t kMaxDenseNodes = std::int64_t(1) << 22;
/// Largest disagreement of the cubic and lower-order interpolants accepted: in log k, and in
/// the mean (units of h).
constexpr double kLogRoughness = 1e-3;
constexpr double kMeanRoughness = 2e-3;
}  // namespace

ExactTailGrid::ExactTailGrid() = default;
ExactTailGrid::~ExactTailGrid() = default;

std::int64_t ExactTailGrid::knownNodes() const {
  return m_knownCount + (m_finer ? m_finer->knownNodes() : 0);
}

const double* ExactTailGrid::nodeValues(std::int64_t idx) const {
  const int stride = 1 + m_geometry.dim;
  if (m_level == 0) return m_known[idx] ? m_values.data() + idx * stride : nullptr;
  const auto it = m_slot.find(idx);
  return it == m_slot.end() ? nullptr : m_values.data() + it->second * stride;
}

std::vector<Eigen::Index> ExactTailGrid::refine(const Kernel& kernel, ConstPointRef queries,
                                                const std::vector<Eigen::Index>& rows,
                                                ConstPointRef sources, KernelSums& out) {
  if (rows.empty() || m_level >= kMaxRefinements) return rows;
  if (!m_finer) {
    m_finer = std::make_unique<ExactTailGrid>();
    GridGeometry g = m_geometry;
    g.spacing /= 4.0;
    for (int k = 0; k < g.dim; ++k) g.size[k] = g.queryNodes[k] = (m_geometry.size[k] - 1) * 4 + 1;
    m_finer->m_geometry = g;
    m_finer->m_h = m_h;
    m_finer->m_level = m_level + 1;
  }
  return m_finer->evaluate(kernel, queries, rows, sources, out);
}

void ExactTailGrid::reset(const GridGeometry& fine, double h, double cellsPerBandwidth,
                          double reach) {
  GridGeometry g;
  g.dim = fine.dim;
  g.spacing = h / cellsPerBandwidth;
  for (int k = 0; k < g.dim; ++k) {
    g.origin[k] = fine.origin[k] - reach;
    const double extent = (fine.queryNodes[k] - 1) * fine.spacing + 2.0 * reach;
    g.size[k] = g.queryNodes[k] = static_cast<int>(std::ceil(extent / g.spacing)) + 1;
  }
  m_h = h;
  m_level = 0;
  m_slot.clear();
  m_knownCount = 0;
  m_finer.reset();
  if (g.cells() > kMaxDenseNodes) {  // too large to lay out: every tail query runs exact
    m_geometry = GridGeometry{};
    m_values.clear();
    m_known.clear();
    return;
  }
  m_geometry = g;
  m_values.assign(g.cells() * (1 + g.dim), 0.0);
  m_known.assign(g.cells(), 0);
}

bool ExactTailGrid::stencil(const double* q, int (&base)[kMaxGridDim],
                            double (&w)[kMaxGridDim][4]) const {
  const GridGeometry& g = m_geometry;
  for (int k = 0; k < g.dim; ++k) {
    const double u = (q[k] - g.origin[k]) / g.spacing;
    if (!(u >= 1.0 && u < g.size[k] - 2.0)) return false;  // also rejects NaN
    const double fl = std::floor(u);
    const double t = u - fl;
    base[k] = static_cast<int>(fl) - 1;
    // 4-point Lagrange weights for nodes at -1, 0, 1, 2 (exact for cubics).
    w[k][0] = -t * (t - 1.0) * (t - 2.0) / 6.0;
    w[k][1] = (t + 1.0) * (t - 1.0) * (t - 2.0) / 2.0;
    w[k][2] = -(t + 1.0) * t * (t - 2.0) / 2.0;
    w[k][3] = (t + 1.0) * t * (t - 1.0) / 6.0;
  }
  return true;
}

std::int64_t ExactTailGrid::nodeIndex(const int (&node)[kMaxGridDim]) const {
  std::int64_t idx = 0;
  for (int k = 0; k < m_geometry.dim; ++k) idx = idx * m_geometry.size[k] + node[k];
  return idx;
}

void ExactTailGrid::computeMissing(const Kernel& kernel, const std::vector<std::int64_t>& nodes,
                                   ConstPointRef sources) {
  const int d = m_geometry.dim;
  PointSet at(nodes.size(), d);
  for (size_t r = 0; r < nodes.size(); ++r) {
    std::int64_t rest = nodes[r];
    for (int k = d - 1; k >= 0; --k) {
      at(r, k) = m_geometry.origin[k] + double(rest % m_geometry.size[k]) * m_geometry.spacing;
      rest /= m_geometry.size[k];
    }
  }
  KernelSums sums;
  fastDirectKernelSums(kernel, at, sources, false, sums);
  for (size_t r = 0; r < nodes.size(); ++r) {
    std::int64_t slot = nodes[r];
    if (m_level == 0) {
      m_known[slot] = 1;
    } else {
      slot = static_cast<std::int64_t>(m_values.size()) / (1 + d);
      m_values.resize(m_values.size() + 1 + d);
      m_slot.emplace(nodes[r], slot);
    }
    double* v = m_values.data() + slot * (1 + d);
    v[0] = sums.logSum[r];
    for (int k = 0; k < d; ++k) v[1 + k] = sums.mean(r, k);
  }
  m_knownCount += static_cast<std::int64_t>(nodes.size());
}

int ExactTailGrid::interpolate(const double* q, double& logSum, double* mean) const {
  const int d = m_geometry.dim;
  int base[kMaxGridDim];
  double w[kMaxGridDim][4], t[kMaxGridDim];
  if (!stencil(q, base, w)) return kOutside;
  for (int k = 0; k < d; ++k) {
    const double u = (q[k] - m_geometry.origin[k]) / m_geometry.spacing;
    t[k] = u - std::floor(u);
  }
  // The cubic interpolant against a lower-order one that is also exact far from a single
  // mode: quadratic for log k (a paraboloid there), multilinear for the mean (affine
  // there). Where they disagree the field is not smooth at grid scale (e.g. the weighted
  // mean switching between two far modes): the query needs a finer grid or the exact sum.
  double cubic[1 + kMaxGridDim] = {}, lower[1 + kMaxGridDim] = {};
  for (int s = 0; s < (d == 2 ? 16 : 64); ++s) {
    int node[kMaxGridDim];
    double wt = 1.0, wq = 1.0, wl = 1.0;
    for (int k = 0, rest = s; k < d; ++k, rest /= 4) {
      const int a = rest % 4;
      node[k] = base[k] + a;
      wt *= w[k][a];
      // Quadratic through the nodes at -1, 0, 1; multilinear on the nodes at 0, 1.
      wq *= a == 0 ? 0.5 * t[k] * (t[k] - 1.0)
                   : (a == 1 ? 1.0 - t[k] * t[k] : (a == 2 ? 0.5 * t[k] * (t[k] + 1.0) : 0.0));
      wl *= a == 1 ? 1.0 - t[k] : (a == 2 ? t[k] : 0.0);
    }
    const double* v = nodeValues(nodeIndex(node));
    if (!v) return kUnknownNodes;
    cubic[0] += wt * v[0];
    lower[0] += wq * v[0];
    for (int c = 1; c <= d; ++c) {
      cubic[c] += wt * v[c];
      lower[c] += wl * v[c];
    }
  }
  if (!(std::abs(cubic[0] - lower[0]) <= kLogRoughness)) return kRough;
  for (int k = 0; k < d; ++k)
    if (!(std::abs(cubic[1 + k] - lower[1 + k]) <= kMeanRoughness * m_h)) return kRough;
  logSum = cubic[0];
  for (int k = 0; k < d; ++k) mean[k] = cubic[1 + k];
  return kDone;
}

std::vector<Eigen::Index> ExactTailGrid::evaluate(const Kernel& kernel, ConstPointRef queries,
                                                  const std::vector<Eigen::Index>& rows,
                                                  ConstPointRef sources, KernelSums& out) {
  const int d = m_geometry.dim;
  if (d == 0) return rows;  // not laid out (see reset)
  // Pass 1 (parallel): answer every query whose nodes are known.
  std::vector<unsigned char> status(rows.size());
  const auto answer = [&](size_t r) {
    double logSum, mean[kMaxGridDim];
    status[r] = static_cast<unsigned char>(interpolate(queries.data() + rows[r] * d, logSum, mean));
    if (status[r] != kDone) return;
    out.logSum[rows[r]] = logSum;
    for (int k = 0; k < d; ++k) out.mean(rows[r], k) = mean[k];
  };
#pragma omp parallel for schedule(static)
  for (size_t r = 0; r < rows.size(); ++r) answer(r);
  // Pass 2 (serial, in row order): list the unknown nodes once each.
  std::vector<Eigen::Index> outside, rough;
  std::vector<size_t> pending;
  std::vector<std::int64_t> missing;
  std::unordered_map<std::int64_t, char> requested;
  for (size_t r = 0; r < rows.size(); ++r) {
    if (status[r] == kOutside) outside.push_back(rows[r]);
    if (status[r] == kRough) rough.push_back(rows[r]);
    if (status[r] != kUnknownNodes) continue;
    pending.push_back(r);
    int base[kMaxGridDim];
    double w[kMaxGridDim][4];
    stencil(queries.data() + rows[r] * d, base, w);
    for (int s = 0; s < (d == 2 ? 16 : 64); ++s) {
      int node[kMaxGridDim];
      for (int k = 0, rest = s; k < d; ++k, rest /= 4) node[k] = base[k] + rest % 4;
      const std::int64_t idx = nodeIndex(node);
      if (!nodeValues(idx) && requested.emplace(idx, 1).second) missing.push_back(idx);
    }
  }
  const auto finish = [&] {
    const std::vector<Eigen::Index> back = refine(kernel, queries, rough, sources, out);
    outside.insert(outside.end(), back.begin(), back.end());
    std::sort(outside.begin(), outside.end());
    return outside;
  };
  if (pending.empty()) return finish();
  // Each node costs as much as one exact query, but serves every later call too: when the
  // queries are sparse compared with the nodes they would need, answering them exactly is
  // cheaper (and exact).
  if (missing.size() > kNodesPerQueryWorthIt * pending.size()) {
    for (size_t r : pending) outside.push_back(rows[r]);
    return finish();
  }
  computeMissing(kernel, missing, sources);
#pragma omp parallel for schedule(static)
  for (size_t p = 0; p < pending.size(); ++p) answer(pending[p]);
  for (size_t r : pending)
    if (status[r] == kRough) rough.push_back(rows[r]);
  return finish();
}

}  // namespace driftlab
