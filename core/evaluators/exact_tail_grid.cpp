#include "evaluators/exact_tail_grid.h"

#include <cmath>

#include "evaluators/fast_direct_kernel_sums.h"

namespace driftlab {

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

std::vector<Eigen::Index> ExactTailGrid::evaluate(const Kernel& kernel, ConstPointRef queries,
                                                  const std::vector<Eigen::Index>& rows,
                                                  ConstPointRef sources, KernelSums& out) {
  const int d = m_geometry.dim;
  const int stencilNodes = d == 2 ? 16 : 64;
  std::vector<Eigen::Index> outside, inside;
  std::vector<std::int64_t> missing;
  for (Eigen::Index i : rows) {
    int base[kMaxGridDim];
    double w[kMaxGridDim][4];
    if (!stencil(queries.data() + i * d, base, w)) {
      outside.push_back(i);
      continue;
    }
    inside.push_back(i);
    for (int s = 0; s < stencilNodes; ++s) {
      int node[kMaxGridDim];
      for (int k = 0, rest = s; k < d; ++k, rest /= 4) node[k] = base[k] + rest % 4;
      const std::int64_t idx = nodeIndex(node);
      if (m_known[idx] == 0) {
        m_known[idx] = 2;  // requested: listed once
        missing.push_back(idx);
      }
    }
  }
  // Each node costs as much as one exact query: when the queries are sparse compared with
  // the nodes they would need, answering them exactly is cheaper (and exact).
  if (missing.size() > inside.size()) {
    for (std::int64_t idx : missing) m_known[idx] = 0;
    return rows;
  }
  if (!missing.empty()) computeMissing(kernel, missing, sources);
#pragma omp parallel for schedule(static)
  for (size_t r = 0; r < inside.size(); ++r) {
    const Eigen::Index i = inside[r];
    int base[kMaxGridDim];
    double w[kMaxGridDim][4];
    stencil(queries.data() + i * d, base, w);
    double acc[1 + kMaxGridDim] = {};
    for (int s = 0; s < stencilNodes; ++s) {
      int node[kMaxGridDim];
      double wt = 1.0;
      for (int k = 0, rest = s; k < d; ++k, rest /= 4) {
        node[k] = base[k] + rest % 4;
        wt *= w[k][rest % 4];
      }
      const double* v = m_values.data() + nodeIndex(node) * (1 + d);
      for (int c = 0; c <= d; ++c) acc[c] += wt * v[c];
    }
    out.logSum[i] = acc[0];
    for (int k = 0; k < d; ++k) out.mean(i, k) = acc[1 + k];
  }
  return outside;
}

}  // namespace driftlab
