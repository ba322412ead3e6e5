#include "evaluators/exact_tail_grid.h"

#include <algorithm>
#include <cmath>

#include "evaluators/fast_direct_kernel_sums.h"

namespace driftlab {

namespace {
/// New nodes per pending query above which the tail grid declines (the nodes are kept for
/// later calls, so a few per query pay off within a few steps).
constexpr std::size_t kNodesPerQueryWorthIt = 4;
/// Largest disagreement of the cubic and linear interpolants accepted: in log k, and in the
/// mean (units of h).
constexpr double kLogRoughness = 1e-2;
constexpr double kMeanRoughness = 2e-3;
}  // namespace

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
  m_geometry = g;
  m_h = h;
  m_values.assign(g.cells() * (1 + g.dim), 0.0);
  m_known.assign(g.cells(), 0);
  m_knownCount = 0;
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
    double* v = m_values.data() + nodes[r] * (1 + d);
    v[0] = sums.logSum[r];
    for (int k = 0; k < d; ++k) v[1 + k] = sums.mean(r, k);
    m_known[nodes[r]] = 1;
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
  // Cubic interpolant, and the multilinear one on the inner 2^d nodes: both are exact where
  // the values vary linearly; where they disagree the field is not smooth at grid scale
  // (e.g. the weighted mean switching between two far modes) and the query needs the exact
  // sum.
  double cubic[1 + kMaxGridDim] = {}, linear[1 + kMaxGridDim] = {};
  for (int s = 0; s < (d == 2 ? 16 : 64); ++s) {
    int node[kMaxGridDim];
    double wt = 1.0, wl = 1.0;
    for (int k = 0, rest = s; k < d; ++k, rest /= 4) {
      const int a = rest % 4;
      node[k] = base[k] + a;
      wt *= w[k][a];
      wl *= a == 1 ? 1.0 - t[k] : (a == 2 ? t[k] : 0.0);
    }
    const std::int64_t idx = nodeIndex(node);
    if (m_known[idx] != 1) return kUnknownNodes;
    const double* v = m_values.data() + idx * (1 + d);
    for (int c = 0; c <= d; ++c) {
      cubic[c] += wt * v[c];
      linear[c] += wl * v[c];
    }
  }
  if (!(std::abs(cubic[0] - linear[0]) <= kLogRoughness)) return kRough;
  for (int k = 0; k < d; ++k)
    if (!(std::abs(cubic[1 + k] - linear[1 + k]) <= kMeanRoughness * m_h)) return kRough;
  logSum = cubic[0];
  for (int k = 0; k < d; ++k) mean[k] = cubic[1 + k];
  return kDone;
}

std::vector<Eigen::Index> ExactTailGrid::evaluate(const Kernel& kernel, ConstPointRef queries,
                                                  const std::vector<Eigen::Index>& rows,
                                                  ConstPointRef sources, KernelSums& out) {
  const int d = m_geometry.dim;
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
  std::vector<Eigen::Index> outside;
  std::vector<size_t> pending;
  std::vector<std::int64_t> missing;
  for (size_t r = 0; r < rows.size(); ++r) {
    if (status[r] == kOutside || status[r] == kRough) outside.push_back(rows[r]);
    if (status[r] != kUnknownNodes) continue;
    pending.push_back(r);
    int base[kMaxGridDim];
    double w[kMaxGridDim][4];
    stencil(queries.data() + rows[r] * d, base, w);
    for (int s = 0; s < (d == 2 ? 16 : 64); ++s) {
      int node[kMaxGridDim];
      for (int k = 0, rest = s; k < d; ++k, rest /= 4) node[k] = base[k] + rest % 4;
      const std::int64_t idx = nodeIndex(node);
      if (m_known[idx] == 0) {
        m_known[idx] = 2;  // requested: listed once
        missing.push_back(idx);
      }
    }
  }
  if (pending.empty()) return outside;
  // Each node costs as much as one exact query, but serves every later call too: when the
  // queries are sparse compared with the nodes they would need, answering them exactly is
  // cheaper (and exact).
  if (missing.size() > kNodesPerQueryWorthIt * pending.size()) {
    for (std::int64_t idx : missing) m_known[idx] = 0;
    for (size_t r : pending) outside.push_back(rows[r]);
    std::sort(outside.begin(), outside.end());
    return outside;
  }
  computeMissing(kernel, missing, sources);
#pragma omp parallel for schedule(static)
  for (size_t p = 0; p < pending.size(); ++p) answer(pending[p]);
  for (size_t r : pending)
    if (status[r] == kRough) outside.push_back(rows[r]);
  std::sort(outside.begin(), outside.end());
  return outside;
}

}  // namespace driftlab
