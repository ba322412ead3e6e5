#include "tour_player.h"

#include <QDir>
#include <QDockWidget>
#include <QFile>
#include <QFileInfo>
#include <QGroupBox>
#include <QMenu>
#include <algorithm>

#include "base/input_error.h"
#include "control_panel.h"
#include "curves_panel.h"
#include "engine_bridge.h"
#include "layer_stack.h"
#include "main_window.h"

namespace driftlab::ui {

namespace {

std::string readResource(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly))
    throw InputError("scene", "cannot read '" + path.toStdString() + "'", "a readable file");
  return file.readAll().toStdString();
}

/// "preset:NAME": the presets folder beside the tour's folder, else the shipped resource;
/// anything else: a path relative to the tour's folder.
TourSceneResolver resolverFor(const QString& tourPath) {
  const QDir dir = QFileInfo(tourPath).dir();
  return [dir](const std::string& ref) {
    const QString r = QString::fromStdString(ref);
    if (!r.startsWith("preset:")) return readResource(dir.filePath(r));
    const QString name = r.mid(7);
    if (name.isEmpty() || name.contains('/') || name.contains('\\'))
      throw InputError("scene", "bad preset name", "preset:NAME");
    const QString beside = QDir::cleanPath(dir.filePath("../scenes/" + name + ".json"));
    return readResource(QFile::exists(beside) ? beside : ":/scenes/" + name + ".json");
  };
}

}  // namespace

TourPlayer::TourPlayer(MainWindow* window)
    : QObject(window), m_window(window), m_bridge(window->bridge()) {
  connect(&m_timer, &QTimer::timeout, this, &TourPlayer::tick);
}

TourPlayer::~TourPlayer() = default;

QStringList TourPlayer::shippedTours() {
  QStringList out;
  const QDir dir(":/tours");
  for (const QString& name : dir.entryList({"*.json"}, QDir::Files, QDir::Name))
    out << dir.filePath(name);
  return out;
}

QMenu* TourPlayer::toursMenu(QWidget* parent) {
  auto* menu = new QMenu(tr("&Tours"), parent);
  menu->setObjectName("menu.tours");
  for (const QString& path : shippedTours()) {
    const auto tour = readTour(path, nullptr);
    QAction* a = menu->addAction(tour ? QString::fromStdString(tour->title) : path);
    a->setObjectName("action.tour." + QFileInfo(path).baseName());
    connect(a, &QAction::triggered, this, [this, path] { start(path); });
  }
  return menu;
}

std::optional<Tour> TourPlayer::readTour(const QString& path, QString* error) {
  try {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
      throw InputError("tour", "cannot read '" + path.toStdString() + "'", "a readable file");
    return parseTour(file.readAll().toStdString(), resolverFor(path));
  } catch (const InputError& e) {
    if (error) *error = QString::fromStdString(e.what());
    return std::nullopt;
  }
}

bool TourPlayer::start(const QString& path) {
  QString error;
  const auto tour = readTour(path, &error);
  if (!tour) {
    m_window->showMessage(error, true);
    return false;
  }
  start(*tour);
  return true;
}

void TourPlayer::start(const Tour& tour) {
  if (!m_active) saveWindowState();
  m_tour = tour;
  m_schedule = scheduleTour(tour);
  m_active = true;
  m_loops = 0;
  emit activeChanged(true);
  jumpTo(0);
}

void TourPlayer::stop() {
  if (!m_active) return;
  m_timer.stop();
  m_active = false;
  setWaiting(false);
  restoreWindowState();
  emit captionChanged({}, {});
  emit activeChanged(false);
}

void TourPlayer::setStepsPerSecond(double value) {
  m_stepsPerSecond = std::max(0.0, value);
  updatePace();
}

void TourPlayer::updatePace() {
  const bool fast = m_seeking || m_stepsPerSecond <= 0.0;
  m_timer.setInterval(fast ? 0 : std::max(1, int(1000.0 / m_stepsPerSecond)));
  if (m_active && !m_timer.isActive()) m_timer.start();
}

void TourPlayer::next() {
  if (!m_active) return;
  if (m_waiting) {
    m_released = true;
    setWaiting(false);
    return;
  }
  if (m_finished) return restart();
  // One step beyond the one shown or being sought (== steps.size(): to the end).
  m_seekTarget = m_seeking ? std::min(m_seekTarget + 1, m_tour.steps.size()) : m_next;
  m_seeking = true;
  updatePace();
}

void TourPlayer::previous() {
  if (!m_active) return;
  const std::size_t shown = m_seeking ? m_seekTarget : (m_next > 0 ? m_next - 1 : 0);
  jumpTo(shown > 0 ? shown - 1 : 0);
}

void TourPlayer::restart() {
  if (m_active) jumpTo(0);
}

void TourPlayer::jumpTo(std::size_t index) {
  m_clock = 0;
  m_next = 0;
  m_finished = m_released = false;
  setWaiting(false);
  m_seekTarget = index;
  m_seeking = index > 0;
  m_bridge->pause();
  m_bridge->applyScene(m_tour.scene);
  m_window->curves()->clear();
  m_bridge->startFreshRun();  // posted after the scene: the engine shows it at step 0
  m_window->layerStack()->applyLayersJson(QString::fromStdString(m_tour.scene.layersJson));
  m_expectScene = m_tour.scene;
  m_expectFresh = true;
  m_expectStep = -1;
  m_errorSerial = m_bridge->engine().latest()->errorSerial;
  updatePace();
}

bool TourPlayer::caughtUp(const Snapshot& snap) {
  // An edit in the controls replaced the scene the tour posted: go on from the user's.
  if (m_expectScene && !(m_bridge->scene() == *m_expectScene)) m_expectScene.reset();
  if (m_expectScene && !(snap.scene == *m_expectScene)) return false;
  if (m_expectFresh && snap.step != 0) return false;
  if (m_expectStep >= 0 && snap.step < m_expectStep) return false;
  m_expectScene.reset();
  m_expectFresh = false;
  m_expectStep = -1;
  return true;
}

bool TourPlayer::holdAtBoundary(std::size_t leaving) {
  if (m_seeking || m_released || !m_schedule.steps[leaving].wait) return false;
  setWaiting(true);
  return true;
}

void TourPlayer::tick() {
  if (!m_active || m_waiting || m_finished) return;
  m_bridge->poll();
  const auto snap = m_bridge->current();
  if (snap->errorSerial != m_errorSerial) {  // a step or a change failed: the tour cannot go on
    m_window->showMessage(tr("tour stopped: %1").arg(QString::fromStdString(snap->error)), true);
    stop();
    return;
  }
  if (!caughtUp(*snap)) return;
  if (snap->running) m_bridge->pause();  // the tour runs the steps itself
  const auto& steps = m_schedule.steps;
  while (m_next < steps.size() && steps[m_next].applyAt <= m_clock) {
    if (m_next > 0 && holdAtBoundary(m_next - 1)) return;
    m_released = false;
    applyStep(m_next++);
    if (m_seeking && m_next > m_seekTarget) {
      m_seeking = false;
      updatePace();
    }
    if (m_expectScene) return;  // let the engine apply the change first
  }
  if (m_clock >= m_schedule.endStep) {
    if (holdAtBoundary(steps.size() - 1)) return;
    m_seeking = false;
    if (m_tour.loop) {
      ++m_loops;
      jumpTo(0);
    } else {
      m_finished = true;
      m_timer.stop();
      emit finished();
    }
    return;
  }
  m_bridge->stepOnce();
  m_expectStep = snap->step + 1;
  ++m_clock;
}

void TourPlayer::applyStep(std::size_t index) {
  const TourStep& step = m_tour.steps[index];
  if (step.hasChange && !(step.scene == m_bridge->scene())) {
    m_bridge->applyScene(step.scene);
    if (step.replacesScene) {
      m_window->curves()->clear();
      m_bridge->startFreshRun();
    }
    m_expectScene = step.scene;
    m_expectFresh = step.replacesScene;
  }
  applyDisplay(step);
  const QString caption = QString::fromStdString(step.caption);
  m_window->showMessage(tr("Tour %1/%2: %3").arg(index + 1).arg(m_tour.steps.size()).arg(caption),
                        false);
  emit captionChanged(QString::fromStdString(m_tour.title), caption);
  emit stepChanged(int(index), int(m_tour.steps.size()));
}

void TourPlayer::applyDisplay(const TourStep& step) {
  LayerStack* layers = m_window->layerStack();
  if (step.layersJson) layers->applyLayersJson(QString::fromStdString(*step.layersJson));
  if (step.cameraJson) layers->setPendingCamera(QString::fromStdString(*step.cameraJson));
  if (step.curves) {
    QStringList ids;
    for (const auto& id : *step.curves) ids << QString::fromStdString(id);
    if (!ids.isEmpty()) m_window->curves()->setShown(ids);
    if (auto* dock = m_window->findChild<QDockWidget*>("dock.curves"))
      dock->setVisible(!ids.isEmpty());
  }
  if (step.controls) showControls(step.controls);
}

void TourPlayer::showControls(const std::optional<std::vector<std::string>>& names) {
  if (auto* dock = m_window->findChild<QDockWidget*>("dock.controls"))
    dock->setVisible(!names || !names->empty());
  for (QGroupBox* box : m_window->controls()->findChildren<QGroupBox*>()) {
    const std::string group = box->title().toLower().toStdString();
    if (std::find(tourControls().begin(), tourControls().end(), group) == tourControls().end())
      continue;
    box->setVisible(!names || std::find(names->begin(), names->end(), group) != names->end());
  }
}

void TourPlayer::setWaiting(bool waiting) {
  if (m_waiting == waiting) return;
  m_waiting = waiting;
  emit waitingChanged(waiting);
}

void TourPlayer::saveWindowState() {
  auto* controls = m_window->findChild<QDockWidget*>("dock.controls");
  auto* curves = m_window->findChild<QDockWidget*>("dock.curves");
  m_saved.controlsDock = !controls || controls->isVisible();
  m_saved.curvesDock = !curves || curves->isVisible();
  m_saved.curves = m_window->curves()->shownIds();
  m_saved.saved = true;
}

void TourPlayer::restoreWindowState() {
  if (!m_saved.saved) return;
  showControls(std::nullopt);
  if (auto* d = m_window->findChild<QDockWidget*>("dock.controls"))
    d->setVisible(m_saved.controlsDock);
  if (auto* d = m_window->findChild<QDockWidget*>("dock.curves")) d->setVisible(m_saved.curvesDock);
  m_window->curves()->setShown(m_saved.curves);
  m_saved.saved = false;
}

}  // namespace driftlab::ui
