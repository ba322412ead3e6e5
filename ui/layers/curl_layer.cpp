#include "layers/curl_layer.h"

#include <vtkFloatArray.h>
#include <vtkLookupTable.h>
#include <vtkPointData.h>
#include <vtkProperty.h>
#include <algorithm>
#include <cmath>
#include <vector>

#include "layers/color_maps.h"

namespace driftlab::ui {

namespace {

struct CurlRange {
  double maxAbs = 0.0;  ///< the largest |curl|
  double robust = 0.0;  ///< its kRobustQuantile quantile
};

/// The curl of the Laplace kernel is singular at each data point: the ramp spans the 98th
/// percentile of |curl| (the spikes saturate) so that the rest of the picture keeps its colour.
constexpr double kRobustQuantile = 0.98;

/// Fills `image` with the grid's curl (2D) or its middle z slice (3D).
CurlRange fillCurlImage(const FieldGrid& grid, vtkImageData* image) {
  const int d = int(grid.lo.size());
  const int res = grid.resolution;
  const int sliceZ = d == 3 ? res / 2 : 0;
  double spacing[3] = {1, 1, 1}, origin[3] = {0, 0, 0};
  for (int k = 0; k < d; ++k) {
    spacing[k] = (grid.hi[k] - grid.lo[k]) / (res - 1);
    origin[k] = grid.lo[k];
  }
  if (d == 3) origin[2] = grid.lo[2] + sliceZ * spacing[2];
  image->SetDimensions(res, res, 1);
  image->SetOrigin(origin);
  image->SetSpacing(spacing);
  vtkNew<vtkFloatArray> values;
  values->SetName("curl");
  values->SetNumberOfTuples(vtkIdType(res) * res);
  float* out = values->GetPointer(0);
  const Eigen::Index base = Eigen::Index(sliceZ) * res * res;
  std::vector<double> magnitudes;
  magnitudes.reserve(std::size_t(values->GetNumberOfTuples()));
  for (vtkIdType i = 0; i < values->GetNumberOfTuples(); ++i) {
    const double c = grid.curl[base + i];
    out[i] = std::isfinite(c) ? float(c) : 0.0f;
    if (std::isfinite(c)) magnitudes.push_back(std::abs(c));
  }
  image->GetPointData()->SetScalars(values);
  image->Modified();
  CurlRange range;
  if (magnitudes.empty()) return range;
  auto at = magnitudes.begin() + std::ptrdiff_t(kRobustQuantile * double(magnitudes.size() - 1));
  std::nth_element(magnitudes.begin(), at, magnitudes.end());
  range.robust = *at;
  range.maxAbs = *std::max_element(at, magnitudes.end());
  return range;
}

}  // namespace

CurlLayer::CurlLayer()
    : Layer("curl", QStringLiteral("Curl heatmap (3D: |curl| slice)"), QKeySequence("U"), -4.5) {
  m_mapper->SetInputData(m_image);
  m_mapper->InterpolateScalarsBeforeMappingOn();
  m_mapper->SetScalarModeToUsePointData();
  m_actor->SetMapper(m_mapper);
  m_actor->GetProperty()->LightingOff();
  m_actor->PickableOff();
  addProp(m_actor);
  setEnabled(false);
}

void CurlLayer::update(const Snapshot& snapshot, const LayerFrame&) {
  const auto& grid = snapshot.grid;
  if (!grid || grid == m_shown || grid->resolution < 2) return;
  if (grid->curl.size() != grid->points.rows()) return;  // sampled before it was asked
  m_shown = grid;
  m_gridDim = int(grid->lo.size());
  m_conservative = grid->conservativeField;
  m_jacobianScale = grid->jacobianScale;
  const CurlRange range = fillCurlImage(*grid, m_image);
  m_maxAbs = range.maxAbs;
  m_rangeMax = std::max({range.robust, kNoiseFloor * m_jacobianScale, 1e-300});
  const bool planar = m_gridDim == 2;
  const ColorMap& map = planar ? ColorMap::diverging() : ColorMap::density();
  const double lo = planar ? -m_rangeMax : 0.0;
  m_mapper->SetLookupTable(map.lookupTable(lo, m_rangeMax));
  m_mapper->SetScalarRange(lo, m_rangeMax);
  m_actor->GetProperty()->SetOpacity(planar ? 1.0 : 0.85);
  m_mapper->Modified();
}

std::optional<ColorLegend> CurlLayer::legend() const {
  if (!m_shown) return std::nullopt;
  if (m_gridDim == 2)
    return ColorLegend{QStringLiteral("curl (J21 - J12)"), ColorMap::diverging(), -m_rangeMax,
                       m_rangeMax};
  return ColorLegend{QStringLiteral("|curl v| (middle slice)"), ColorMap::density(), 0.0,
                     m_rangeMax};
}

QString CurlLayer::captionNote() const {
  if (!m_shown || !m_conservative) return {};
  if (m_maxAbs <= kRoundingRatio * m_jacobianScale)
    return QString("conservative: curl is 0 up to rounding (max %1 vs |J| ~ %2)")
        .arg(m_maxAbs, 0, 'g', 2)
        .arg(m_jacobianScale, 0, 'g', 2);
  return {};
}

}  // namespace driftlab::ui
