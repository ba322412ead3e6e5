#include "evaluators/grid_geometry.h"

#include <algorithm>
#include <cmath>
#include <limits>

namespace driftlab {

std::int64_t GridGeometry::cells() const {
  double c = 1.0;  // in double: saturates instead of overflowing for absurd extents
  for (int k = 0; k < dim; ++k) c *= size[k];
  if (dim == 0) return 0;
  return c < 0x1p62 ? static_cast<std::int64_t>(c) : (std::int64_t(1) << 62);
}

int fftFriendlySize(int n) {
  for (int c = std::max(n, 1);; ++c) {
    int r = c;
    for (int p : {2, 3, 5, 7})
      while (r % p == 0) r /= p;
    if (r == 1) return c;
  }
}

GridGeometry planGaussianGrid(ConstPointRef sources, double h, const GridOptions& options) {
  GridGeometry g;
  const int d = static_cast<int>(sources.cols());
  if (d < 1 || d > kMaxGridDim || sources.rows() == 0) return g;
  // One parallel pass: the bounding box (NaN fails the comparisons, infinities the check).
  double lo[kMaxGridDim], hi[kMaxGridDim];
  std::fill(lo, lo + kMaxGridDim, std::numeric_limits<double>::infinity());
  std::fill(hi, hi + kMaxGridDim, -std::numeric_limits<double>::infinity());
  long long bad = 0;
  const Eigen::Index m = sources.rows();
#pragma omp parallel for schedule(static) reduction(min : lo[:kMaxGridDim]) \
    reduction(max : hi[:kMaxGridDim]) reduction(+ : bad)
  for (Eigen::Index j = 0; j < m; ++j)
    for (int k = 0; k < d; ++k) {
      const double x = sources(j, k);
      if (!std::isfinite(x)) ++bad;
      lo[k] = std::min(lo[k], x);
      hi[k] = std::max(hi[k], x);
    }
  if (bad > 0) return g;
  g.dim = d;
  g.spacing = h / options.cellsPerBandwidth;
  // Two extra cells: a query's cubic stencil reaches two nodes beyond its cell.
  const double margin = options.queryReach * h + 2.0 * g.spacing;
  for (int k = 0; k < d; ++k) {
    g.origin[k] = lo[k] - margin;
    const double queryExtent = hi[k] - lo[k] + 2.0 * margin;
    const double cyclicExtent = hi[k] - lo[k] + margin + options.wrapReach * h;
    const double nodes = std::ceil(std::max(queryExtent, cyclicExtent) / g.spacing) + 1.0;
    if (!(nodes < double(std::numeric_limits<int>::max() / 2))) return GridGeometry{};
    g.queryNodes[k] = static_cast<int>(std::ceil(queryExtent / g.spacing)) + 1;
    g.size[k] = fftFriendlySize(static_cast<int>(nodes));
  }
  return g;
}

}  // namespace driftlab
