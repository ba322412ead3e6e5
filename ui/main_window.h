#pragma once
/// MainWindow: the DriftLab desktop window. The VTK view in the centre, the live controls and
/// display options in a left dock, the diagnostic curves in a bottom dock, menus, a status bar
/// (the last message, step, N, play and compute rates, the effective step, frames/s, backend)
/// and QSettings for the window layout and the last scene. The docks never take more than half
/// the window's width or height: the view keeps at least half of each at any window size.
#include <QMainWindow>
#include <QTimer>

#include "scene/scene_config.h"

class QLabel;
class QAction;
class QDockWidget;

namespace driftlab::ui {

class EngineBridge;
class VtkView;
class LayerStack;
class ControlPanel;
class LayerPanel;
class CurvesPanel;
class HelpOverlay;
class RecordController;
class RecentScenes;
class CaptionOverlay;
class PresenterMode;
class TourPlayer;
class SplitView;
class Inspector;
class DrawTargetTool;
class SweepPanel;

struct MainWindowOptions {
  bool persistSettings = true;  ///< restore/save window layout and the last scene path
  bool startRunning = true;     ///< play as soon as the window opens
  QString scenePath;            ///< file the scene came from (title, Save default)
};

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  /// scene: validated.
  explicit MainWindow(const SceneConfig& scene, MainWindowOptions options = {},
                      QWidget* parent = nullptr);
  ~MainWindow() override;

  EngineBridge* bridge() const { return m_bridge; }
  VtkView* view() const { return m_view; }
  LayerStack* layerStack() const { return m_layers; }
  ControlPanel* controls() const { return m_controls; }
  CurvesPanel* curves() const { return m_curves; }
  HelpOverlay* helpOverlay() const { return m_help; }
  RecordController* recorder() const { return m_recorder; }
  RecentScenes* recentScenes() const { return m_recent; }
  CaptionOverlay* captionOverlay() const { return m_caption; }
  PresenterMode* presenter() const { return m_presenter; }
  TourPlayer* tourPlayer() const { return m_tour; }
  SplitView* splitView() const { return m_split; }
  Inspector* inspector() const { return m_inspector; }
  DrawTargetTool* drawTool() const { return m_drawTool; }
  /// Tools > Rate sweep's panel (nullptr until first opened).
  SweepPanel* sweepPanel() const { return m_sweepPanel; }
  /// The action with this object name ("action.play", "action.layer.particles", ...).
  QAction* action(const QString& name) const;

  /// Loads and applies a scene file (with its layers and camera), or starts a tour file. On
  /// bad input shows the one-line error, keeps the current state and returns false.
  bool openScene(const QString& path);
  /// Writes the running scene with the current layers and camera.
  bool saveScene(const QString& path);
  /// The running scene plus the GUI's layers and camera objects.
  SceneConfig sceneForSaving() const;
  /// The window's image (viewOnly: just the 3D view's framebuffer).
  QImage captureImage(bool viewOnly);
  /// The message shown in the status bar (errors included).
  QString statusMessage() const;
  /// Shows a one-line message; errors in red.
  void showMessage(const QString& text, bool error);
  /// The status bar's rate read-out ("play 12 steps/s  compute 850/s").
  QString rateText() const;

 public slots:
  /// Refreshes the status bar read-outs now (a timer does it 4 times a second).
  void updateStatus();

 protected:
  void closeEvent(QCloseEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;
  /// Scene and tour files dropped on the window open as File > Open would.
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

 private:
  void buildDocks();
  void buildMenus();
  void buildStatusBar();
  /// Caps the docks at half the window (each direction) so that the view keeps the rest.
  void limitDocks();
  void showFocusHint(QWidget* now);
  /// "DriftLab - <file>[*]": the file's name and a mark while the scene differs from it.
  void updateTitle();
  QAction* makeAction(const QString& name, const QString& text, const QKeySequence& key);
  void applySceneDisplay(const SceneConfig& scene);
  /// Opens Tools > Rate sweep on the running scene.
  void openSweepPanel();

  MainWindowOptions m_options;
  EngineBridge* m_bridge;
  VtkView* m_view;
  LayerStack* m_layers;
  ControlPanel* m_controls;
  LayerPanel* m_layerPanel;
  CurvesPanel* m_curves;
  HelpOverlay* m_help;
  RecordController* m_recorder = nullptr;
  RecentScenes* m_recent = nullptr;
  CaptionOverlay* m_caption = nullptr;
  PresenterMode* m_presenter = nullptr;
  TourPlayer* m_tour = nullptr;
  SplitView* m_split = nullptr;
  Inspector* m_inspector = nullptr;
  DrawTargetTool* m_drawTool = nullptr;
  SweepPanel* m_sweepPanel = nullptr;
  QLabel *m_message, *m_hint, *m_step, *m_count, *m_rate, *m_eta, *m_fps, *m_backend;
  QDockWidget *m_controlsDock, *m_curvesDock;
  QTimer m_statusTimer;
  QString m_scenePath;
  QList<QAction*> m_shortcutActions;
};

}  // namespace driftlab::ui
