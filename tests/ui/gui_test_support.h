#pragma once
// Shared helpers for the UI tests: a QApplication prepared like driftlab-gui's, a window on a
// small scene, and waits that keep the Qt event loop running (the GUI polls the engine).
#include <QApplication>
#include <QElapsedTimer>
#include <QtTest>
#include <functional>

#include "app_setup.h"
#include "engine_bridge.h"
#include "main_window.h"
#include "vtk_view.h"

namespace driftlab::testing {

/// A validated 2D scene with N particles and M samples.
inline SceneConfig smallScene(std::int64_t n = 400, std::int64_t m = 400) {
  SceneConfig s;
  s.particles = n;
  s.samples = m;
  s.seed = 7;
  validateScene(s);
  return s;
}

/// A window that neither reads nor writes QSettings and starts paused; shown and exposed.
inline std::unique_ptr<ui::MainWindow> openWindow(const SceneConfig& scene) {
  ui::MainWindowOptions options;
  options.persistSettings = false;
  options.startRunning = false;
  auto window = std::make_unique<ui::MainWindow>(scene, options);
  window->resize(1200, 800);
  window->show();
  if (!QTest::qWaitForWindowExposed(window.get(), 10000)) return nullptr;
  // Window shortcuts (Space, Right, R, layer keys) only fire in the active window.
  window->activateWindow();
  if (!QTest::qWaitForWindowActive(window.get(), 10000)) return nullptr;
  QElapsedTimer clock;
  clock.start();
  while (!window->view()->isValid() && clock.elapsed() < 10000) QTest::qWait(10);
  return window->view()->isValid() ? std::move(window) : nullptr;
}

/// Pumps events until `done(latest snapshot)` or the timeout; returns whether it held.
inline bool waitForSnapshot(ui::EngineBridge* bridge,
                            const std::function<bool(const Snapshot&)>& done, int timeoutMs) {
  QElapsedTimer clock;
  clock.start();
  while (clock.elapsed() < timeoutMs) {
    if (done(*bridge->engine().latest())) {
      QTest::qWait(20);  // let the poll timer hand it to the window
      return true;
    }
    QTest::qWait(5);
  }
  return done(*bridge->engine().latest());
}

/// With DRIFTLAB_TEST_SHOTS=DIR set, saves `widget`'s image as DIR/name.png (pictures of the
/// GUI for reviews and issue notes); does nothing otherwise.
inline void saveShot(QWidget* widget, const QString& name) {
  const QString dir = qEnvironmentVariable("DRIFTLAB_TEST_SHOTS");
  if (dir.isEmpty() || !widget) return;
  QTest::qWait(100);  // let pending repaints land
  widget->grab().save(dir + "/" + name + ".png");
}

}  // namespace driftlab::testing

/// main() for a UI test: the GUI environment must be prepared before QApplication exists.
#define DRIFTLAB_GUI_TEST_MAIN(TestClass)     \
  int main(int argc, char** argv) {           \
    driftlab::ui::prepareGuiEnvironment();    \
    QApplication app(argc, argv);             \
    driftlab::ui::configureApplication(app);  \
    QStandardPaths::setTestModeEnabled(true); \
    TestClass test;                           \
    return QTest::qExec(&test, argc, argv);   \
  }
