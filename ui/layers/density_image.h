#pragma once
/// DensityImage: turns the engine's grid samples of log p_h and log q_h into a vtkImageData
/// of the chosen quantity (p_h, q_h or p_h - q_h), in 2D, in 3D, or one z slice of 3D.
#include "layers/color_maps.h"
#include "layers/layer.h"

class vtkImageData;

namespace driftlab::ui {

struct DensityRange {
  double lo = 0.0, hi = 1.0;
};

/// Fills `image` (point scalars named "density"); sliceZ >= 0 takes that z index of a 3D
/// grid. Returns the display range: [0, max(p, q)] for densities (one scale, so p_h and q_h
/// compare), [-m, m] with m = max |p_h - q_h| for the difference.
DensityRange fillDensityImage(const FieldGrid& grid, DensityQuantity quantity, vtkImageData* image,
                              int sliceZ = -1);

/// The colour ramp for a quantity.
const ColorMap& densityColorMap(DensityQuantity quantity);

/// "p_h", "q_h" or "p_h - q_h".
QString quantityLabel(DensityQuantity quantity);

}  // namespace driftlab::ui
