#pragma once
/// SpriteCloud: the VTK pipeline for a set of points drawn as sprites with per-point RGB
/// colours (poly data with one vertex cell per point, a direct-colour mapper, an actor).
#include <vtkActor.h>
#include <vtkFloatArray.h>
#include <vtkNew.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkUnsignedCharArray.h>

#include "base/point_set.h"

namespace driftlab::ui {

class SpriteCloud {
 public:
  explicit SpriteCloud(double sizePixels);
  vtkActor* actor() { return m_actor; }
  /// Copies every `stride`-th position; the vertex cells are rebuilt only when the count
  /// changes.
  void setPositions(const PointSet& X, Eigen::Index stride = 1);
  /// count() x 3 bytes to fill; call colorsChanged() after.
  unsigned char* colorBuffer();
  void colorsChanged();
  /// Every point the same colour.
  void fillColor(unsigned char r, unsigned char g, unsigned char b);
  void setSize(double sizePixels);
  vtkIdType count() const { return m_count; }

 private:
  vtkNew<vtkFloatArray> m_coords;
  vtkNew<vtkUnsignedCharArray> m_colors;
  vtkNew<vtkPolyData> m_poly;
  vtkNew<vtkPolyDataMapper> m_mapper;
  vtkNew<vtkActor> m_actor;
  vtkIdType m_count = -1;
};

}  // namespace driftlab::ui
