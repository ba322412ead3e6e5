#pragma once
/// Headless capture: `driftlab-gui SCENE.json --steps K --screenshot F.png` runs K steps,
/// renders once and writes the window's image (used by the render test and for the README).
#include <QSize>
#include <QString>

namespace driftlab::ui {

struct CaptureRequest {
  QString scenePath;
  int steps = -1;  ///< < 0: the scene's "steps"
  QString output;
  QSize size{1400, 900};   ///< the window's size (view only: the view's size)
  bool viewOnly = false;   ///< capture the 3D view alone, at exactly `size`
  bool presenter = false;  ///< in presenter mode (not full screen): the window at `size`
  int timeoutSeconds = 120;
};

/// Runs the capture inside a running QApplication. Returns the process exit status: 0 on
/// success, 2 on bad input (one line on stderr naming the field), 1 on other failures.
int runHeadlessCapture(const CaptureRequest& request);

}  // namespace driftlab::ui
