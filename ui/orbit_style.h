#pragma once
/// Trackball-camera interaction for the 3D view (left drag orbits, middle pans, right drag and
/// the wheel dolly), with VTK's default character keys disabled.
#include <vtkInteractorStyleTrackballCamera.h>

namespace driftlab::ui {

class OrbitStyle : public vtkInteractorStyleTrackballCamera {
 public:
  static OrbitStyle* New();
  vtkTypeMacro(OrbitStyle, vtkInteractorStyleTrackballCamera) void OnChar() override {}
  void OnKeyPress() override {}
};

}  // namespace driftlab::ui
