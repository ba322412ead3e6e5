#pragma once
/// SplitView (issue 16, View > Split view, F6): a second engine beside the main one on the same
/// seed and data, running the scene with its `compare` differences (scene/scene_compare.h):
/// its own EngineBridge, VtkView, LayerStack and a "Right side" tab of controls. Play, pause,
/// step and reset of the main side drive both; cameras are linked; the layers follow the main
/// side; with "Link parameters" an edit on the left applies to both sides. The right side's
/// diagnostics are drawn on every chart as a second curve in another colour. The sides share
/// nothing mutable: each engine owns its state and the GUI talks to each only through commands
/// and snapshots.
#include <vtkCamera.h>
#include <vtkSmartPointer.h>
#include <QObject>
#include <QPointer>
#include <functional>

#include "scene/scene_config.h"

class QCheckBox;
class QSplitter;
class QTabWidget;
class QWidget;

namespace driftlab::ui {

class EngineBridge;
class VtkView;
class LayerStack;
class ControlPanel;
class CurvesPanel;

/// The main side's parts that the split view follows and extends.
struct SplitHost {
  EngineBridge* bridge;
  VtkView* view;
  LayerStack* layers;
  CurvesPanel* curves;
  QSplitter* views;  ///< holds the main view; the right view goes beside it
  QTabWidget* tabs;  ///< the controls dock's tabs; the right side's tab goes there
  std::function<void(const QString&, bool)> showMessage;
};

class SplitView : public QObject {
  Q_OBJECT
 public:
  SplitView(SplitHost host, QObject* parent = nullptr);
  ~SplitView() override;

  bool isOpen() const { return m_right != nullptr; }
  /// The scene's `compare` object for saving (empty when closed).
  std::string compareJson() const;
  bool isLinked() const;
  void setLinked(bool linked);

  EngineBridge* rightBridge() const { return m_right; }
  VtkView* rightView() const { return m_rightView; }
  LayerStack* rightLayers() const { return m_rightLayers; }
  ControlPanel* rightControls() const { return m_rightControls; }

  /// A scene was opened: opens the split on its `compare` (both sides from step 0) or closes it.
  void applyScene(const SceneConfig& scene);

 public slots:
  /// Opening starts both sides over from step 0 (the right side as the main scene plus the last
  /// compare differences); closing stops the right engine.
  void setOpen(bool open);

 signals:
  void openChanged(bool open);

 private:
  void openOn(const SceneConfig& right, const QString& cameraJson);
  void close();
  void connectRight();
  void onLeftScene(const SceneConfig& left);
  void onRightScene(const SceneConfig& right);
  void updateCaptions();
  void syncLayers();
  void onCameraModified(vtkObject* caller, unsigned long event, void* data);
  void watchCameras(bool watch);

  SplitHost m_host;
  EngineBridge* m_right = nullptr;
  VtkView* m_rightView = nullptr;
  LayerStack* m_rightLayers = nullptr;
  ControlPanel* m_rightControls = nullptr;
  QPointer<QWidget> m_tab;
  QCheckBox* m_link = nullptr;
  bool m_linked = false;
  SceneConfig m_left;            ///< the main side's scene as last seen (what an edit changed)
  std::string m_compare = "{}";  ///< the right side's differences (kept while closed)
  bool m_copyingCamera = false;
  vtkSmartPointer<vtkCamera> m_cameras[2];  ///< kept alive until their observers are removed
  unsigned long m_cameraTags[2] = {0, 0};
};

}  // namespace driftlab::ui
