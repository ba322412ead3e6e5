#include "scene/scene_view_state.h"

#include <cmath>

#include "base/input_error.h"
#include "scene/bounded_json.h"

namespace driftlab {

using nlohmann::json;

namespace {

void requireChoice(const json& j, const std::string& field,
                   const std::vector<std::string>& choices) {
  if (!j.is_string())
    throw InputError(field, "expected a string, got " + briefJson(j), joinedList(choices));
  if (!listed(choices, j.get<std::string>()))
    throw InputError(field, "unknown value '" + quoteForMessage(j.get<std::string>()) + "'",
                     joinedList(choices));
}

void requireNumber(const json& j, const std::string& field, double lo, double hi, bool integer,
                   const std::string& allowed) {
  const bool ok = j.is_number() && (!integer || j.get<double>() == std::floor(j.get<double>()));
  if (!ok)
    throw InputError(
        field,
        std::string("expected ") + (integer ? "an integer" : "a number") + ", got " + briefJson(j),
        allowed);
  const double v = j.get<double>();
  if (!(v >= lo && v <= hi)) throw InputError(field, "got " + briefJson(j), allowed);
}

void requireVector3(const json& j, const std::string& field) {
  const char* allowed = "an array of 3 finite numbers";
  if (!j.is_array() || j.size() != 3)
    throw InputError(field, "expected 3 numbers, got " + briefJson(j), allowed);
  for (const auto& e : j)
    if (!e.is_number()) throw InputError(field, "expected a number, got " + briefJson(e), allowed);
}

}  // namespace

const std::vector<std::string>& sceneLayerIds() {
  static const std::vector<std::string> ids{
      "data",       "particles", "arrows", "field",       "heatmap", "contours",     "trails",
      "isosurface", "slice",     "curl",   "streamlines", "halves",  "decomposition"};
  return ids;
}

void validateLayersJson(const json& layers) {
  std::vector<std::string> keys = sceneLayerIds();
  keys.insert(keys.end(),
              {"particle_color", "particle_size", "density", "trail_length", "draw_all"});
  requireKnownKeys(layers, "layers", keys);
  for (const auto& [key, v] : layers.items()) {
    const std::string field = "layers." + key;
    if (key == "particle_color")
      requireChoice(v, field, {"speed", "initial"});
    else if (key == "density")
      requireChoice(v, field, {"p", "q", "p-q"});
    else if (key == "particle_size")
      requireNumber(v, field, 1.0, 40.0, false, "numbers in [1, 40] (pixels)");
    else if (key == "trail_length")
      requireNumber(v, field, 2.0, 500.0, true, "integers from 2 to 500");
    else
      readBool(v, field);
  }
}

void validateCameraJson(const json& camera) {
  requireKnownKeys(camera, "camera", {"position", "focal_point", "view_up", "parallel_scale"});
  for (const auto& [key, v] : camera.items()) {
    const std::string field = "camera." + key;
    if (key == "parallel_scale")
      requireNumber(v, field, 1e-300, 1e300, false, "numbers in (0, 1e300]");
    else
      requireVector3(v, field);
  }
}

}  // namespace driftlab
