#include "engine_bridge.h"

#include <algorithm>
#include <cmath>

#include "base/input_error.h"
#include "scene/scene_change.h"

namespace driftlab::ui {

namespace {

/// Constructs the engine with its worker at a lower scheduling priority (nice + kEngineNice).
/// The simulation and its OpenMP team (created by that thread, inheriting its nice value)
/// then yield to the GUI thread and the software rasteriser's threads when the cores are
/// busy, so drawing stays smooth; on an idle core the engine still runs flat out.
std::unique_ptr<Engine> startEngine(const SceneConfig& scene) {
  constexpr int kEngineNice = 10;
  return std::make_unique<Engine>(scene, false, kEngineNice);
}

}  // namespace

EngineBridge::EngineBridge(const SceneConfig& scene, QObject* parent)
    : QObject(parent), m_engine(startEngine(scene)), m_scene(scene) {
  m_current = m_engine->latest();
  m_errorSerial = m_current->errorSerial;
  m_timer.setTimerType(Qt::PreciseTimer);
  m_timer.setInterval(16);
  connect(&m_timer, &QTimer::timeout, this, &EngineBridge::poll);
  m_timer.start();
  m_sinceSnapshot.start();
  m_clock.start();
}

EngineBridge::~EngineBridge() = default;

void EngineBridge::post(Command command) {
  m_engine->post(std::move(command));
}

bool EngineBridge::applyScene(SceneConfig scene) {
  try {
    validateScene(scene);
  } catch (const InputError& e) {
    emit inputError(QString::fromStdString(e.what()));
    return false;
  }
  if (scene == m_scene) return true;
  const std::string change = describeSceneChange(m_scene, scene);
  m_scene = scene;
  post(command::ApplyScene{scene});
  emit sceneChanged(m_scene);
  if (!change.empty()) {
    const std::int64_t step = m_current->step;
    const bool fork = step < m_reached;
    m_reached = step;  // the branch continues from here
    emit parameterChanged(step, QString::fromStdString((fork ? "fork: " : "") + change));
  }
  return true;
}

void EngineBridge::play() {
  post(command::Play{});
  if (!m_playing) {
    m_playing = true;
    emit playingChanged(true);
  }
}

void EngineBridge::pause() {
  post(command::Pause{});
  if (m_playing) {
    m_playing = false;
    emit playingChanged(false);
  }
}

void EngineBridge::togglePlay() {
  m_playing ? pause() : play();
}
void EngineBridge::stepOnce() {
  post(command::StepOnce{});
  emit stepRequested();
}
void EngineBridge::scrubTo(std::int64_t step) {
  pause();
  const std::int64_t now = m_current->step;
  for (std::int64_t k = step; k < now; ++k) post(command::StepBack{});
  for (std::int64_t k = now; k < step; ++k) post(command::StepOnce{});
}

void EngineBridge::reset() {
  m_reached = 0;
  post(command::Reset{});
  emit resetRequested();
}

void EngineBridge::startFreshRun() {
  m_awaitingFreshRun = true;
  reset();
}

std::vector<DiagnosticRow> EngineBridge::rowsOfThisRun(std::vector<DiagnosticRow> rows,
                                                       const Snapshot& snap) {
  if (!m_awaitingFreshRun) return rows;
  // `snap` was taken before the rows were drained, so its own row is among them. Once the
  // engine shows the scene of the fresh run at step 0, the last step-0 row is that run's first.
  if (!(snap.scene == m_scene) || snap.step != 0) return {};
  auto first = std::find_if(rows.rbegin(), rows.rend(), [](const auto& r) {
                 return r.step == 0 && !r.values.empty();
               }).base();
  if (first == rows.begin()) return {};
  m_awaitingFreshRun = false;
  rows.erase(rows.begin(), std::prev(first));
  return rows;
}

void EngineBridge::recordStep(const Snapshot& snap) {
  const qint64 now = m_clock.elapsed();
  if (!m_stepTimes.empty() && snap.step < m_stepTimes.back().second) m_stepTimes.clear();
  m_stepTimes.emplace_back(now, snap.step);
  while (m_stepTimes.size() > 2 && now - m_stepTimes.front().first > 2000) m_stepTimes.pop_front();
}

double EngineBridge::playRate() const {
  if (!m_playing || m_stepTimes.size() < 2) return 0.0;
  // Counted up to now, so that a stalled run falls towards 0.
  const auto& [t0, s0] = m_stepTimes.front();
  const double seconds = double(m_clock.elapsed() - t0) / 1000.0;
  return seconds > 0.2 ? double(m_stepTimes.back().second - s0) / seconds : 0.0;
}

void EngineBridge::stepBack() {
  post(command::StepBack{});
  emit stepBackRequested();
  if (m_playing) {
    m_playing = false;
    emit playingChanged(false);
  }
}

void EngineBridge::setMaxStepsPerSecond(double value) {
  post(command::SetMaxStepsPerSecond{value});
}

void EngineBridge::setDiagnosticsEveryStep(bool value) {
  post(command::SetDiagnosticsEveryStep{value});
}

void EngineBridge::setGrid(const GridRequest& grid) {
  post(command::SetGrid{grid});
}

void EngineBridge::poll() {
  // The snapshot first: every row published up to it is then in the drained rows.
  std::shared_ptr<const Snapshot> snap = m_engine->latest();
  std::vector<DiagnosticRow> rows = m_engine->drainDiagnostics();
  const bool fresh = snap != m_current;
  const bool failed = fresh && snap->errorSerial != m_errorSerial;
  // The engine kept its previous state: make that the last good scene again (before the rows
  // are matched to the run they belong to).
  const bool resynced = failed && !(snap->scene == m_scene);
  if (resynced) m_scene = snap->scene;
  rows = rowsOfThisRun(std::move(rows), *snap);
  if (!rows.empty()) emit diagnosticsArrived(rows);
  if (!fresh) {
    // The engine publishes only after a step or a command, so an error that stopped it
    // mid-run stays unseen until the next command: while we expect steps and none come,
    // post a no-op now and then so that it publishes its state.
    if (m_playing && m_sinceSnapshot.elapsed() > kPingMs) {
      m_sinceSnapshot.restart();
      post(command::Ping{});
    }
    return;
  }
  m_sinceSnapshot.restart();
  m_current = snap;
  m_reached = std::max(m_reached, snap->step);
  recordStep(*snap);
  if (failed) {
    m_errorSerial = snap->errorSerial;
    if (resynced) emit sceneChanged(m_scene);
    if (!snap->running && m_playing) {
      m_playing = false;
      emit playingChanged(false);
    }
    emit engineError(QString::fromStdString(snap->error), snap->scene);
  }
  emit snapshotArrived(snap);
}

}  // namespace driftlab::ui
