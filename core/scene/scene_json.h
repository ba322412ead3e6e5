#pragma once
/// Scene files: JSON in and out (SPEC §7). Unknown keys are errors; missing keys take defaults.
#include <string>

#include "scene/scene_config.h"

namespace driftlab {

/// Parses and validates a scene; throws InputError naming the offending key. sceneDir: the
/// folder of the scene file (empty: none); a relative file path parameter (the image target's
/// `file`) naming a file there becomes that file's absolute path.
SceneConfig parseScene(const std::string& jsonText, const std::string& sceneDir = {});
/// `path` resolved against `sceneDir` when it is relative and names a file there; else as is.
std::string resolveBesideScene(const std::string& path, const std::string& sceneDir);
/// Reads `path` (InputError "scene" if unreadable) and parses it (relative file parameters
/// resolved against its folder first).
SceneConfig loadSceneFile(const std::string& path);
/// Serialises a scene (all parameters explicit), pretty-printed.
std::string sceneToJson(const SceneConfig& scene);

}  // namespace driftlab
