#pragma once
/// TourPlayer (issue 16): plays a tour (core/tour) in the window. It drives the engine one
/// StepOnce at a time through EngineBridge (commands only), so each step's change is applied
/// exactly when the tour's clock reaches it, whatever the machine's speed; it sets the step's
/// layers, camera, curves and visible controls and announces its caption. A step that says
/// "wait" holds at its end until next(); a looping tour starts over after the last step.
/// Next / previous / restart fast-forward from the tour's start, so every step is reached in
/// the same state as when played through.
#include <QObject>
#include <QStringList>
#include <QTimer>
#include <memory>
#include <optional>

class QMenu;
class QWidget;

#include "tour/tour.h"
#include "tour/tour_schedule.h"

namespace driftlab {
struct Snapshot;
}

namespace driftlab::ui {

class MainWindow;
class EngineBridge;

class TourPlayer : public QObject {
  Q_OBJECT
 public:
  static constexpr double kDefaultStepsPerSecond = 30.0;

  explicit TourPlayer(MainWindow* window);
  ~TourPlayer() override;

  /// The tours shipped in the resources (":/tours/NAME.json"), sorted.
  static QStringList shippedTours();
  /// File > Tours: one action per shipped tour (named by its title) that starts it.
  QMenu* toursMenu(QWidget* parent);
  /// Reads a tour from a file or a resource path; nullopt with the one-line error.
  static std::optional<Tour> readTour(const QString& path, QString* error);

  /// Loads `path` and starts it at its first step; false (and the error shown) on bad input.
  bool start(const QString& path);
  void start(const Tour& tour);
  /// Ends the tour: the controls and docks it hid come back; the run stays where it is. While
  /// a tour plays it runs the steps itself (Play is undone at its next tick).
  void stop();

  bool isActive() const { return m_active; }
  bool isWaiting() const { return m_waiting; }
  bool isFinished() const { return m_finished; }
  const Tour& tour() const { return m_tour; }
  const TourSchedule& schedule() const { return m_schedule; }
  /// The step shown (-1 before the first one applies).
  int stepIndex() const { return int(m_next) - 1; }
  /// Simulation steps run since the tour (re)started.
  std::int64_t clock() const { return m_clock; }
  /// Times the tour started over by itself (loop).
  int loops() const { return m_loops; }
  /// Pace of the tour in steps per second of wall time; 0: as fast as the engine goes.
  void setStepsPerSecond(double value);

 public slots:
  /// Leaves a "wait" at once, else fast-forwards to the next step (or the end).
  void next();
  /// Back to the previous step, reached again from the start.
  void previous();
  void restart();

 signals:
  /// The tour's title and the caption of the step shown; both empty when the tour ends.
  void captionChanged(const QString& title, const QString& text);
  void stepChanged(int index, int count);
  void waitingChanged(bool waiting);
  void activeChanged(bool active);
  /// The last step ended and the tour does not loop.
  void finished();

 private:
  void tick();
  bool caughtUp(const Snapshot& snapshot);
  bool holdAtBoundary(std::size_t leaving);
  void applyStep(std::size_t index);
  void applyDisplay(const TourStep& step);
  void showControls(const std::optional<std::vector<std::string>>& names);
  void jumpTo(std::size_t index);
  void setWaiting(bool waiting);
  void saveWindowState();
  void restoreWindowState();
  void updatePace();

  MainWindow* m_window;
  EngineBridge* m_bridge;
  QTimer m_timer;
  Tour m_tour;
  TourSchedule m_schedule;
  bool m_active = false, m_waiting = false, m_finished = false, m_released = false;
  std::size_t m_next = 0;        ///< the next step to apply
  std::size_t m_seekTarget = 0;  ///< fast-forward (no pace, no waits) until this step applies
  bool m_seeking = false;
  std::int64_t m_clock = 0;
  int m_loops = 0;
  double m_stepsPerSecond = kDefaultStepsPerSecond;
  // What the engine must show before the next command goes out (commands are applied between
  // steps in batches: a change posted with a step still queued would land a step early).
  std::optional<SceneConfig> m_expectScene;
  std::int64_t m_expectStep = -1;
  bool m_expectFresh = false;
  std::uint64_t m_errorSerial = 0;
  struct WindowState {
    bool saved = false, controlsDock = true, curvesDock = true;
    QStringList curves;
  } m_saved;
};

}  // namespace driftlab::ui
