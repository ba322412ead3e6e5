#pragma once
/// What every DriftLab GUI process (the app and the UI tests) does around QApplication.
class QApplication;

namespace driftlab::ui {

/// Before QApplication: prefer xcb when QT_QPA_PLATFORM is unset and an X server may be there
/// (VTK 9.1's GLEW needs GLX),
/// make OpenGL 3.2 Core with a 24-bit depth buffer the default surface format, share contexts.
void prepareGuiEnvironment();
/// After QApplication: names for QSettings, the Fusion style with a dark palette.
void configureApplication(QApplication& app);

}  // namespace driftlab::ui
