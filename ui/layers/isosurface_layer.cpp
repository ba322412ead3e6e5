#include "layers/isosurface_layer.h"

#include <vtkProperty.h>

#include "layers/density_image.h"

namespace driftlab::ui {

IsosurfaceLayer::IsosurfaceLayer()
    : DensityImageLayer("isosurface", QStringLiteral("KDE isosurface (3D)"), QKeySequence("I"), 0.0,
                        3) {
  m_contours->SetInputData(image());
  m_contours->ComputeNormalsOn();
  m_contours->ComputeScalarsOn();
  m_mapper->SetInputConnection(m_contours->GetOutputPort());
  m_actor->GetProperty()->SetOpacity(0.35);
  m_actor->GetProperty()->SetSpecular(0.3);
  addDensityActor(m_actor, m_mapper, /*lit=*/true);
}

void IsosurfaceLayer::redraw(DensityQuantity quantity, const DensityRange& range) {
  if (quantity == DensityQuantity::kDifference) {
    m_contours->SetNumberOfContours(2);
    m_contours->SetValue(0, 0.3 * range.hi);
    m_contours->SetValue(1, 0.3 * range.lo);
  } else {
    m_contours->SetNumberOfContours(1);
    m_contours->SetValue(0, 0.25 * range.hi);
  }
  colorByDensity(m_mapper, densityColorMap(quantity), range);
  m_contours->Modified();
}

}  // namespace driftlab::ui
