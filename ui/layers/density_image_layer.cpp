#include "layers/density_image_layer.h"

#include <vtkActor.h>
#include <vtkLookupTable.h>
#include <vtkMapper.h>
#include <vtkProperty.h>

namespace driftlab::ui {

DensityImageLayer::DensityImageLayer(QString id, QString title, QKeySequence shortcut,
                                     double zOrder, int gridDim, bool middleSlice)
    : Layer(std::move(id), std::move(title), std::move(shortcut), zOrder),
      m_gridDim(gridDim),
      m_middleSlice(middleSlice) {
  setEnabled(false);
}

void DensityImageLayer::addDensityActor(vtkActor* actor, vtkMapper* mapper, bool lit) {
  actor->SetMapper(mapper);
  if (!lit) actor->GetProperty()->LightingOff();
  actor->PickableOff();
  addProp(actor);
}

void DensityImageLayer::colorByDensity(vtkMapper* mapper, const ColorMap& map,
                                       const DensityRange& range) {
  mapper->SetLookupTable(map.lookupTable(range.lo, range.hi));
  mapper->SetScalarRange(range.lo, range.hi);
}

void DensityImageLayer::update(const Snapshot& snapshot, const LayerFrame& frame) {
  const auto& grid = snapshot.grid;
  if (!grid || grid->resolution < 2 || static_cast<int>(grid->lo.size()) != m_gridDim) return;
  if (grid == m_shown && frame.quantity == m_quantity) return;
  m_shown = grid;
  m_quantity = frame.quantity;
  m_range = fillDensityImage(*grid, m_quantity, m_image, m_middleSlice ? grid->resolution / 2 : -1);
  redraw(m_quantity, m_range);
}

std::optional<ColorLegend> DensityImageLayer::legend() const {
  if (!m_shown) return std::nullopt;
  // One title per quantity, so that the heatmap, contours, slice and isosurface share a bar.
  return ColorLegend{quantityLabel(m_quantity) + " (KDE)", densityColorMap(m_quantity), m_range.lo,
                     m_range.hi};
}

}  // namespace driftlab::ui
