#pragma once
/// ArrowLines: many arrows drawn as line segments (a shaft and a two-stroke head each), with
/// one RGB colour per arrow. Cheap enough to rebuild every frame for thousands of arrows.
#include <vtkActor.h>
#include <vtkNew.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vector>

namespace driftlab::ui {

class ArrowLines {
 public:
  ArrowLines();
  vtkActor* actor() { return m_actor; }
  /// tails, vectors: 3 floats per arrow; colors: 3 bytes per arrow.
  void set(const std::vector<float>& tails, const std::vector<float>& vectors,
           const std::vector<unsigned char>& colors);

 private:
  vtkNew<vtkPolyData> m_poly;
  vtkNew<vtkPolyDataMapper> m_mapper;
  vtkNew<vtkActor> m_actor;
};

}  // namespace driftlab::ui
