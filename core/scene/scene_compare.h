#pragma once
/// Split view (issue 16): the scene's `compare` object holds the right side's differences from
/// the main scene as a partial scene, e.g. {"flow": {"name": "laplace"}} or
/// {"flow": {"bandwidth": 0.5}}. Both sides share the seed and the data, so only the run keys
/// in compareKeys() may differ. SceneConfig::compareJson is empty when there is no split.
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "scene/scene_config.h"

namespace driftlab {

/// The keys a compare object may hold: "flow", "integrator", "backend".
const std::vector<std::string>& compareKeys();

/// Validates `compare` against `main` (validated) and returns its canonical text (what
/// compareDiff gives for the side it describes). Throws InputError naming "compare.<key>".
std::string parseCompareJson(const nlohmann::json& compare, const SceneConfig& main);

/// The right side: `main` with main.compareJson applied, validated, with an empty compareJson
/// (`main` itself when compareJson is empty). Throws InputError naming "compare.<key>".
SceneConfig compareSide(const SceneConfig& main);

/// The compare object (compact JSON) that turns `main` into `right`: a flow of another name is
/// given whole, otherwise only the differing parameters; "{}" when the run keys are equal.
std::string compareDiff(const SceneConfig& main, const SceneConfig& right);

/// The right side after the main side changed from `before` to `after`: everything the sides
/// share (dim, data, cloud, N, seed, steps, display) follows `after`; when `linked`, the compare
/// keys the edit changed change on the right too. Not validated.
SceneConfig followMain(const SceneConfig& right, const SceneConfig& before,
                       const SceneConfig& after, bool linked);

}  // namespace driftlab
