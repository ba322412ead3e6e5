/// driftlab-gui: the desktop application (Qt 6 + VTK). With --screenshot it runs headless:
/// `driftlab-gui SCENE.json --steps K --screenshot F.png` writes the window's image and exits.
#include <QApplication>
#include <QCommandLineParser>
#include <QFile>
#include <QSettings>
#include <cstdio>

#include "app_setup.h"
#include "base/input_error.h"
#include "examples_menu.h"
#include "fps_probe.h"
#include "headless_capture.h"
#include "main_window.h"
#include "scene/scene_json.h"

namespace {

/// The scene to open: the argument, else the last scene (if still readable), else the default.
driftlab::SceneConfig startupScene(const QString& arg, QString& path) {
  using driftlab::loadSceneFile;
  if (!arg.isEmpty()) {
    path = arg;
    return loadSceneFile(arg.toStdString());
  }
  const QString last = QSettings().value("scene/last").toString();
  if (!last.isEmpty() && QFile::exists(last)) {
    try {
      path = last;
      return driftlab::ui::loadScenePath(last);  // a file or a preset (":/scenes/...")
    } catch (const driftlab::InputError&) {
    }
  }
  path.clear();
  QFile preset(":/scenes/default.json");
  if (preset.open(QIODevice::ReadOnly)) return driftlab::parseScene(preset.readAll().toStdString());
  return driftlab::defaultScene();
}

}  // namespace

int main(int argc, char** argv) {
  driftlab::ui::prepareGuiEnvironment();
  // Without a display Qt's xcb plugin aborts with a multi-line dump; say it in one line.
  if (qgetenv("QT_QPA_PLATFORM") == "xcb" && qEnvironmentVariableIsEmpty("DISPLAY")) {
    std::fprintf(stderr,
                 "driftlab-gui: display: DISPLAY is not set; allowed: run under X (or "
                 "xvfb-run -a), or use `driftlab run SCENE.json` headless\n");
    return 1;
  }
  QApplication app(argc, argv);
  driftlab::ui::configureApplication(app);

  QCommandLineParser parser;
  parser.setApplicationDescription("DriftLab: an interactive laboratory for drifting flows.");
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument("scene", "Scene file (JSON) to open.", "[SCENE.json]");
  QCommandLineOption steps(
      "steps", "With --screenshot: steps to run first (default: the scene's steps).", "K", "-1");
  QCommandLineOption shot("screenshot", "Run headless: write the window's image and exit.",
                          "F.png");
  QCommandLineOption size("size", "With --screenshot: window size.", "WxH", "1400x900");
  QCommandLineOption viewOnly("view-only", "With --screenshot: capture only the 3D view.");
  QCommandLineOption presenter(
      "presenter", "With --screenshot: capture the window in presenter mode (at --size).");
  QCommandLineOption fps(
      "measure-fps", "Play the scene for S seconds with continuous repaints; print frames/s.", "S");
  parser.addOptions({steps, shot, size, viewOnly, presenter, fps});
  parser.process(app);
  const QString sceneArg = parser.positionalArguments().value(0);

  if (parser.isSet(fps)) {
    const QStringList wh = parser.value(size).split('x');
    if (sceneArg.isEmpty() || wh.size() != 2) {
      std::fprintf(stderr, "driftlab-gui: scene: --measure-fps needs a scene file\n");
      return 2;
    }
    return driftlab::ui::runFpsProbe(sceneArg, parser.value(fps).toDouble(), wh[0].toInt(),
                                     wh[1].toInt());
  }
  if (parser.isSet(shot)) {
    driftlab::ui::CaptureRequest request;
    request.scenePath = sceneArg;
    request.output = parser.value(shot);
    bool ok = true;
    request.steps = parser.value(steps).toInt(&ok);
    const QStringList wh = parser.value(size).split('x');
    const bool sizeOk = wh.size() == 2 && wh[0].toInt() > 0 && wh[1].toInt() > 0;
    if (sceneArg.isEmpty() || !ok || (parser.isSet(steps) && request.steps < 0) || !sizeOk) {
      std::fprintf(stderr, "driftlab-gui: %s\n",
                   sceneArg.isEmpty() ? "scene: --screenshot needs a scene file"
                   : !sizeOk          ? "--size: expected WxH with positive integers"
                                      : "--steps: expected an integer >= 0");
      return 2;
    }
    request.size = QSize(wh[0].toInt(), wh[1].toInt());
    request.viewOnly = parser.isSet(viewOnly);
    request.presenter = parser.isSet(presenter);
    return driftlab::ui::runHeadlessCapture(request);
  }

  QString path;
  driftlab::SceneConfig scene;
  try {
    scene = startupScene(sceneArg, path);
  } catch (const driftlab::InputError& e) {
    std::fprintf(stderr, "driftlab-gui: %s\n", e.what());
    return 2;
  }
  driftlab::ui::MainWindowOptions options;
  options.scenePath = path;
  driftlab::ui::MainWindow window(scene, options);
  window.show();
  return app.exec();
}
