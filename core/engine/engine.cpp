#include "engine/engine.h"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cmath>

#include "base/input_error.h"
#include "diffusion/diffusion_schedule.h"
#include "engine/field_grid.h"

namespace driftlab {

using Clock = std::chrono::steady_clock;

Engine::Engine(const SceneConfig& scene, bool running, int workerNice)
    : m_sim(scene), m_workerNice(workerNice), m_running(running) {
  // Positions only: the O(N M) velocities and diagnostics are the worker's first job, so a
  // large scene does not stall the calling (GUI) thread.
  publish({}, true, /*withVelocities=*/false);
  m_thread = std::thread([this] { run(); });
}

Engine::~Engine() {
  {
    // Under the queue mutex: the worker evaluates its wait predicate holding this mutex, so
    // the flag cannot change between its check and its wait, and the notify cannot be lost.
    std::lock_guard lock(m_queueMutex);
    m_stop = true;
  }
  m_wake.notify_all();
  if (m_thread.joinable()) m_thread.join();
}

std::atomic<int> Engine::s_wakeCheckDelayUs{0};

void Engine::setWakeCheckDelayForTesting(std::chrono::microseconds delay) {
  s_wakeCheckDelayUs = static_cast<int>(delay.count());
}

bool Engine::shouldWake() const {
  const bool wake = m_stop || !m_queue.empty();
  if (!wake && s_wakeCheckDelayUs > 0)
    std::this_thread::sleep_for(std::chrono::microseconds(s_wakeCheckDelayUs.load()));
  return wake;
}

void Engine::post(Command command) {
  {
    std::lock_guard lock(m_queueMutex);
    m_queue.push_back(std::move(command));
  }
  m_wake.notify_all();
}

std::shared_ptr<const Snapshot> Engine::latest() const {
  std::lock_guard lock(m_snapshotMutex);
  return m_latest;
}

std::vector<DiagnosticRow> Engine::drainDiagnostics() {
  std::lock_guard lock(m_snapshotMutex);
  std::vector<DiagnosticRow> out;
  out.swap(m_rows);
  return out;
}

bool Engine::waitFor(const std::function<bool(const Snapshot&)>& done,
                     std::chrono::milliseconds timeout) const {
  std::unique_lock lock(m_snapshotMutex);
  return m_published.wait_for(lock, timeout, [&] { return done(*m_latest); });
}

void Engine::applyCommand(Command& command) {
  std::visit(
      [this](auto& c) {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, command::ApplyScene>) {
          const SceneConfig& old = m_sim.scene();
          // The ring holds positions of this particle layout only.
          if (c.scene.particles != old.particles || c.scene.dim != old.dim ||
              c.scene.seed != old.seed || c.scene.initName != old.initName)
            m_history.clear();
          m_sim.apply(c.scene);
        } else if constexpr (std::is_same_v<T, command::SetDiagnosticsEveryStep>) {
          m_diagnosticsEveryStep = c.value;
        } else if constexpr (std::is_same_v<T, command::Play>) {
          m_running = true;
        } else if constexpr (std::is_same_v<T, command::Pause>) {
          m_running = false;
          m_pendingSteps = 0;
        } else if constexpr (std::is_same_v<T, command::StepOnce>) {
          ++m_pendingSteps;
        } else if constexpr (std::is_same_v<T, command::Reset>) {
          m_sim.reset();
          m_history.clear();
        } else if constexpr (std::is_same_v<T, command::StepBack>) {
          m_running = false;
          m_pendingSteps = 0;
          PastState past;
          if (!m_history.pop(past))
            throw InputError("history", "no earlier step is kept",
                             "step back after stepping forward (the ring keeps at most 500 "
                             "states or 256 MB)");
          m_sim.restore(past.particles, past.step, past.time);
        } else if constexpr (std::is_same_v<T, command::SetMaxStepsPerSecond>) {
          m_maxStepsPerSecond = std::max(0.0, c.value);
        } else if constexpr (std::is_same_v<T, command::SetGrid>) {
          // Another box or other extras: the grid held does not answer the new request, so
          // it is sampled again now rather than at the next k-th step.
          GridRequest sameRate = m_gridRequest;
          sameRate.every = c.grid.every;
          if (!c.grid.enabled || !(sameRate == c.grid)) m_grid.reset();
          m_gridRequest = c.grid;
        } else if constexpr (std::is_same_v<T, command::SetParticles>) {
          m_sim.setParticles(c.positions);
        }  // command::Ping: nothing to do
      },
      command);
}

void Engine::sampleGrid() {
  if (!m_gridRequest.enabled) return;
  if (m_grid && m_sim.stepIndex() % std::max(1, m_gridRequest.every) != 0) return;
  m_grid = std::make_shared<const FieldGrid>(sampleFieldGrid(m_sim, m_gridRequest));
}

void Engine::publish(const DiagnosticRow& row, bool layoutChanged, bool withVelocities) {
  auto snap = std::make_shared<Snapshot>();
  snap->step = m_sim.stepIndex();
  snap->time = m_sim.time();
  snap->scene = m_sim.scene();
  snap->backend = m_sim.backendId();
  snap->bandwidth = m_sim.bandwidth();
  snap->effectiveEta = m_sim.effectiveEta();
  snap->particles = std::make_shared<const PointSet>(m_sim.particles());
  snap->velocities = std::make_shared<const PointSet>(
      withVelocities ? m_sim.velocities()
                     : PointSet(PointSet::Zero(m_sim.particles().rows(), m_sim.scene().dim)));
  if (layoutChanged || !m_initial) {
    m_initial = std::make_shared<const PointSet>(m_sim.initialPositions());
    m_data = std::make_shared<const PointSet>(m_sim.data());
    ++m_layoutSerial;
  } else if (m_sim.scene().resampleData && m_dataStep != m_sim.stepIndex()) {
    m_data = std::make_shared<const PointSet>(m_sim.data());  // this step's fresh sample
  }
  m_dataStep = m_sim.stepIndex();
  snap->layoutSerial = m_layoutSerial;
  snap->initial = m_initial;
  snap->data = m_data;
  snap->diagnostics = row;
  snap->grid = m_grid;
  snap->running = m_running;
  snap->finished = m_sim.finished();
  if (const DiffusionSchedule* d = m_sim.field().diffusionSchedule())
    snap->diffusionTime = d->diffusionTime(m_sim.time());
  snap->stepsPerSecond = m_stepsPerSecond;
  snap->error = m_error;
  snap->errorSerial = m_errorSerial;
  snap->historySize = m_history.size();
  {
    std::lock_guard lock(m_snapshotMutex);
    m_latest = std::move(snap);
    if (!row.values.empty()) m_rows.push_back(row);
    if (m_rows.size() > 100000) m_rows.erase(m_rows.begin(), m_rows.begin() + 50000);
  }
  m_published.notify_all();
}

void Engine::run() {
  if (m_workerNice > 0) {
    const int current = getpriority(PRIO_PROCESS, static_cast<id_t>(gettid()));
    setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), std::min(19, current + m_workerNice));
  }
  publish(m_sim.diagnostics(0.0), true);
  auto nextSlot = Clock::now();
  while (!m_stop) {
    std::deque<Command> commands;
    {
      std::unique_lock lock(m_queueMutex);
      if (m_queue.empty() && !m_running && m_pendingSteps == 0)
        m_wake.wait(lock, [&] { return shouldWake(); });
      commands.swap(m_queue);
    }
    if (m_stop) break;
    bool layoutChanged = false;
    for (auto& c : commands) {
      const std::int64_t stepBefore = m_sim.stepIndex();
      try {
        applyCommand(c);
        m_log.append(stepBefore, c, true);
        layoutChanged = layoutChanged || std::holds_alternative<command::ApplyScene>(c) ||
                        std::holds_alternative<command::Reset>(c) ||
                        std::holds_alternative<command::SetParticles>(c) ||
                        std::holds_alternative<command::StepBack>(c);
      } catch (const std::exception& e) {
        m_log.append(stepBefore, c, false);
        m_error = e.what();
        ++m_errorSerial;
      }
    }
    bool stepped = false, failed = false, ended = false;
    const bool byHand = !m_running;  // single steps: every one gets its diagnostics
    if ((m_running || m_pendingSteps > 0) && m_sim.finished()) {
      // A field's own time grid is complete (pf-ode at t_min): Play stops by itself and
      // further steps do nothing; the snapshot says so (Snapshot::finished).
      ended = true;
      m_running = false;
      m_pendingSteps = 0;
    } else if (m_running || m_pendingSteps > 0) {
      if (m_pendingSteps > 0) --m_pendingSteps;
      m_history.push({m_sim.stepIndex(), m_sim.time(), m_sim.particles()});
      const auto t0 = Clock::now();
      try {
        m_sim.step();
        stepped = true;
      } catch (const StateError& e) {
        PastState unchanged;
        m_history.pop(unchanged);  // the step did not happen
        failed = true;
        m_error = e.what();
        ++m_errorSerial;
        m_running = false;
        m_pendingSteps = 0;
      }
      const double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
      if (stepped) {
        m_lastMs = ms;
        m_stepMsSinceDiagnostics += ms;
        const double inst = ms > 0 ? 1000.0 / ms : 0.0;
        m_stepsPerSecond = m_stepsPerSecond == 0 ? inst : 0.9 * m_stepsPerSecond + 0.1 * inst;
      }
    }
    if (!stepped && !failed && !ended && commands.empty()) continue;
    if (layoutChanged) {
      m_grid.reset();
      if (!stepped) m_lastMs = 0.0;  // a new layout's step-0 row has no step time yet
    }
    sampleGrid();
    DiagnosticRow row;
    // Diagnostics (KDE sums, sample distances) can cost as much as a step: always for single
    // steps, commands and by default (m_diagnosticsEveryStep); else, while running, every
    // step while they take at most
    // kCheapDiagnosticsMs, else once the stepping time since the last ones
    // reaches kDiagnosticsRatio times their cost, so that they take at most a quarter of the
    // worker's time whatever the backend's speed (large runs: sparser curves, never a
    // stalled simulation).
    if (layoutChanged || byHand || m_diagnosticsEveryStep ||
        m_diagnosticsMs <= kCheapDiagnosticsMs ||
        m_stepMsSinceDiagnostics >= kDiagnosticsRatio * m_diagnosticsMs) {
      const auto d0 = Clock::now();
      row = m_sim.diagnostics(m_lastMs);
      m_diagnosticsMs = std::chrono::duration<double, std::milli>(Clock::now() - d0).count();
      m_stepMsSinceDiagnostics = 0.0;
    } else
      row = {m_sim.stepIndex(), m_sim.time(), {}};
    publish(row, layoutChanged);
    if (m_running && m_maxStepsPerSecond > 0.0) {
      nextSlot += std::chrono::duration_cast<Clock::duration>(
          std::chrono::duration<double>(1.0 / m_maxStepsPerSecond));
      if (nextSlot < Clock::now()) nextSlot = Clock::now();
      std::unique_lock lock(m_queueMutex);
      m_wake.wait_until(lock, nextSlot, [&] { return shouldWake(); });
    } else {
      nextSlot = Clock::now();
    }
  }
}

}  // namespace driftlab
