#pragma once
/// The GUI's `layers` and `camera` objects of a scene file (SPEC §7): the CLI does not use
/// them, but they are validated like every other object so a typo is an error, not a silent
/// default. The keys are what ui/LayerStack writes (layersJson(), cameraJson()).
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace driftlab {

/// Render layers that can be toggled (boolean keys of `layers`).
const std::vector<std::string>& sceneLayerIds();

/// Checks `layers`: layer ids -> true/false, "particle_color" (speed, initial),
/// "particle_size" (pixels, 1 to 40), "density" (p, q, p-q), "trail_length" (2 to 500),
/// "draw_all" (true/false). Throws InputError naming "layers.<key>".
void validateLayersJson(const nlohmann::json& layers);

/// Checks `camera`: "position", "focal_point", "view_up" (3 numbers each) and
/// "parallel_scale" (> 0). Throws InputError naming "camera.<key>".
void validateCameraJson(const nlohmann::json& camera);

}  // namespace driftlab
