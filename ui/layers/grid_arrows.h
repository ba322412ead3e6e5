#pragma once
/// GridArrows: arrows drawn on a sparse subset of the display grid's points, for the layers
/// that draw vector quantities sampled on the grid (the field's halves, the Laplace
/// decomposition). Lengths saturate at one site spacing so that strong regions do not cover
/// the picture.
#include <vector>

#include "layers/color_maps.h"
#include "layers/layer.h"

namespace driftlab::ui {

/// The grid rows to draw arrows at: about `perAxis` per axis (every axis of a 3D grid),
/// centred in the box; `cell` is the spacing between them in scene units.
struct ArrowSites {
  std::vector<Eigen::Index> rows;
  double cell = 0.0;
};
ArrowSites arrowSites(const FieldGrid& grid, int perAxis);

/// Line geometry for ArrowLines::set: 3 floats per tail and vector, 3 bytes per colour.
struct ArrowGeometry {
  std::vector<float> tails, vectors;
  std::vector<unsigned char> colors;
};

/// Appends one arrow per site for `sign` times the rows of `vectors` (grid rows x dim) in
/// `color`; an arrow of magnitude `scale` or more is 0.8 cell long, shorter ones shrink as
/// sqrt(|v| / scale). Non-finite or zero vectors are skipped.
void appendGridArrows(const FieldGrid& grid, const ArrowSites& sites, const PointSet& vectors,
                      double sign, double scale, const Rgb& color, ArrowGeometry& out);

/// The 90th percentile of the row norms over both sets (a common length scale), at least 1e-300.
double commonArrowScale(const PointSet& a, const PointSet& b);

}  // namespace driftlab::ui
