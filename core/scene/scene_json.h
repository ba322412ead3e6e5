#pragma once
/// Scene files: JSON in and out (SPEC §7). Unknown keys are errors; missing keys take defaults.
#include <string>

#include "scene/scene_config.h"

namespace driftlab {

/// Parses and validates a scene; throws InputError naming the offending key.
SceneConfig parseScene(const std::string& jsonText);
/// Reads `path` (InputError "scene" if unreadable) and parses it.
SceneConfig loadSceneFile(const std::string& path);
/// Serialises a scene (all parameters explicit), pretty-printed.
std::string sceneToJson(const SceneConfig& scene);

}  // namespace driftlab
