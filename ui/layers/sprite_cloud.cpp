#include "layers/sprite_cloud.h"

#include <vtkCellArray.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkProperty.h>

#include "layers/point_geometry.h"
#include "layers/point_sprite.h"

namespace driftlab::ui {

SpriteCloud::SpriteCloud(double sizePixels) {
  m_coords->SetNumberOfComponents(3);
  vtkNew<vtkPoints> points;
  points->SetData(m_coords);
  m_poly->SetPoints(points);
  m_colors->SetNumberOfComponents(3);
  m_colors->SetName("colors");
  m_poly->GetPointData()->SetScalars(m_colors);
  m_mapper->SetInputData(m_poly);
  m_mapper->SetColorModeToDirectScalars();
  m_mapper->SetScalarModeToUsePointData();
  m_mapper->ScalarVisibilityOn();
  m_mapper->StaticOn();  // no pipeline updates: we modify the arrays in place
  m_actor->SetMapper(m_mapper);
  m_actor->PickableOff();
  usePointSprites(m_actor, sizePixels);
}

void SpriteCloud::setPositions(const PointSet& X, Eigen::Index stride) {
  fillCoordinates(X, m_coords, stride);
  if (m_coords->GetNumberOfTuples() != m_count) {
    m_count = m_coords->GetNumberOfTuples();
    m_poly->SetVerts(vertexCells(m_count));
    m_colors->SetNumberOfTuples(m_count);
  }
  m_poly->GetPoints()->Modified();
  m_poly->Modified();
}

unsigned char* SpriteCloud::colorBuffer() {
  if (m_colors->GetNumberOfTuples() != std::max<vtkIdType>(m_count, 0))
    m_colors->SetNumberOfTuples(std::max<vtkIdType>(m_count, 0));
  return m_colors->GetPointer(0);
}

void SpriteCloud::colorsChanged() {
  m_colors->Modified();
  m_poly->Modified();
}

void SpriteCloud::fillColor(unsigned char r, unsigned char g, unsigned char b) {
  unsigned char* c = colorBuffer();
  for (vtkIdType i = 0; i < m_count; ++i) {
    c[3 * i] = r;
    c[3 * i + 1] = g;
    c[3 * i + 2] = b;
  }
  colorsChanged();
}

void SpriteCloud::setSize(double sizePixels) {
  m_actor->GetProperty()->SetPointSize(float(sizePixels));
}

}  // namespace driftlab::ui
