#include "layers/heatmap_layer.h"

#include <vtkLookupTable.h>
#include <vtkProperty.h>

#include "layers/color_maps.h"
#include "layers/density_image.h"

namespace driftlab::ui {

HeatmapLayer::HeatmapLayer()
    : DensityImageLayer("heatmap", QStringLiteral("KDE heatmap"), QKeySequence("H"), -5.0, 2) {
  m_mapper->SetInputData(image());
  m_mapper->InterpolateScalarsBeforeMappingOn();
  m_mapper->SetScalarModeToUsePointData();
  m_actor->SetMapper(m_mapper);
  m_actor->GetProperty()->LightingOff();
  m_actor->PickableOff();
  addProp(m_actor);
  setEnabled(false);
}

void HeatmapLayer::redraw(DensityQuantity quantity, const DensityRange& range) {
  m_mapper->SetLookupTable(densityColorMap(quantity).lookupTable(range.lo, range.hi));
  m_mapper->SetScalarRange(range.lo, range.hi);
  m_mapper->Modified();
}

}  // namespace driftlab::ui
