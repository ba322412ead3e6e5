#pragma once
/// Tours (issue 16): a scripted lecture over one run. A tour opens a scene, then each of its
/// steps applies a change (or a whole new scene) when the tour's clock reaches its step, shows
/// a caption, a camera, layers, curves and controls, and either moves on by itself or waits
/// for Next. Schema: resources/tours/README.md. Core type, no Qt.
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "scene/scene_config.h"

namespace driftlab {

enum class TourAdvance { kAuto, kWait };

struct TourStep {
  std::string caption;  ///< what to look at now (one paragraph, non-empty)
  /// The complete state this step runs: the previous step's scene with this step's `change`
  /// merged in, or its `scene`. Validated; title/caption are the tour's, layers/camera the
  /// opening scene's (the step's own layers and camera are below).
  SceneConfig scene;
  bool replacesScene = false;            ///< `scene` given: a fresh run starts (the clock goes on)
  bool hasChange = false;                ///< `scene` or `change` given
  std::optional<std::int64_t> atStep;    ///< apply when the tour's clock reaches this step
  std::optional<std::int64_t> runSteps;  ///< apply this many steps after the previous step
  std::optional<std::string> cameraJson, layersJson;  ///< validated JSON objects
  std::optional<std::vector<std::string>> curves;     ///< diagnostic ids shown
  std::optional<std::vector<std::string>> controls;   ///< control groups shown (tourControls())
  TourAdvance advance = TourAdvance::kAuto;
};

struct Tour {
  std::string title;                    ///< one line, non-empty
  std::string caption;                  ///< what the tour shows (the hook), non-empty
  bool loop = false;                    ///< start over after the last step
  std::optional<std::int64_t> endStep;  ///< the clock at which the tour ends (see tourEndStep)
  SceneConfig scene;                    ///< the opening scene (validated)
  std::vector<TourStep> steps;          ///< at least one
};

/// Control groups a step can show: "run", "flow", "particles", "target".
const std::vector<std::string>& tourControls();

/// Reads the text a `scene` string names: "preset:NAME" or a path relative to the tour's
/// folder. Throws InputError (any field: the caller names it) when there is none.
using TourSceneResolver = std::function<std::string(const std::string& reference)>;

/// Parses and validates a tour; every error is one line naming the key path
/// ("steps[2].change.flow.bandwidth: ..."). Unknown keys are errors.
Tour parseTour(const std::string& jsonText, const TourSceneResolver& resolve = {});
/// Reads `path` and parses it; scene references resolve against its folder ("preset:NAME":
/// ../scenes/NAME.json, where the shipped presets sit beside resources/tours).
Tour loadTourFile(const std::string& path);
/// Whether `jsonText` is a tour rather than a scene: a JSON object with a "steps" array (a
/// scene's "steps" is a number). Malformed text is not a tour (the scene parser reports it).
bool isTourText(const std::string& jsonText);

}  // namespace driftlab
