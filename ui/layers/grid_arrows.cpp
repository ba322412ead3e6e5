#include "layers/grid_arrows.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "layers/point_geometry.h"

namespace driftlab::ui {

ArrowSites arrowSites(const FieldGrid& grid, int perAxis) {
  ArrowSites sites;
  const int d = int(grid.lo.size());
  const int res = grid.resolution;
  if (res < 2 || (d != 2 && d != 3)) return sites;
  const int stride = std::max(1, res / std::max(1, perAxis));
  sites.cell = std::numeric_limits<double>::infinity();
  for (int k = 0; k < d; ++k)
    sites.cell = std::min(sites.cell, stride * (grid.hi[k] - grid.lo[k]) / (res - 1));
  const int offset = (res - 1) % stride / 2;  // centre the subgrid in the box
  const int nz = d == 3 ? res : 1;
  for (int z = d == 3 ? offset : 0; z < nz; z += (d == 3 ? stride : 1))
    for (int y = offset; y < res; y += stride)
      for (int x = offset; x < res; x += stride)
        sites.rows.push_back(x + Eigen::Index(res) * (y + Eigen::Index(res) * z));
  return sites;
}

void appendGridArrows(const FieldGrid& grid, const ArrowSites& sites, const PointSet& vectors,
                      double sign, double scale, const Rgb& color, ArrowGeometry& out) {
  const int d = int(grid.lo.size());
  if (vectors.rows() != grid.points.rows() || vectors.cols() != d) return;
  const unsigned char rgb[3] = {static_cast<unsigned char>(255 * color[0]),
                                static_cast<unsigned char>(255 * color[1]),
                                static_cast<unsigned char>(255 * color[2])};
  for (const Eigen::Index i : sites.rows) {
    const auto v = vectors.row(i);
    const double mag = v.norm();
    if (!std::isfinite(mag) || mag <= 0) continue;
    const double len = 0.8 * sites.cell * std::sqrt(std::min(mag / scale, 1.0));
    for (int k = 0; k < 3; ++k) {
      out.tails.push_back(k < d ? float(grid.points(i, k)) : 0.0f);
      out.vectors.push_back(k < d ? float(sign * len * v(k) / mag) : 0.0f);
      out.colors.push_back(rgb[k]);
    }
  }
}

double commonArrowScale(const PointSet& a, const PointSet& b) {
  PointSet both(a.rows() + b.rows(), std::max(a.cols(), b.cols()));
  if (a.rows() > 0) both.topRows(a.rows()) = a;
  if (b.rows() > 0) both.bottomRows(b.rows()) = b;
  return std::max(normQuantile(both, 0.9), 1e-300);
}

}  // namespace driftlab::ui
