#include "layers/slice_layer.h"

#include <vtkProperty.h>

#include "layers/density_image.h"

namespace driftlab::ui {

SliceLayer::SliceLayer()
    : DensityImageLayer("slice", QStringLiteral("KDE slice plane (3D)"), QKeySequence("L"), 0.0, 3,
                        /*middleSlice=*/true) {
  m_mapper->SetInputData(image());
  m_mapper->InterpolateScalarsBeforeMappingOn();
  m_actor->GetProperty()->SetOpacity(0.85);
  addDensityActor(m_actor, m_mapper);
}

void SliceLayer::redraw(DensityQuantity quantity, const DensityRange& range) {
  colorByDensity(m_mapper, densityColorMap(quantity), range);
  m_mapper->Modified();
}

}  // namespace driftlab::ui
