#include "fps_probe.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTimer>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "base/input_error.h"
#include "engine_bridge.h"
#include "layer_stack.h"
#include "layers/particle_layer.h"
#include "main_window.h"
#include "scene/scene_json.h"
#include "vtk_view.h"

namespace driftlab::ui {

namespace {
double percentile(std::vector<double> v, double q) {
  if (v.empty()) return 0.0;
  std::sort(v.begin(), v.end());
  return v[std::size_t(q * double(v.size() - 1))];
}
}  // namespace

int runFpsProbe(const QString& scenePath, double seconds, int width, int height) {
  SceneConfig scene;
  try {
    scene = loadSceneFile(scenePath.toStdString());
  } catch (const InputError& e) {
    std::fprintf(stderr, "driftlab-gui: %s\n", e.what());
    return 2;
  }
  MainWindowOptions options;
  options.persistSettings = false;
  options.startRunning = true;
  options.scenePath = scenePath;
  MainWindow window(scene, options);
  window.resize(width, height);
  window.show();

  std::vector<double> gaps, paints;
  QElapsedTimer tick, total;
  qint64 frames0 = -1;
  std::int64_t steps0 = 0;
  QTimer ticker;
  ticker.setTimerType(Qt::PreciseTimer);
  ticker.setInterval(16);
  QObject::connect(&ticker, &QTimer::timeout, [&] {
    if (frames0 < 0) {  // start measuring once the first frame is on screen
      if (window.view()->framesPainted() == 0) return;
      frames0 = window.view()->framesPainted();
      steps0 = window.bridge()->current()->step;
      total.start();
      tick.start();
      return;
    }
    gaps.push_back(double(tick.nsecsElapsed()) / 1e6);
    tick.restart();
    window.view()->update();
    if (total.elapsed() > seconds * 1000) QApplication::quit();
  });
  QObject::connect(window.view(), &VtkView::framePainted,
                   [&] { paints.push_back(window.view()->lastPaintMs()); });
  std::int64_t curvePoints = 0;  // diagnostic rows with values (the curves' new points)
  QObject::connect(window.bridge(), &EngineBridge::diagnosticsArrived,
                   [&](const std::vector<DiagnosticRow>& rows) {
                     if (frames0 < 0) return;
                     for (const auto& r : rows)
                       curvePoints += std::any_of(r.values.begin(), r.values.end(),
                                                  [](double v) { return !std::isnan(v); });
                   });
  ticker.start();
  QApplication::exec();
  const double elapsed = double(total.elapsed()) / 1000.0;
  const qint64 frames = window.view()->framesPainted() - frames0;
  const std::int64_t steps = window.bridge()->current()->step - steps0;
  std::printf(
      "N=%lld M=%lld dim=%d backend=%s window=%dx%d: %.1f frames/s, paint median %.1f ms "
      "(p95 %.1f), GUI tick gap median %.1f ms max %.1f ms, %.1f steps/s, %.1f curve points/s, "
      "drawing 1 in %lld particles\n",
      static_cast<long long>(scene.particles), static_cast<long long>(scene.samples), scene.dim,
      window.bridge()->current()->backend.c_str(), width, height, frames / elapsed,
      percentile(paints, 0.5), percentile(paints, 0.95), percentile(gaps, 0.5),
      percentile(gaps, 1.0), steps / elapsed, double(curvePoints) / elapsed,
      static_cast<long long>(window.layerStack()->particles()->stride()));
  return 0;
}

}  // namespace driftlab::ui
