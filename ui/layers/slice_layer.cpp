#include "layers/slice_layer.h"

#include <vtkLookupTable.h>
#include <vtkProperty.h>

#include "layers/density_image.h"

namespace driftlab::ui {

SliceLayer::SliceLayer()
    : DensityImageLayer("slice", QStringLiteral("KDE slice plane (3D)"), QKeySequence("L"), 0.0, 3,
                        /*middleSlice=*/true) {
  m_mapper->SetInputData(image());
  m_mapper->InterpolateScalarsBeforeMappingOn();
  m_actor->SetMapper(m_mapper);
  m_actor->GetProperty()->LightingOff();
  m_actor->GetProperty()->SetOpacity(0.85);
  m_actor->PickableOff();
  addProp(m_actor);
  setEnabled(false);
}

void SliceLayer::redraw(DensityQuantity quantity, const DensityRange& range) {
  m_mapper->SetLookupTable(densityColorMap(quantity).lookupTable(range.lo, range.hi));
  m_mapper->SetScalarRange(range.lo, range.hi);
  m_mapper->Modified();
}

}  // namespace driftlab::ui
