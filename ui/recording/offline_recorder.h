#pragma once
/// OfflineRecorder: lockstep recording (issue 15). For every frame: step the stage's engine
/// `stepsPerFrame` times, render offscreen at the fixed frame size, capture, hand the image to
/// the sink; never tied to wall time, so a scene gives the same frames on any machine at a
/// fixed thread count. All outputs are opened (as temporaries) before the first step and
/// appear together at the end; a cancelled or failed recording leaves none of them.
#include <QString>
#include <cstdint>
#include <functional>
#include <optional>

#include "recording/frame_sink.h"
#include "scene/record_settings.h"
#include "scene/scene_config.h"
#include "tour/tour.h"

namespace driftlab::ui {

struct RecordJob {
  SceneConfig scene;        ///< validated
  RecordSettings settings;  ///< validated
  QString target;           ///< the file, or the folder for PNG frames
  QString csvPath;          ///< optional: the diagnostics CSV of the recorded run
  /// A tour (`driftlab record TOUR.json`): `scene` is its opening scene and scene.steps its
  /// end; the recorder plays it (recording/tour_recording.h).
  std::optional<Tour> tour;
};

struct RecordProgress {
  std::int64_t frame = 0, frames = 0;  ///< frames written so far, of all
  double elapsedSeconds = 0.0;
  /// Estimated seconds left (from the rate so far; < 0 before the first frame).
  double secondsLeft() const;
};

struct RecordResult {
  enum class Status { kDone, kCancelled, kBadInput, kFailed };
  Status status = Status::kFailed;
  QString message;  ///< one line: the path written, or why not
  std::int64_t frames = 0;
  double seconds = 0.0;
};

/// Checks the job (settings, sink target, CSV target) without writing anything; "" if good.
QString checkRecordJob(const RecordJob& job);
/// The sink format named by settings.format.
RecordFormat recordFormatOf(const RecordSettings& settings);

/// Runs the job. `progress` is called after every frame (and may pump the GUI's events);
/// returning false cancels. Returns what happened, with one line for the user.
RecordResult recordOffline(const RecordJob& job,
                           const std::function<bool(const RecordProgress&)>& progress);

}  // namespace driftlab::ui
