#pragma once
/// What changed between two scenes, in words for a curve marker and the CSV's event column
/// (issue 16 "curve annotations"): "flow.bandwidth 0.25 -> 0.1; particles 2000 -> 4000".
/// Only the keys that define the run count (not title, caption, layers, camera, record).
#include <string>

#include "scene/scene_config.h"

namespace driftlab {

/// "" when the runs are the same. Keys are the scene file's ("flow.bandwidth", "target.name");
/// values as the scene file writes them (strings without quotes).
std::string describeSceneChange(const SceneConfig& before, const SceneConfig& after);

}  // namespace driftlab
