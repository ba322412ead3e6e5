#include "pan_zoom_style.h"

#include <vtkCallbackCommand.h>
#include <vtkCamera.h>
#include <vtkObjectFactory.h>
#include <vtkRenderWindowInteractor.h>
#include <vtkRenderer.h>

namespace driftlab::ui {

vtkStandardNewMacro(PanZoomStyle);

void PanZoomStyle::OnLeftButtonDown() {
  const int* pos = Interactor->GetEventPosition();
  FindPokedRenderer(pos[0], pos[1]);
  if (!CurrentRenderer) return;
  GrabFocus(EventCallbackCommand);
  StartPan();
}

void PanZoomStyle::OnLeftButtonUp() {
  if (State == VTKIS_PAN) EndPan();
  if (Interactor) ReleaseFocus();
}

void PanZoomStyle::OnRightButtonDown() {
  const int* pos = Interactor->GetEventPosition();
  FindPokedRenderer(pos[0], pos[1]);
  if (!CurrentRenderer) return;
  GrabFocus(EventCallbackCommand);
  StartDolly();
}

void PanZoomStyle::OnRightButtonUp() {
  if (State == VTKIS_DOLLY) EndDolly();
  if (Interactor) ReleaseFocus();
}

void PanZoomStyle::OnMouseWheelForward() {
  zoomAtCursor(1.15);
}
void PanZoomStyle::OnMouseWheelBackward() {
  zoomAtCursor(1.0 / 1.15);
}

void PanZoomStyle::zoomAtCursor(double factor) {
  const int* pos = Interactor->GetEventPosition();
  FindPokedRenderer(pos[0], pos[1]);
  vtkRenderer* ren = CurrentRenderer;
  if (!ren) return;
  vtkCamera* cam = ren->GetActiveCamera();
  auto worldAt = [&](double out[3]) {
    ren->SetDisplayPoint(pos[0], pos[1], 0.0);
    ren->DisplayToWorld();
    const double* w = ren->GetWorldPoint();
    for (int k = 0; k < 3; ++k) out[k] = w[3] != 0.0 ? w[k] / w[3] : w[k];
  };
  double before[3], after[3];
  worldAt(before);
  if (cam->GetParallelProjection())
    cam->SetParallelScale(cam->GetParallelScale() / factor);
  else
    cam->Dolly(factor);
  worldAt(after);
  double p[3], f[3];
  cam->GetPosition(p);
  cam->GetFocalPoint(f);
  // Keep the point under the cursor fixed (only in the view plane).
  for (int k = 0; k < 2; ++k) {
    p[k] += before[k] - after[k];
    f[k] += before[k] - after[k];
  }
  cam->SetPosition(p);
  cam->SetFocalPoint(f);
  ren->ResetCameraClippingRange();
  Interactor->Render();
}

}  // namespace driftlab::ui
