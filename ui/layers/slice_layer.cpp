#include "layers/slice_layer.h"

#include <vtkLookupTable.h>
#include <vtkProperty.h>

#include "layers/density_image.h"

namespace driftlab::ui {

SliceLayer::SliceLayer()
    : Layer("slice", QStringLiteral("KDE slice plane (3D)"), QKeySequence("L"), 0.0) {
  m_mapper->SetInputData(m_image);
  m_mapper->InterpolateScalarsBeforeMappingOn();
  m_actor->SetMapper(m_mapper);
  m_actor->GetProperty()->LightingOff();
  m_actor->GetProperty()->SetOpacity(0.85);
  m_actor->PickableOff();
  addProp(m_actor);
  setEnabled(false);
}

void SliceLayer::update(const Snapshot& snapshot, const LayerFrame& frame) {
  const auto& grid = snapshot.grid;
  if (!grid || grid->resolution < 2 || grid->lo.size() != 3) return;
  if (grid == m_shown && frame.quantity == m_quantity) return;
  m_shown = grid;
  m_quantity = frame.quantity;
  const DensityRange range = fillDensityImage(*grid, m_quantity, m_image, grid->resolution / 2);
  m_mapper->SetLookupTable(densityColorMap(m_quantity).lookupTable(range.lo, range.hi));
  m_mapper->SetScalarRange(range.lo, range.hi);
  m_mapper->Modified();
}

}  // namespace driftlab::ui
