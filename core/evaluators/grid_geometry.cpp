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

bool boundingBox(ConstPointRef points, double* lo, double* hi) {
  const int d = static_cast<int>(points.cols());
  // One parallel pass (NaN fails the comparisons, infinities the check).
  double l[kMaxGridDim], u[kMaxGridDim];
  std::fill(l, l + kMaxGridDim, std::numeric_limits<double>::infinity());
  std::fill(u, u + kMaxGridDim, -std::numeric_limits<double>::infinity());
  long long bad = 0;
  const Eigen::Index m = points.rows();
#pragma omp parallel for schedule(static) reduction(min : l[:kMaxGridDim]) \
    reduction(max : u[:kMaxGridDim]) reduction(+ : bad)
  for (Eigen::Index j = 0; j < m; ++j)
    for (int k = 0; k < d; ++k) {
      const double x = points(j, k);
      if (!std::isfinite(x)) ++bad;
      l[k] = std::min(l[k], x);
      u[k] = std::max(u[k], x);
    }
  std::copy(l, l + d, lo);
  std::copy(u, u + d, hi);
  return bad == 0 && m > 0;
}

GridGeometry planGridForBox(int d, const double* lo, const double* hi, double h,
                            const GridOptions& options) {
  GridGeometry g;
  g.dim = d;
  g.spacing = h / options.cellsPerBandwidth;
  // Two extra cells: a query's cubic stencil reaches two nodes beyond its cell.
  const double margin = options.queryReach * h + 2.0 * g.spacing;
  for (int k = 0; k < d; ++k) {
    // Nodes on the global lattice spacing * Z^d: every grid of one spacing (the data's and
    // the particles') then has the same interpolation error at a point, so the two cancel
    // where q_h matches p_h instead of pulling particles onto either grid's lines.
    g.origin[k] = std::floor((lo[k] - margin) / g.spacing) * g.spacing;
    const double queryExtent = hi[k] + margin - g.origin[k];
    const double cyclicExtent = hi[k] + options.wrapReach * h - g.origin[k];
    const double nodes = std::ceil(std::max(queryExtent, cyclicExtent) / g.spacing) + 1.0;
    if (!(nodes < double(std::numeric_limits<int>::max() / 2))) return GridGeometry{};
    g.queryNodes[k] = static_cast<int>(std::ceil(queryExtent / g.spacing)) + 1;
    g.size[k] = fftFriendlySize(static_cast<int>(nodes));
  }
  return g;
}

GridGeometry planGaussianGrid(ConstPointRef sources, double h, const GridOptions& options) {
  const int d = static_cast<int>(sources.cols());
  if (d < 1 || d > kMaxGridDim || sources.rows() == 0) return GridGeometry{};
  double lo[kMaxGridDim], hi[kMaxGridDim];
  if (!boundingBox(sources, lo, hi)) return GridGeometry{};
  return planGridForBox(d, lo, hi, h, options);
}

}  // namespace driftlab
