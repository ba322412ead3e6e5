#include "headless_capture.h"

#include <QApplication>
#include <QDockWidget>
#include <QElapsedTimer>
#include <QImage>
#include <QThread>
#include <algorithm>
#include <cstdio>

#include "base/input_error.h"
#include "curves_panel.h"
#include "engine_bridge.h"
#include "event_pump.h"
#include "layer_stack.h"
#include "main_window.h"
#include "presenter_mode.h"
#include "scene/scene_json.h"
#include "split_view.h"
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
  if (request.presenter && window.size() != request.size) {
    // A split view's docks widened the window before presenter mode hid them.
    QApplication::processEvents();
    window.resize(request.size);
    pumpUntil([&] { return window.size() == request.size; }, 2000);
  }
  EngineBridge* bridge = window.bridge();
  // Split view: the right side follows every step of the main one; each is shown in turn.
  std::vector<std::pair<EngineBridge*, LayerStack*>> sides{{bridge, window.layerStack()}};
  if (SplitView* split = window.splitView(); split->isOpen())
    sides.emplace_back(split->rightBridge(), split->rightLayers());
  for (auto [b, layers] : sides) {
    // The first snapshot has positions only; wait for the worker's step 0 with velocities
    // and diagnostics, so that a capture at step 0 does not depend on timing.
    b->engine().waitFor(
        [](const Snapshot& s) { return !s.diagnostics.values.empty() || !s.error.empty(); },
        std::chrono::milliseconds(timeoutMs));
    b->poll();  // the layers see the first snapshot, ask for the grid
  }
  QApplication::processEvents();
  // One step at a time, each shown to the layers (without rendering), so that trails and
  // curves see every step as they would in the running window.
  QElapsedTimer clock;
  clock.start();
  const std::int64_t steps = request.steps >= 0 ? request.steps : scene.steps;
  for (std::int64_t k = 1; k <= steps; ++k) {
    // A flow's own time grid (pf-ode) may end before `steps`: the capture shows its end.
    if (std::all_of(sides.begin(), sides.end(),
                    [](const auto& side) { return side.first->engine().latest()->finished; }))
      break;
    bridge->stepOnce();
    bool failed = false;
    for (auto [b, layers] : sides) {
      const auto left = std::chrono::milliseconds(std::max<qint64>(1, timeoutMs - clock.elapsed()));
      if (!b->engine().waitFor(
              [&](const Snapshot& s) { return s.step >= k || !s.error.empty() || s.finished; },
              left)) {
        fail("capture: timed out after " + std::to_string(request.timeoutSeconds) + " s");
        return 1;
      }
      failed = failed || !b->engine().latest()->error.empty();
      b->poll();
    }
    if (failed) break;
  }
  for (auto [b, layers] : sides) {
    if (!b->engine().latest()->error.empty()) {
      fail(b->engine().latest()->error);
      return 1;
    }
    if (layers->gridWanted()) {
      // The grid is sampled every few steps while running; take one at the final step.
      // Wait for a grid of the final state: one sampled a few steps earlier may still be
      // the newest when the request arrives.
      layers->requestFreshGrid();
      b->engine().waitFor([&](const Snapshot& s) { return s.grid && s.grid->step == s.step; },
                          std::chrono::milliseconds(timeoutMs));
    }
    b->poll();
    layers->refresh();  // colour bars throttled while stepping show the last step
  }
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
