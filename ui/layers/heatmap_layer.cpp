#include "layers/heatmap_layer.h"

#include <vtkLookupTable.h>
#include <vtkProperty.h>

#include "layers/color_maps.h"
#include "layers/density_image.h"

namespace driftlab::ui {

HeatmapLayer::HeatmapLayer()
    : Layer("heatmap", QStringLiteral("KDE heatmap"), QKeySequence("H"), -5.0) {
  m_mapper->SetInputData(m_image);
  m_mapper->InterpolateScalarsBeforeMappingOn();
  m_mapper->SetScalarModeToUsePointData();
  m_actor->SetMapper(m_mapper);
  m_actor->GetProperty()->LightingOff();
  m_actor->PickableOff();
  addProp(m_actor);
  setEnabled(false);
}

void HeatmapLayer::update(const Snapshot& snapshot, const LayerFrame& frame) {
  const auto& grid = snapshot.grid;
  if (!grid || grid->resolution < 2 || grid->lo.size() != 2) return;
  if (grid == m_shown && frame.quantity == m_quantity) return;
  m_shown = grid;
  m_quantity = frame.quantity;
  const DensityRange range = fillDensityImage(*grid, m_quantity, m_image);
  m_mapper->SetLookupTable(densityColorMap(m_quantity).lookupTable(range.lo, range.hi));
  m_mapper->SetScalarRange(range.lo, range.hi);
  m_mapper->Modified();
}

}  // namespace driftlab::ui
