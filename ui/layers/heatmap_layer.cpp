#include "layers/heatmap_layer.h"

#include "layers/color_maps.h"
#include "layers/density_image.h"

namespace driftlab::ui {

HeatmapLayer::HeatmapLayer()
    : DensityImageLayer("heatmap", QStringLiteral("KDE heatmap"), QKeySequence("H"), -5.0, 2) {
  m_mapper->SetInputData(image());
  m_mapper->InterpolateScalarsBeforeMappingOn();
  m_mapper->SetScalarModeToUsePointData();
  addDensityActor(m_actor, m_mapper);
}

void HeatmapLayer::redraw(DensityQuantity quantity, const DensityRange& range) {
  colorByDensity(m_mapper, densityColorMap(quantity), range);
  m_mapper->Modified();
}

}  // namespace driftlab::ui
