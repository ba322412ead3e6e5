#include "headless_capture.h"

#include <QApplication>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QImage>
#include <QThread>
#include <cstdio>

#include "base/input_error.h"
#include "curves_panel.h"
#include "engine_bridge.h"
#include "event_pump.h"
#include "layer_stack.h"
#include "main_window.h"
#include "presenter_mode.h"
#include "scene/scene_json.h"
#include "vtk_view.h"

namespace driftlab::ui {

namespace {

void fail(const std::string& line) {
  std::fprintf(stderr, "driftlab-gui: %s\n", line.c_str());
}

}  // namespace

int runHeadlessCapture(const CaptureRequest& request) {
  SceneConfig scene;
  try {
    scene = loadSceneFile(request.scenePath.toStdString());
  } catch (const InputError& e) {
    fail(e.what());
    return 2;
  }
  MainWindowOptions options;
  options.persistSettings = false;
  options.startRunning = false;
  options.scenePath = request.scenePath;
  MainWindow window(scene, options);
  if (request.viewOnly) {
    for (QDockWidget* dock : window.findChildren<QDockWidget*>()) dock->hide();
    window.view()->setFixedSize(request.size);
  } else {
    window.resize(request.size);
  }
  window.show();
  if (request.presenter) {
    window.presenter()->setFullScreenEnabled(false);
    window.presenter()->enter();
  }
  const int timeoutMs = request.timeoutSeconds * 1000;
  if (!pumpUntil([&] { return window.view()->isValid(); }, 10000)) {
    fail("capture: the OpenGL view did not initialise (is there a display? try xvfb-run -a)");
    return 1;
  }
  EngineBridge* bridge = window.bridge();
  bridge->poll();  // the layers see the first snapshot and ask for the display grid
  QApplication::processEvents();
  // One step at a time, each shown to the layers (without rendering), so that trails and
  // curves see every step as they would in the running window.
  QElapsedTimer clock;
  clock.start();
  const std::int64_t steps = request.steps >= 0 ? request.steps : scene.steps;
  for (std::int64_t k = 1; k <= steps; ++k) {
    bridge->stepOnce();
    const auto left = std::chrono::milliseconds(std::max<qint64>(1, timeoutMs - clock.elapsed()));
    if (!bridge->engine().waitFor(
            [&](const Snapshot& s) { return s.step >= k || !s.error.empty(); }, left)) {
      fail("capture: timed out after " + std::to_string(request.timeoutSeconds) + " s");
      return 1;
    }
    if (!bridge->engine().latest()->error.empty()) break;
    bridge->poll();
  }
  if (!bridge->engine().latest()->error.empty()) {
    fail(bridge->engine().latest()->error);
    return 1;
  }
  if (window.layerStack()->gridWanted()) {
    // The grid is sampled every few steps while running; take one at the final step.
    const auto before = bridge->engine().latest()->grid;
    window.layerStack()->requestFreshGrid();
    bridge->engine().waitFor([&](const Snapshot& s) { return s.grid && s.grid != before; },
                             std::chrono::milliseconds(timeoutMs));
  }
  bridge->poll();
  window.layerStack()->refresh();  // colour bars throttled while stepping show the last step
  window.curves()->redraw();
  // Qt Charts lays axes out (label widths) on posted events; a second pass settles them.
  for (int pass = 0; pass < 2; ++pass) {
    pumpUntil([] { return false; }, 60);
    window.curves()->redraw();
  }
  for (int i = 0; i < 5; ++i) QApplication::processEvents();
  const QImage image = window.captureImage(request.viewOnly);
  if (image.isNull() || !image.save(request.output, "PNG")) {
    fail("capture: cannot write '" + request.output.toStdString() + "'");
    return 1;
  }
  return 0;
}

}  // namespace driftlab::ui
