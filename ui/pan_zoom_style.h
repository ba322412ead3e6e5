#pragma once
/// Image-style interaction for the 2D view: left or middle drag pans, right drag and the wheel
/// zoom (the wheel keeps the point under the cursor fixed). VTK's default character keys
/// (wireframe, exit, ...) are disabled; DriftLab's shortcuts live in Qt actions.
#include <vtkInteractorStyleImage.h>

namespace driftlab::ui {

class PanZoomStyle : public vtkInteractorStyleImage {
 public:
  static PanZoomStyle* New();
  vtkTypeMacro(PanZoomStyle, vtkInteractorStyleImage)

      void OnLeftButtonDown() override;
  void OnLeftButtonUp() override;
  void OnRightButtonDown() override;
  void OnRightButtonUp() override;
  void OnMouseWheelForward() override;
  void OnMouseWheelBackward() override;
  void OnChar() override {}
  void OnKeyPress() override {}

 private:
  /// Zooms by `factor` (> 1: in) about the display position of the last event.
  void zoomAtCursor(double factor);
};

}  // namespace driftlab::ui
