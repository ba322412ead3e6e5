#pragma once
/// The simulation thread: owns a Simulation, applies queued commands between steps and
/// publishes immutable snapshots (MuJoCo simulate's model: the GUI only reads snapshots
/// and sends commands).
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>

#include "engine/command_log.h"
#include "engine/snapshot.h"
#include "engine/state_history.h"

namespace driftlab {

class Engine {
 public:
  /// scene: validated. The thread starts paused unless `running`. workerNice > 0 lowers the
  /// worker's scheduling priority (Linux nice) before it starts any OpenMP team, which then
  /// inherits it: an interactive front end keeps the cores when both compete.
  explicit Engine(const SceneConfig& scene, bool running = false, int workerNice = 0);
  ~Engine();
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;

  /// Queues a command; it is applied before the next step.
  void post(Command command);
  /// The newest snapshot (never null). The very first one, published by the constructor,
  /// has positions and data but zero velocities and no diagnostics; the worker thread
  /// publishes the complete step-0 snapshot as its first action.
  std::shared_ptr<const Snapshot> latest() const;
  /// Diagnostic rows produced since the last call, oldest first.
  std::vector<DiagnosticRow> drainDiagnostics();
  /// The commands applied so far, each with the step it was applied at (bounded, thread-safe).
  const CommandLog& commandLog() const { return m_log; }
  /// Blocks until `done(latest())` or the timeout; returns whether it held.
  bool waitFor(const std::function<bool(const Snapshot&)>& done,
               std::chrono::milliseconds timeout) const;

  /// Tests only: the worker sleeps this long inside its wait predicate whenever it is about
  /// to block (holding the queue mutex), which widens any lost-wake-up window to certainty.
  static void setWakeCheckDelayForTesting(std::chrono::microseconds delay);

 private:
  bool shouldWake() const;  ///< the worker's wait predicate; caller holds m_queueMutex
  static std::atomic<int> s_wakeCheckDelayUs;

  void run();
  void applyCommand(Command& command);
  void publish(const DiagnosticRow& row, bool layoutChanged, bool withVelocities = true);
  void sampleGrid();

  Simulation m_sim;
  std::thread m_thread;
  std::atomic<bool> m_stop{false};
  mutable std::mutex m_queueMutex;
  std::condition_variable m_wake;
  std::deque<Command> m_queue;
  CommandLog m_log;

  mutable std::mutex m_snapshotMutex;
  mutable std::condition_variable m_published;
  std::shared_ptr<const Snapshot> m_latest;
  std::vector<DiagnosticRow> m_rows;

  // Owned by the worker thread only.
  int m_workerNice = 0;
  bool m_running = false;
  int m_pendingSteps = 0;
  double m_maxStepsPerSecond = 0.0;
  static constexpr double kDiagnosticsRatio = 3.0;    ///< stepping time per diagnostics time
  static constexpr double kCheapDiagnosticsMs = 4.0;  ///< cheaper diagnostics: every step
  double m_diagnosticsMs = 0.0;                       ///< cost of the last diagnostics
  double m_stepMsSinceDiagnostics = 0.0;              ///< stepping time since then
  GridRequest m_gridRequest;
  StateHistory m_history;
  std::shared_ptr<const FieldGrid> m_grid;
  std::shared_ptr<const PointSet> m_initial, m_data;
  std::uint64_t m_layoutSerial = 0;
  std::int64_t m_dataStep = -1;  ///< the step whose data m_data holds (target.resample)
  std::string m_error;
  std::uint64_t m_errorSerial = 0;
  double m_lastMs = 0.0;
  bool m_diagnosticsEveryStep = true;  ///< see command::SetDiagnosticsEveryStep
  double m_stepsPerSecond = 0.0;
  bool m_dirty = true;
};

}  // namespace driftlab
