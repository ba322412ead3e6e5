#pragma once
/// ControlPanel: the live controls of the running simulation, built from the registry (flows,
/// targets filtered by dimension, initial clouds, integrators, backends and each entry's
/// ParamSpecs). Every edit becomes a whole SceneConfig that EngineBridge validates and posts;
/// nothing here touches the engine's state.
#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

#include "scene/scene_config.h"

class QCheckBox;
class QComboBox;
class QPushButton;
class QSlider;
class QLabel;
class QVBoxLayout;

namespace driftlab::ui {

class EngineBridge;
class LogSliderField;
class NumberField;
class ParamEditor;

class ControlPanel : public QWidget {
  Q_OBJECT
 public:
  explicit ControlPanel(EngineBridge* bridge, QWidget* parent = nullptr);

  /// Shows `scene` (the last good one) without emitting edits.
  void setScene(const SceneConfig& scene);
  /// Applies pending throttled edits now.
  void flushEdits();

 signals:
  /// An edit that could not be turned into a scene (e.g. unreadable numbers).
  void inputError(const QString& message);

 private:
  QWidget* buildRunGroup();
  QWidget* buildFlowGroup();
  QWidget* buildParticleGroup();
  QWidget* buildTargetGroup();
  void fillTargets(int dim);
  void rebuildEditor(ParamEditor*& editor, QVBoxLayout* host, const std::vector<ParamSpec>& specs,
                     const QString& prefix, const ParamSet& values);
  void onFlowChosen();
  /// Integrators for diffusion flows only (exponential) are enabled only while the flow has a
  /// diffusion (pf-ode); a disabled current choice falls back to the first enabled one. The
  /// eta control is disabled with a diffusion flow (it steps on its own time grid).
  void updateIntegrators();
  void onTargetChosen();
  void onInitChosen();
  void onDimChosen();
  void requestApply();
  void applyNow();
  void showSpeed(int position);

  EngineBridge* m_bridge;
  bool m_updating = false;
  QTimer m_applyTimer;
  QElapsedTimer m_sinceApply;

  QPushButton *m_play, *m_back, *m_step, *m_reset;
  QSlider* m_speed;
  QLabel* m_speedLabel;
  QComboBox *m_flow, *m_integrator, *m_backend, *m_init, *m_dim, *m_target;
  QComboBox* m_manifold = nullptr;
  LogSliderField* m_eta;
  NumberField *m_particles, *m_samples, *m_seed;
  QCheckBox* m_resample = nullptr;
  ParamEditor *m_flowParams = nullptr, *m_initParams = nullptr, *m_targetParams = nullptr;
  QVBoxLayout *m_flowHost, *m_initHost, *m_targetHost;
};

}  // namespace driftlab::ui
