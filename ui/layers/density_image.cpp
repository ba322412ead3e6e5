#include "layers/density_image.h"

#include <vtkFloatArray.h>
#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <algorithm>
#include <cmath>

#include "layers/color_maps.h"

namespace driftlab::ui {

DensityRange fillDensityImage(const FieldGrid& grid, DensityQuantity quantity, vtkImageData* image,
                              int sliceZ) {
  const int d = int(grid.lo.size());
  const int res = grid.resolution;
  const bool slice = d == 3 && sliceZ >= 0;
  const int nz = d == 3 && !slice ? res : 1;
  double spacing[3] = {1, 1, 1}, origin[3] = {0, 0, 0};
  for (int k = 0; k < d; ++k) {
    spacing[k] = (grid.hi[k] - grid.lo[k]) / (res - 1);
    origin[k] = grid.lo[k];
  }
  if (slice) origin[2] = grid.lo[2] + sliceZ * spacing[2];
  image->SetDimensions(res, res, nz);
  image->SetOrigin(origin);
  image->SetSpacing(spacing);

  vtkNew<vtkFloatArray> values;
  values->SetName("density");
  values->SetNumberOfTuples(vtkIdType(res) * res * nz);
  float* out = values->GetPointer(0);
  const Eigen::Index base = slice ? Eigen::Index(sliceZ) * res * res : 0;
  double maxDensity = 0.0, maxAbs = 0.0;
  for (vtkIdType i = 0; i < values->GetNumberOfTuples(); ++i) {
    const double p = std::exp(grid.logP[base + i]);
    const double q = std::exp(grid.logQ[base + i]);
    const double v = quantity == DensityQuantity::kP   ? p
                     : quantity == DensityQuantity::kQ ? q
                                                       : p - q;
    out[i] = std::isfinite(v) ? float(v) : 0.0f;
    if (std::isfinite(p) && std::isfinite(q)) maxDensity = std::max({maxDensity, p, q});
    maxAbs = std::max(maxAbs, std::abs(double(out[i])));
  }
  image->GetPointData()->SetScalars(values);
  image->Modified();
  if (quantity == DensityQuantity::kDifference)
    return {-std::max(maxAbs, 1e-300), std::max(maxAbs, 1e-300)};
  return {0.0, std::max(maxDensity, 1e-300)};
}

const ColorMap& densityColorMap(DensityQuantity quantity) {
  return quantity == DensityQuantity::kDifference ? ColorMap::diverging() : ColorMap::density();
}

QString quantityLabel(DensityQuantity quantity) {
  switch (quantity) {
    case DensityQuantity::kP:
      return QStringLiteral("p_h");
    case DensityQuantity::kQ:
      return QStringLiteral("q_h");
    default:
      return QStringLiteral("p_h - q_h");
  }
}

}  // namespace driftlab::ui
