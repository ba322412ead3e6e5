#include "engine_bridge.h"

#include <algorithm>
#include <cmath>

#include "base/input_error.h"

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
  m_scene = scene;
  post(command::ApplyScene{scene});
  emit sceneChanged(m_scene);
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
}
void EngineBridge::reset() {
  post(command::Reset{});
}

void EngineBridge::stepBack() {
  post(command::StepBack{});
  if (m_playing) {
    m_playing = false;
    emit playingChanged(false);
  }
}

void EngineBridge::setMaxStepsPerSecond(double value) {
  post(command::SetMaxStepsPerSecond{value});
}

void EngineBridge::setGrid(const GridRequest& grid) {
  post(command::SetGrid{grid});
}

void EngineBridge::poll() {
  std::shared_ptr<const Snapshot> snap = m_engine->latest();
  std::vector<DiagnosticRow> rows = m_engine->drainDiagnostics();
  if (!rows.empty()) emit diagnosticsArrived(rows);
  if (snap == m_current) {
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
  if (snap->errorSerial != m_errorSerial) {
    m_errorSerial = snap->errorSerial;
    // The engine kept its previous state: make that the last good scene again.
    if (!(snap->scene == m_scene)) {
      m_scene = snap->scene;
      emit sceneChanged(m_scene);
    }
    if (!snap->running && m_playing) {
      m_playing = false;
      emit playingChanged(false);
    }
    emit engineError(QString::fromStdString(snap->error), snap->scene);
  }
  emit snapshotArrived(snap);
}

}  // namespace driftlab::ui
