#include "control_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QStandardItemModel>
#include <QVBoxLayout>
#include <algorithm>
#include <climits>
#include <cmath>

#include "controls/log_slider_field.h"
#include "controls/number_field.h"
#include "controls/param_editor.h"
#include "controls/wheel_guard.h"
#include "engine_bridge.h"
#include "fields/drift_field.h"
#include "registry/registry.h"

namespace driftlab::ui {

namespace {

constexpr int kThrottleMs = 40;
constexpr int kSpeedUnlimited = 60;

QString qs(const std::string& s) {
  return QString::fromStdString(s);
}

template <class Info>
QComboBox* registryCombo(const Registry<Info>& registry, const QString& name, QWidget* parent) {
  auto* combo = new QComboBox(parent);
  combo->setObjectName(name);
  for (const auto& e : registry.entries()) {
    combo->addItem(qs(e.id));
    combo->setItemData(combo->count() - 1, qs(e.description), Qt::ToolTipRole);
  }
  return combo;
}

/// Counts (N, M, seed): whole numbers, "2,000" and "1e4" included; the range is the core's.
NumberField* countBox(const QString& name, QWidget* parent) {
  auto* box = new NumberField(NumberField::Kind::kInteger, parent);
  box->setObjectName(name);
  return box;
}

/// Keeps the keys of `old` that the new specs know (so the bandwidth survives a flow switch).
ParamSet carryOver(const ParamSet& old, const std::vector<ParamSpec>& specs) {
  ParamSet out;
  for (const auto& spec : specs)
    if (old.has(spec.key)) out.set(spec.key, old.values().at(spec.key));
  return out;
}

bool sameSpecs(const std::vector<ParamSpec>& a, const std::vector<ParamSpec>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto& x, const auto& y) {
    return x.key == y.key && x.kind == y.kind && x.choices == y.choices && x.min == y.min &&
           x.max == y.max;
  });
}

}  // namespace

ControlPanel::ControlPanel(EngineBridge* bridge, QWidget* parent)
    : QWidget(parent), m_bridge(bridge) {
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(buildRunGroup());
  layout->addWidget(buildFlowGroup());
  layout->addWidget(buildParticleGroup());
  layout->addWidget(buildTargetGroup());
  layout->addStretch(1);

  m_applyTimer.setSingleShot(true);
  connect(&m_applyTimer, &QTimer::timeout, this, &ControlPanel::applyNow);
  m_sinceApply.start();
  connect(m_bridge, &EngineBridge::sceneChanged, this, &ControlPanel::setScene);
  connect(m_bridge, &EngineBridge::playingChanged, this,
          [this](bool playing) { m_play->setText(playing ? tr("Pause") : tr("Play")); });
  setScene(m_bridge->scene());
  WheelGuard::protect(this);
}

QWidget* ControlPanel::buildRunGroup() {
  auto* box = new QGroupBox(tr("Run"), this);
  auto* form = new QFormLayout(box);
  auto* buttons = new QHBoxLayout;
  m_play = new QPushButton(tr("Play"), box);
  m_step = new QPushButton(tr("Step"), box);
  m_reset = new QPushButton(tr("Reset"), box);
  m_back = new QPushButton(tr("Back"), box);
  m_play->setObjectName("run.play");
  m_step->setObjectName("run.step");
  m_reset->setObjectName("run.reset");
  m_back->setObjectName("run.back");
  m_play->setToolTip(tr("Play or pause the simulation (Space)"));
  m_step->setToolTip(tr("Advance one step (Right)"));
  m_reset->setToolTip(tr("Back to step 0: initial particles, fresh data (R)"));
  m_back->setToolTip(tr("Back one step through the recent history (Left)"));
  for (auto* b : {m_play, m_back, m_step, m_reset}) {
    b->setFocusPolicy(Qt::NoFocus);
    b->setMinimumWidth(48);  // below the style's 80 px, so that four fit the dock
    buttons->addWidget(b);
  }
  form->addRow(buttons);
  connect(m_play, &QPushButton::clicked, m_bridge, &EngineBridge::togglePlay);
  connect(m_step, &QPushButton::clicked, m_bridge, &EngineBridge::stepOnce);
  connect(m_back, &QPushButton::clicked, m_bridge, &EngineBridge::stepBack);
  connect(m_reset, &QPushButton::clicked, m_bridge, &EngineBridge::reset);

  m_speed = new QSlider(Qt::Horizontal, box);
  m_speed->setObjectName("run.speed");
  m_speed->setRange(0, kSpeedUnlimited);
  m_speed->setValue(kSpeedUnlimited);
  m_speed->setToolTip(tr("Largest number of steps per second (right end: unlimited)"));
  m_speedLabel = new QLabel(box);
  m_speedLabel->setMinimumWidth(70);
  auto* speedRow = new QHBoxLayout;
  speedRow->addWidget(m_speed, 1);
  speedRow->addWidget(m_speedLabel);
  form->addRow(tr("speed"), speedRow);
  connect(m_speed, &QSlider::valueChanged, this, &ControlPanel::showSpeed);
  showSpeed(kSpeedUnlimited);
  auto* everyStep = new QCheckBox(tr("diagnostics every step"), box);
  everyStep->setObjectName("run.diagnostics_every_step");
  everyStep->setChecked(true);
  everyStep->setToolTip(
      tr("Checked: the curves and their CSV hold every step. Unchecked: while "
         "running, diagnostics take at most a quarter of the time (faster "
         "at large N, sparser curves)"));
  form->addRow(everyStep);
  connect(everyStep, &QCheckBox::toggled, m_bridge, &EngineBridge::setDiagnosticsEveryStep);
  return box;
}

void ControlPanel::showSpeed(int position) {
  const double rate = position >= kSpeedUnlimited ? 0.0 : std::pow(10.0, position / 20.0);
  m_speedLabel->setText(rate == 0.0 ? tr("unlimited") : tr("%1 steps/s").arg(rate, 0, 'g', 2));
  m_bridge->setMaxStepsPerSecond(rate);
}

QWidget* ControlPanel::buildFlowGroup() {
  auto* box = new QGroupBox(tr("Flow"), this);
  auto* form = new QFormLayout(box);
  m_flow = registryCombo(flows(), "flow.name", box);
  form->addRow(tr("flow"), m_flow);
  m_flowHost = new QVBoxLayout;
  form->addRow(m_flowHost);
  m_integrator = registryCombo(integrators(), "integrator.name", box);
  form->addRow(tr("integrator"), m_integrator);
  m_eta = new LogSliderField(1e-4, 10.0, box);
  m_eta->setObjectName("integrator.eta");
  m_eta->setToolTip(tr("drift size eta: x <- x + eta v(x)"));
  form->addRow(tr("eta"), m_eta);
  m_backend = registryCombo(backends(), "backend", box);
  form->addRow(tr("backend"), m_backend);

  connect(m_flow, &QComboBox::currentIndexChanged, this, &ControlPanel::onFlowChosen);
  connect(m_integrator, &QComboBox::currentIndexChanged, this, &ControlPanel::requestApply);
  connect(m_backend, &QComboBox::currentIndexChanged, this, &ControlPanel::requestApply);
  connect(m_eta, &LogSliderField::valueEdited, this, &ControlPanel::requestApply);
  connect(m_eta, &LogSliderField::rejected, this, &ControlPanel::inputError);
  return box;
}

QWidget* ControlPanel::buildParticleGroup() {
  auto* box = new QGroupBox(tr("Particles"), this);
  auto* form = new QFormLayout(box);
  m_particles = countBox("particles", box);
  m_particles->setToolTip(
      tr("N; raising it keeps every particle and adds new ones, lowering it keeps an evenly "
         "spread subset (no reset)"));
  m_particles->setSingleStep(500);
  form->addRow(tr("N"), m_particles);
  m_init = registryCombo(initialClouds(), "init.name", box);
  form->addRow(tr("initial cloud"), m_init);
  m_initHost = new QVBoxLayout;
  form->addRow(m_initHost);
  m_seed = countBox("seed", box);
  m_seed->setRange(0, 9e15);
  m_seed->setToolTip(tr("one seed drives everything random; a new seed resets"));
  form->addRow(tr("seed"), m_seed);

  for (NumberField* f : {m_particles, m_seed}) {
    connect(f, &NumberField::valueEdited, this, &ControlPanel::requestApply);
    connect(f, &NumberField::rejected, this, &ControlPanel::inputError);
  }
  connect(m_init, &QComboBox::currentIndexChanged, this, &ControlPanel::onInitChosen);
  return box;
}

QWidget* ControlPanel::buildTargetGroup() {
  auto* box = new QGroupBox(tr("Target"), this);
  auto* form = new QFormLayout(box);
  m_dim = new QComboBox(box);
  m_dim->setObjectName("dim");
  m_dim->addItem("2D", 2);
  m_dim->addItem("3D", 3);
  form->addRow(tr("dimension"), m_dim);
  m_manifold = new QComboBox(box);
  m_manifold->setObjectName("manifold");
  m_manifold->addItems({"euclidean", "sphere"});
  m_manifold->setToolTip(
      tr("sphere: the unit sphere S^2 in 3D; velocities projected to the tangent plane, "
         "every step renormalised, the initial cloud and the data projected onto it"));
  form->addRow(tr("manifold"), m_manifold);
  m_target = new QComboBox(box);
  m_target->setObjectName("target.name");
  form->addRow(tr("target"), m_target);
  m_targetHost = new QVBoxLayout;
  form->addRow(m_targetHost);
  m_samples = countBox("target.samples", box);
  m_samples->setSingleStep(500);
  m_samples->setToolTip(tr("M, the number of data samples"));
  form->addRow(tr("M"), m_samples);
  m_resample = new QCheckBox(tr("resample data each step"), box);
  m_resample->setObjectName("target.resample");
  m_resample->setToolTip(
      tr("Draw a fresh sample of p before every step: the flow settles to a noise floor "
         "instead of onto the M points (the rate sweeps need it)"));
  form->addRow(m_resample);

  connect(m_resample, &QCheckBox::toggled, this, &ControlPanel::requestApply);
  connect(m_dim, &QComboBox::currentIndexChanged, this, &ControlPanel::onDimChosen);
  connect(m_manifold, &QComboBox::currentIndexChanged, this, [this] {
    if (!m_updating) applyNow();
  });
  connect(m_target, &QComboBox::currentIndexChanged, this, &ControlPanel::onTargetChosen);
  connect(m_samples, &NumberField::valueEdited, this, &ControlPanel::requestApply);
  connect(m_samples, &NumberField::rejected, this, &ControlPanel::inputError);
  return box;
}

void ControlPanel::fillTargets(int dim) {
  const QSignalBlocker block(m_target);
  const QString current = m_target->currentText();
  m_target->clear();
  for (const auto& t : targets().entries()) {
    if (t.dim != 0 && t.dim != dim) continue;
    m_target->addItem(qs(t.id));
    m_target->setItemData(m_target->count() - 1, qs(t.description), Qt::ToolTipRole);
  }
  const int keep = m_target->findText(current);
  m_target->setCurrentIndex(keep >= 0 ? keep : 0);
}

void ControlPanel::rebuildEditor(ParamEditor*& editor, QVBoxLayout* host,
                                 const std::vector<ParamSpec>& specs, const QString& prefix,
                                 const ParamSet& values) {
  if (editor) {
    host->removeWidget(editor);
    editor->deleteLater();
  }
  editor = new ParamEditor(specs, prefix, this);
  editor->setValues(values);
  host->addWidget(editor);
  connect(editor, &ParamEditor::edited, this, &ControlPanel::requestApply);
  connect(editor, &ParamEditor::rejected, this, &ControlPanel::inputError);
  WheelGuard::protect(editor);
}

void ControlPanel::updateIntegrators() {
  const FlowInfo* flow = flows().find(m_flow->currentText().toStdString());
  bool diffusion = false;
  try {
    diffusion = flow && flow->make(validateParams(flow->params, {}, "flow"))->diffusionSchedule();
  } catch (const std::exception&) {
  }
  m_eta->setEnabled(!diffusion);  // a diffusion flow steps on its own time grid
  auto* model = qobject_cast<QStandardItemModel*>(m_integrator->model());
  if (!model) return;
  const QSignalBlocker block(m_integrator);
  const auto& entries = integrators().entries();
  for (int i = 0; i < m_integrator->count() && i < int(entries.size()); ++i) {
    const bool enabled = !entries[std::size_t(i)].needsDiffusion || diffusion;
    model->item(i)->setEnabled(enabled);
    if (!enabled && m_integrator->currentIndex() == i) m_integrator->setCurrentIndex(0);
  }
}

void ControlPanel::onFlowChosen() {
  const FlowInfo* info = flows().find(m_flow->currentText().toStdString());
  if (!info) return;
  const ParamSet keep = carryOver(m_flowParams ? m_flowParams->values() : ParamSet{}, info->params);
  rebuildEditor(m_flowParams, m_flowHost, info->params, "flow", keep);
  updateIntegrators();
  if (!m_updating) applyNow();
}

void ControlPanel::onInitChosen() {
  const InitInfo* info = initialClouds().find(m_init->currentText().toStdString());
  if (!info) return;
  rebuildEditor(m_initParams, m_initHost, info->params, "init", {});
  if (!m_updating) applyNow();
}

void ControlPanel::onTargetChosen() {
  const TargetInfo* info = targets().find(m_target->currentText().toStdString());
  if (!info) return;
  rebuildEditor(m_targetParams, m_targetHost, info->params, "target", {});
  if (!m_updating) applyNow();
}

void ControlPanel::onDimChosen() {
  fillTargets(m_dim->currentData().toInt());
  onTargetChosen();
}

void ControlPanel::requestApply() {
  if (m_updating) return;
  const qint64 since = m_sinceApply.elapsed();
  if (since >= kThrottleMs && !m_applyTimer.isActive())
    applyNow();
  else if (!m_applyTimer.isActive())
    m_applyTimer.start(int(kThrottleMs - std::min<qint64>(since, kThrottleMs)));
}

void ControlPanel::flushEdits() {
  if (m_applyTimer.isActive()) {
    m_applyTimer.stop();
    applyNow();
  }
}

void ControlPanel::applyNow() {
  m_applyTimer.stop();
  m_sinceApply.restart();
  SceneConfig s = m_bridge->scene();
  QString error;
  s.dim = m_dim->currentData().toInt();
  s.manifold = m_manifold->currentText().toStdString();
  s.targetName = m_target->currentText().toStdString();
  s.targetParams = m_targetParams->values(&error);
  s.samples = std::int64_t(m_samples->value());
  s.resampleData = m_resample->isChecked();
  s.initName = m_init->currentText().toStdString();
  s.initParams = m_initParams->values(&error);
  s.particles = std::int64_t(m_particles->value());
  s.seed = std::uint64_t(m_seed->value());
  s.flowName = m_flow->currentText().toStdString();
  s.flowParams = m_flowParams->values(&error);
  s.integratorName = m_integrator->currentText().toStdString();
  s.eta = m_eta->value();
  s.backend = m_backend->currentText().toStdString();
  if (!error.isEmpty()) {
    emit inputError(error);
    setScene(m_bridge->scene());
    return;
  }
  // On InputError the bridge reports the message; show the last good scene again.
  if (!m_bridge->applyScene(s)) setScene(m_bridge->scene());
}

void ControlPanel::setScene(const SceneConfig& scene) {
  m_updating = true;
  const bool rebuildAll = !m_flowParams;
  {
    const QSignalBlocker b1(m_dim), b2(m_flow), b3(m_init), b4(m_integrator), b5(m_backend);
    // Scenes from the command line may use any dimension; the view shows the first axes.
    if (m_dim->findData(scene.dim) < 0) m_dim->addItem(QString("%1D").arg(scene.dim), scene.dim);
    m_dim->setCurrentIndex(m_dim->findData(scene.dim));
    {
      const QSignalBlocker b11(m_manifold);
      m_manifold->setCurrentText(qs(scene.manifold));
    }
    fillTargets(scene.dim);
    {
      const QSignalBlocker b9(m_target);
      m_target->setCurrentText(qs(scene.targetName));
    }
    m_flow->setCurrentText(qs(scene.flowName));
    m_init->setCurrentText(qs(scene.initName));
    m_integrator->setCurrentText(qs(scene.integratorName));
    updateIntegrators();
    m_backend->setCurrentText(qs(scene.backend));
    m_particles->setValue(double(scene.particles));
    m_samples->setValue(double(scene.samples));
    {
      const QSignalBlocker b10(m_resample);
      m_resample->setChecked(scene.resampleData);
    }
    m_seed->setValue(double(scene.seed));
    m_eta->setValue(scene.eta);
  }
  auto sync = [&](ParamEditor*& editor, QVBoxLayout* host, const std::vector<ParamSpec>& specs,
                  const QString& prefix, const ParamSet& values) {
    if (rebuildAll || !sameSpecs(editor->specs(), specs)) {
      rebuildEditor(editor, host, specs, prefix, values);
    } else {
      editor->setValues(values);
    }
  };
  sync(m_flowParams, m_flowHost, flows().require(scene.flowName, "flow.name").params, "flow",
       scene.flowParams);
  sync(m_initParams, m_initHost, initialClouds().require(scene.initName, "init.name").params,
       "init", scene.initParams);
  sync(m_targetParams, m_targetHost, targets().require(scene.targetName, "target.name").params,
       "target", scene.targetParams);
  m_updating = false;
}

}  // namespace driftlab::ui
