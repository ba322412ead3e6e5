#pragma once
/// The scene's `record` object (SPEC §5 "Record", issue 15): how an animation of the scene is
/// recorded. The GUI's Record dialog edits it and saves it with the scene; `driftlab record`
/// starts from it and its options override single fields. Core type, no Qt.
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace driftlab {

struct RecordSettings {
  std::string format = "mp4";      ///< png (a frame folder), mp4, webm, gif, ogv
  int width = 1280, height = 720;  ///< the whole frame, pixels (even, except for png)
  double fps = 30.0;
  std::int64_t stepsPerFrame = 1;
  std::int64_t steps = -1;      ///< simulation steps recorded; < 0: the scene's "steps"
  double seconds = 0.0;         ///< > 0: the duration instead of `steps` (frames = fps * seconds)
  std::string curves = "none";  ///< the curves panel beside the view: none, right, below
  bool caption = false;         ///< a caption line: flow, h or tau, N, M, step, time
  bool progress = false;        ///< a thin progress bar of the run along the bottom edge
  std::string title;            ///< non-empty: a title card with this text before the run
  bool endCard = false;         ///< a closing card with the final step's numbers
  double cardSeconds = 2.0;     ///< how long each card is shown

  bool operator==(const RecordSettings&) const = default;
};

/// Allowed values, for messages, the CLI and the dialog.
const std::vector<std::string>& recordFormats();
const std::vector<std::string>& recordCurveLayouts();

/// Checks every field (throws InputError naming "record.<key>" and what is allowed).
void validateRecordSettings(const RecordSettings& settings);

/// Reads a scene's `record` object (unknown keys are errors); missing keys keep the defaults.
RecordSettings parseRecordJson(const nlohmann::json& record);
/// The `record` object with every field explicit.
nlohmann::json recordToJson(const RecordSettings& settings);

/// Simulation steps the recording covers (`sceneSteps` when settings.steps < 0; rounded down
/// to whole frames).
std::int64_t recordedSteps(const RecordSettings& settings, std::int64_t sceneSteps);
/// Frames of the run: one per `stepsPerFrame` steps plus the initial state.
std::int64_t runFrames(const RecordSettings& settings, std::int64_t sceneSteps);
/// Frames of one card (title or end).
std::int64_t cardFrames(const RecordSettings& settings);
/// Every frame the file holds (cards included).
std::int64_t totalFrames(const RecordSettings& settings, std::int64_t sceneSteps);

}  // namespace driftlab
