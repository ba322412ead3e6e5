#include "app_setup.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include <QApplication>
#include <QPalette>
#include <QStyleFactory>
#include <QSurfaceFormat>

// Resources compiled into a static library must be registered explicitly (at global scope).
static void initDriftLabResources() {
  Q_INIT_RESOURCE(driftlab);
}

namespace driftlab::ui {

void prepareGuiEnvironment() {
  // On a Wayland-only session (no X server at all) leave Qt's choice alone.
  const bool waylandOnly =
      qEnvironmentVariableIsEmpty("DISPLAY") && !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY");
  if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && !waylandOnly)
    qputenv("QT_QPA_PLATFORM", "xcb");
  // Without XDG_RUNTIME_DIR (cron, CI, ssh) Qt falls back to /tmp/runtime-<user> and says so
  // on stderr, which would make `driftlab record`'s one-line errors two lines: make the same
  // private folder ourselves.
  if (qEnvironmentVariableIsEmpty("XDG_RUNTIME_DIR")) {
    const QByteArray dir = "/tmp/runtime-" + QByteArray::number(uint(getuid()));
    if (mkdir(dir.constData(), 0700) == 0 || errno == EEXIST) {
      struct stat st {};
      if (stat(dir.constData(), &st) == 0 && st.st_uid == getuid() && (st.st_mode & 077) == 0)
        qputenv("XDG_RUNTIME_DIR", dir);
    }
  }
  QSurfaceFormat format;
  format.setRenderableType(QSurfaceFormat::OpenGL);
  format.setVersion(3, 2);
  format.setProfile(QSurfaceFormat::CoreProfile);
  format.setDepthBufferSize(24);
  format.setStencilBufferSize(8);
  format.setSwapBehavior(QSurfaceFormat::DoubleBuffer);
  QSurfaceFormat::setDefaultFormat(format);
  QApplication::setAttribute(Qt::AA_ShareOpenGLContexts);
}

namespace {
QPalette darkPalette() {
  QPalette p;
  const QColor window(38, 41, 48), base(27, 29, 35), text(222, 226, 233);
  const QColor disabled(120, 124, 132);
  p.setColor(QPalette::Window, window);
  p.setColor(QPalette::WindowText, text);
  p.setColor(QPalette::Base, base);
  p.setColor(QPalette::AlternateBase, window);
  p.setColor(QPalette::ToolTipBase, QColor(50, 54, 62));
  p.setColor(QPalette::ToolTipText, text);
  p.setColor(QPalette::Text, text);
  p.setColor(QPalette::Button, QColor(48, 52, 60));
  p.setColor(QPalette::ButtonText, text);
  p.setColor(QPalette::Highlight, QColor(70, 140, 210));
  p.setColor(QPalette::HighlightedText, Qt::white);
  p.setColor(QPalette::PlaceholderText, QColor(130, 136, 146));
  p.setColor(QPalette::Disabled, QPalette::Text, disabled);
  p.setColor(QPalette::Disabled, QPalette::ButtonText, disabled);
  p.setColor(QPalette::Disabled, QPalette::WindowText, disabled);
  return p;
}
}  // namespace

void configureApplication(QApplication& app) {
  initDriftLabResources();
  QApplication::setOrganizationName("DriftLab");
  QApplication::setApplicationName("driftlab-gui");
  QApplication::setApplicationVersion(DRIFTLAB_VERSION);  // CMake's project version
  if (QStyle* fusion = QStyleFactory::create("Fusion")) QApplication::setStyle(fusion);
  app.setPalette(darkPalette());
}

}  // namespace driftlab::ui
