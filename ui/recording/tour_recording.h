#pragma once
/// TourRecording: `driftlab record TOUR.json` (issue 16). Plays a tour on the offline
/// recorder's stage in lockstep: every step's change is applied when the tour's clock reaches
/// it, the caption band shows the step's caption, and every step advances by itself; a "wait"
/// step becomes a pause of kWaitSeconds (its last frame repeated) before the next step.
#include <QString>
#include <cstdint>
#include <functional>

#include "scene/record_settings.h"
#include "tour/tour.h"
#include "tour/tour_schedule.h"

namespace driftlab::ui {

class RecordingStage;

class TourRecording {
 public:
  static constexpr double kWaitSeconds = 3.0;
  static constexpr int kCaptionLines = 3;  ///< the caption band's height, in lines

  explicit TourRecording(const Tour& tour);

  const Tour& tour() const { return m_tour; }
  std::int64_t endStep() const { return m_schedule.endStep; }
  /// Frames of one wait pause.
  static std::int64_t pauseFrames(const RecordSettings& settings);
  /// Frames all wait pauses add to a recording of `recordedSteps` clock steps.
  std::int64_t waitFrames(const RecordSettings& settings, std::int64_t recordedSteps) const;
  /// Whether the last step waits (its pause comes after the last frame of the run).
  bool endsWithWait() const { return m_schedule.steps.back().wait; }

  /// Brings `stage` to clock value `clock`, applying every step due on the way (a step due at
  /// `clock` included). `pause()` is called where a "wait" step ends, before the next step
  /// applies (it writes the pause frames); false from it stops. False with a one-line error.
  bool advanceTo(RecordingStage& stage, std::int64_t clock, const std::function<bool()>& pause,
                 QString* error);

 private:
  void showStep(RecordingStage& stage, std::size_t index) const;

  Tour m_tour;
  TourSchedule m_schedule;
  std::size_t m_next = 0;
  std::int64_t m_runStart = 0;  ///< clock value of the current run's step 0
};

}  // namespace driftlab::ui
