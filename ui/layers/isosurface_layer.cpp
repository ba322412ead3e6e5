#include "layers/isosurface_layer.h"

#include <vtkLookupTable.h>
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
  m_actor->SetMapper(m_mapper);
  m_actor->GetProperty()->SetOpacity(0.35);
  m_actor->GetProperty()->SetSpecular(0.3);
  m_actor->PickableOff();
  addProp(m_actor);
  setEnabled(false);
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
  m_mapper->SetLookupTable(densityColorMap(quantity).lookupTable(range.lo, range.hi));
  m_mapper->SetScalarRange(range.lo, range.hi);
  m_contours->Modified();
}

}  // namespace driftlab::ui
