#pragma once
/// FpsProbe: `driftlab-gui SCENE.json --measure-fps S` plays the scene in the normal window,
/// requests a repaint on every 16 ms tick (continuous rendering, the worst case for the GUI
/// thread) and after S seconds prints frames/s, paint times, GUI tick gaps and steps/s.
class QString;

namespace driftlab::ui {

/// Runs inside a QApplication; returns the exit status (2: bad scene).
int runFpsProbe(const QString& scenePath, double seconds, int width, int height);

}  // namespace driftlab::ui
