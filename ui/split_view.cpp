#include "split_view.h"

#include <vtkCamera.h>
#include <vtkCommand.h>
#include <QCheckBox>
#include <QJsonDocument>
#include <QJsonObject>
#include <QScopedValueRollback>
#include <QScrollArea>
#include <QSplitter>
#include <QTabWidget>
#include <QVBoxLayout>

#include "base/input_error.h"
#include "control_panel.h"
#include "curves_panel.h"
#include "engine_bridge.h"
#include "layer_stack.h"
#include "layers/particle_layer.h"
#include "scene/scene_compare.h"
#include "vtk_view.h"

namespace driftlab::ui {

namespace {

/// "normalisation joint, eta 0.1": the compare differences in a few words (the right caption).
QString summary(const std::string& compareJson) {
  QStringList parts;
  const QJsonObject root = QJsonDocument::fromJson(QByteArray::fromStdString(compareJson)).object();
  for (auto it = root.begin(); it != root.end(); ++it) {
    if (!it->isObject()) {
      parts << it.key() + " " + it->toVariant().toString();
      continue;
    }
    const QJsonObject sub = it->toObject();
    if (sub.contains("name")) {  // another flow: its name says it (the caption shows h)
      parts << sub["name"].toString();
      continue;
    }
    for (auto p = sub.begin(); p != sub.end(); ++p)
      parts << p.key() + " " + p->toVariant().toString();
  }
  return parts.join(", ");
}

void copyCamera(vtkCamera* from, vtkCamera* to) {
  to->SetPosition(from->GetPosition());
  to->SetFocalPoint(from->GetFocalPoint());
  to->SetViewUp(from->GetViewUp());
  to->SetParallelScale(from->GetParallelScale());
  to->SetViewAngle(from->GetViewAngle());
}

}  // namespace

SplitView::SplitView(SplitHost host, QObject* parent) : QObject(parent), m_host(std::move(host)) {}

SplitView::~SplitView() {
  watchCameras(false);
}

std::string SplitView::compareJson() const {
  return isOpen() ? m_compare : std::string();
}

bool SplitView::isLinked() const {
  return m_linked;
}

void SplitView::setLinked(bool linked) {
  m_linked = linked;
  if (m_link && m_link->isChecked() != linked) m_link->setChecked(linked);
}

void SplitView::setOpen(bool open) {
  if (open == isOpen()) return;
  if (!open) {
    close();
    return;
  }
  SceneConfig withCompare = m_host.bridge->scene();
  withCompare.compareJson = m_compare;
  SceneConfig right;
  try {
    right = compareSide(withCompare);
  } catch (const InputError&) {  // the last differences no longer fit (e.g. another dim)
    m_compare = "{}";
    withCompare.compareJson = m_compare;
    right = compareSide(withCompare);
  }
  openOn(right, m_host.layers->cameraJson());
  m_host.bridge->reset();  // both sides from step 0 (the right side follows the reset)
}

void SplitView::applyScene(const SceneConfig& scene) {
  if (scene.compareJson.empty()) {
    close();
    return;
  }
  SceneConfig right;
  try {
    right = compareSide(scene);
  } catch (const InputError& e) {
    m_host.showMessage(QString::fromStdString(e.what()), true);
    close();
    return;
  }
  m_compare = scene.compareJson;
  if (!isOpen()) {
    openOn(right, QString::fromStdString(scene.cameraJson));
    return;
  }
  m_left = m_host.bridge->scene();
  m_right->applyScene(right);
  m_rightLayers->setPendingCamera(QString::fromStdString(scene.cameraJson));
  m_host.curves->clearCompare();
  m_right->startFreshRun();
  updateCaptions();
}

void SplitView::openOn(const SceneConfig& right, const QString& cameraJson) {
  m_left = m_host.bridge->scene();
  m_right = new EngineBridge(right, this);
  m_rightView = new VtkView;
  m_rightView->setObjectName("view.right");
  m_host.views->addWidget(m_rightView);
  const int half = std::max(100, m_host.views->width() / 2);
  m_host.views->setSizes({half, half});
  m_rightLayers = new LayerStack(m_rightView, m_right, this);
  m_rightLayers->applyLayersJson(m_host.layers->layersJson());
  m_rightLayers->setPendingCamera(cameraJson);

  auto* tab = new QWidget;
  auto* layout = new QVBoxLayout(tab);
  layout->setContentsMargins(0, 4, 0, 0);
  m_link = new QCheckBox(tr("Link parameters (edits on the left apply to both sides)"), tab);
  m_link->setObjectName("split.link");
  m_link->setChecked(m_linked);
  connect(m_link, &QCheckBox::toggled, this, [this](bool on) { m_linked = on; });
  layout->addWidget(m_link);
  auto* scroll = new QScrollArea(tab);
  m_rightControls = new ControlPanel(m_right, scroll);
  scroll->setWidget(m_rightControls);
  scroll->setWidgetResizable(true);
  layout->addWidget(scroll, 1);
  m_tab = tab;
  m_host.tabs->addTab(tab, tr("Right side"));

  connectRight();
  watchCameras(true);
  m_compare = compareDiff(m_left, right);
  if (m_host.bridge->isPlaying()) m_right->play();
  updateCaptions();
  m_right->poll();
  emit openChanged(true);
}

void SplitView::connectRight() {
  EngineBridge* left = m_host.bridge;
  connect(left, &EngineBridge::playingChanged, m_right,
          [this](bool on) { on ? m_right->play() : m_right->pause(); });
  connect(left, &EngineBridge::stepRequested, m_right, &EngineBridge::stepOnce);
  connect(left, &EngineBridge::stepBackRequested, m_right, &EngineBridge::stepBack);
  connect(left, &EngineBridge::resetRequested, m_right, &EngineBridge::reset);
  connect(left, &EngineBridge::sceneChanged, m_right,
          [this](const SceneConfig& s) { onLeftScene(s); });
  connect(m_right, &EngineBridge::sceneChanged, this,
          [this](const SceneConfig& s) { onRightScene(s); });
  connect(m_right, &EngineBridge::diagnosticsArrived, m_host.curves,
          &CurvesPanel::appendCompareRows);
  auto report = [this](const QString& msg) { m_host.showMessage(tr("right side: ") + msg, true); };
  connect(m_right, &EngineBridge::inputError, this, report);
  connect(m_rightControls, &ControlPanel::inputError, this, report);
  connect(m_right, &EngineBridge::engineError, this,
          [report](const QString& msg, const SceneConfig&) { report(msg); });
  connect(m_host.layers, &LayerStack::layerToggled, m_rightLayers, [this] { syncLayers(); });
  connect(m_host.layers, &LayerStack::settingsChanged, m_rightLayers, [this] { syncLayers(); });
  // Sprite sizes set outside the layers object (presenter mode) reach the right side too.
  connect(m_host.view, &VtkView::framePainted, m_rightLayers, [this] {
    const double size = m_host.layers->particles()->pointSize();
    if (m_rightLayers->particles()->pointSize() == size) return;
    m_rightLayers->particles()->setPointSize(size);
    m_rightLayers->refresh();
  });
  // A camera the user moved stops refitting on either side (both show it).
  for (auto [from, to] : {std::pair{m_host.view, m_rightView}, std::pair{m_rightView, m_host.view}})
    connect(from, &VtkView::cameraChanged, m_rightLayers, [this, to = to] {
      if (m_copyingCamera) return;
      const QScopedValueRollback guard(m_copyingCamera, true);
      emit to->cameraChanged();
    });
}

void SplitView::close() {
  if (!isOpen()) return;
  watchCameras(false);
  m_host.curves->clearCompare();
  delete m_tab;
  delete m_rightLayers;
  delete m_rightView;
  delete m_right;  // stops and joins the right engine
  m_right = nullptr;
  m_rightView = nullptr;
  m_rightLayers = nullptr;
  m_rightControls = nullptr;
  m_link = nullptr;
  updateCaptions();
  emit openChanged(false);
}

void SplitView::onLeftScene(const SceneConfig& left) {
  const SceneConfig before = m_left;
  m_left = left;
  SceneConfig next = followMain(m_right->scene(), before, left, m_linked);
  if (!(next == m_right->scene()) && !m_right->applyScene(next)) {
    next = left;  // the right side's differences do not fit the new scene: same as the left
    next.compareJson.clear();
    m_right->applyScene(next);
  }
  m_compare = compareDiff(left, m_right->scene());
  updateCaptions();
}

void SplitView::onRightScene(const SceneConfig& right) {
  const SceneConfig left = m_host.bridge->scene();
  if (!(followMain(right, left, left, false) == right)) {
    // The right side's controls changed what both sides share (data, seed, N): both change.
    SceneConfig both = followMain(left, right, right, false);
    both.compareJson = left.compareJson;
    m_host.bridge->applyScene(both);  // the right side follows in onLeftScene
    return;
  }
  m_compare = compareDiff(left, right);
  updateCaptions();
}

void SplitView::updateCaptions() {
  if (!isOpen()) {
    m_host.layers->setCaptionPrefix({});
    m_host.layers->refresh();
    return;
  }
  const QString diff = summary(m_compare);
  m_host.layers->setCaptionPrefix(tr("LEFT   "));
  m_rightLayers->setCaptionPrefix(diff.isEmpty() ? tr("RIGHT   ")
                                                 : tr("RIGHT (%1)   ").arg(diff.left(60)));
  m_host.layers->refresh();
  m_rightLayers->refresh();
}

void SplitView::syncLayers() {
  m_rightLayers->applyLayersJson(m_host.layers->layersJson());
}

void SplitView::watchCameras(bool watch) {
  for (int side = 0; side < 2; ++side) {
    if (m_cameras[side] && m_cameraTags[side]) m_cameras[side]->RemoveObserver(m_cameraTags[side]);
    m_cameras[side] = nullptr;
    m_cameraTags[side] = 0;
  }
  if (!watch) return;
  m_cameras[0] = m_host.view->renderer()->GetActiveCamera();
  m_cameras[1] = m_rightView->renderer()->GetActiveCamera();
  for (int side = 0; side < 2; ++side)
    m_cameraTags[side] =
        m_cameras[side]->AddObserver(vtkCommand::ModifiedEvent, this, &SplitView::onCameraModified);
}

void SplitView::onCameraModified(vtkObject* caller, unsigned long, void*) {
  if (m_copyingCamera || !isOpen()) return;
  const int from = caller == m_cameras[0].Get() ? 0 : 1;
  vtkCamera* to = m_cameras[1 - from];
  const QScopedValueRollback guard(m_copyingCamera, true);
  const vtkMTimeType before = to->GetMTime();
  copyCamera(m_cameras[from], to);
  if (to->GetMTime() == before) return;  // already the same: no repaint (and no ping-pong)
  VtkView* view = from == 0 ? m_rightView : m_host.view;
  view->renderer()->ResetCameraClippingRange();
  view->update();
}

}  // namespace driftlab::ui
