#pragma once
/// EngineBridge: the GUI thread's only link to the simulation thread. It posts commands, keeps
/// the last scene that passed validation, and a ~60 Hz timer takes the newest snapshot and the
/// new diagnostic rows (it never waits on the engine and never touches its state).
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <deque>
#include <memory>

#include "engine/engine.h"

namespace driftlab::ui {

class EngineBridge : public QObject {
  Q_OBJECT
 public:
  /// scene: validated. The engine starts paused.
  explicit EngineBridge(const SceneConfig& scene, QObject* parent = nullptr);
  ~EngineBridge() override;

  /// Validates `scene` and posts it; on InputError emits inputError and keeps the last good
  /// scene. Returns whether it was posted.
  bool applyScene(SceneConfig scene);
  /// The last scene that passed validation (what the controls edit).
  const SceneConfig& scene() const { return m_scene; }

  void play();
  void pause();
  void togglePlay();
  void stepOnce();
  /// Back one step through the engine's history ring (pauses).
  void stepBack();
  /// Moves the run to `step` (pauses): back through the history ring, or forward by single
  /// steps. The steps after it stay the run's branch until a parameter changes (a fork).
  void scrubTo(std::int64_t step);
  /// The furthest step this run's branch has reached (what a scrub can return to).
  std::int64_t reachedStep() const { return m_reached; }
  void reset();
  /// Starts a fresh run (a scene was opened): posts Reset and, until the engine has applied it,
  /// drops the diagnostic rows still coming from the previous run, so that the curves of the
  /// new run start with its own step 0.
  void startFreshRun();
  /// 0: as fast as possible.
  void setMaxStepsPerSecond(double value);
  /// See command::SetDiagnosticsEveryStep.
  void setDiagnosticsEveryStep(bool value);
  void setGrid(const GridRequest& grid);
  bool isPlaying() const { return m_playing; }

  /// The newest snapshot seen by the poll timer (never null).
  std::shared_ptr<const Snapshot> current() const { return m_current; }
  /// The engine itself, for read-only waits (waitFor / latest) in the capture and tests.
  const Engine& engine() const { return *m_engine; }
  /// Polls the engine now (what the timer does); emits the signals below when new.
  void poll();
  /// Steps shown per second of wall time over the last ~2 s while playing (what the user sees;
  /// below the engine's compute rate when the speed is limited). 0 when paused.
  double playRate() const;

 signals:
  /// A snapshot newer than the previous one (another step, or a new layout).
  void snapshotArrived(std::shared_ptr<const Snapshot> snapshot);
  /// Diagnostic rows produced since the previous poll, oldest first.
  void diagnosticsArrived(const std::vector<DiagnosticRow>& rows);
  /// A rejected edit (one line, "<field>: <problem>; allowed: ...").
  void inputError(const QString& message);
  /// An error reported by the engine (bad state, a scene it could not apply).
  void engineError(const QString& message, const SceneConfig& sceneInUse);
  /// The last good scene changed (a validated edit, or a resync after an engine error).
  void sceneChanged(const SceneConfig& scene);
  /// An edit of the run's parameters was posted at `step` (what the user saw): `label` says
  /// what changed ("flow.bandwidth 0.25 -> 0.1"), prefixed "fork: " when the run had been
  /// scrubbed back (the steps after `step` it had reached are abandoned).
  void parameterChanged(std::int64_t step, const QString& label);
  void playingChanged(bool playing);
  /// Reset was requested (by the user or a fresh run).
  void resetRequested();
  /// A single step forward or back was requested (the split view's right side follows).
  void stepRequested();
  void stepBackRequested();

 private:
  void post(Command command);
  /// The rows that belong to the run shown (see startFreshRun).
  std::vector<DiagnosticRow> rowsOfThisRun(std::vector<DiagnosticRow> rows, const Snapshot& snap);
  void recordStep(const Snapshot& snap);

  static constexpr int kPingMs = 1000;

  std::unique_ptr<Engine> m_engine;
  SceneConfig m_scene;
  QTimer m_timer;
  std::shared_ptr<const Snapshot> m_current;
  std::uint64_t m_errorSerial = 0;
  bool m_playing = false;
  QElapsedTimer m_sinceSnapshot;
  QElapsedTimer m_clock;
  std::deque<std::pair<qint64, std::int64_t>> m_stepTimes;  ///< (ms, step) of recent snapshots
  bool m_awaitingFreshRun = false;
  std::int64_t m_reached = 0;  ///< the furthest step of this run's branch (forks start below it)
};

}  // namespace driftlab::ui
