#include "base/locality_order.h"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <utility>

namespace driftlab {

std::vector<Eigen::Index> zCurveOrder(ConstPointRef points) {
  const Eigen::Index n = points.rows();
  const int d = static_cast<int>(points.cols());
  std::vector<Eigen::Index> order(n);
  if (n == 0 || d == 0) return order;
  const int bits = std::min(21, 63 / d);
  const double cells = std::ldexp(1.0, bits);
  std::vector<double> lo(d, std::numeric_limits<double>::infinity()), scale(d, 0.0);
  std::vector<double> hi(d, -std::numeric_limits<double>::infinity());
  for (Eigen::Index i = 0; i < n; ++i)
    for (int k = 0; k < d; ++k)
      if (std::isfinite(points(i, k))) {
        lo[k] = std::min(lo[k], points(i, k));
        hi[k] = std::max(hi[k], points(i, k));
      }
  for (int k = 0; k < d; ++k) {
    if (!(hi[k] > lo[k])) lo[k] = hi[k] = 0.0;  // one value (or none finite): one cell
    scale[k] = hi[k] > lo[k] ? cells / (hi[k] - lo[k]) : 0.0;
  }
  std::vector<std::pair<std::uint64_t, Eigen::Index>> keyed(n);
#pragma omp parallel for schedule(static)
  for (Eigen::Index i = 0; i < n; ++i) {
    std::uint64_t cell[kMaxDim] = {};
    for (int k = 0; k < d && k < kMaxDim; ++k) {
      const double u = (points(i, k) - lo[k]) * scale[k];
      cell[k] = std::isfinite(u) ? static_cast<std::uint64_t>(std::clamp(u, 0.0, cells - 1.0)) : 0;
    }
    std::uint64_t key = 0;
    for (int b = bits - 1; b >= 0; --b)  // interleave: the top bit of every axis first
      for (int k = 0; k < d; ++k) key = (key << 1) | ((cell[k] >> b) & 1u);
    keyed[i] = {key, i};
  }
  std::sort(keyed.begin(), keyed.end());
  for (Eigen::Index i = 0; i < n; ++i) order[i] = keyed[i].second;
  return order;
}

void sortAlongZCurve(PointSet& points) {
  const std::vector<Eigen::Index> order = zCurveOrder(points);
  PointSet sorted(points.rows(), points.cols());
  for (Eigen::Index i = 0; i < points.rows(); ++i) sorted.row(i) = points.row(order[i]);
  points = std::move(sorted);
}

}  // namespace driftlab
