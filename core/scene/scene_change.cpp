#include "scene/scene_change.h"

#include <functional>
#include <map>
#include <nlohmann/json.hpp>

#include "scene/scene_json.h"

namespace driftlab {

namespace {

using nlohmann::json;

/// Leaves of the scene's JSON by dotted key (arrays as one leaf: "init.center").
void flatten(const json& j, const std::string& prefix, std::map<std::string, std::string>& out) {
  if (j.is_object()) {
    for (const auto& [key, value] : j.items())
      flatten(value, prefix.empty() ? key : prefix + "." + key, out);
  } else if (j.is_array() && j.size() > 16) {
    // Long lists (a drawn target's points) by size and a digest, not thousands of numbers.
    out[prefix] = "[" + std::to_string(j.size()) + " entries, #" +
                  std::to_string(std::hash<std::string>{}(j.dump()) % 100000) + "]";
  } else {
    out[prefix] = j.is_string() ? j.get<std::string>() : j.dump();
  }
}

std::map<std::string, std::string> runKeys(const SceneConfig& scene) {
  json root = json::parse(sceneToJson(scene));
  for (const char* display : {"title", "caption", "layers", "camera", "record", "steps"})
    root.erase(display);
  std::map<std::string, std::string> out;
  flatten(root, "", out);
  return out;
}

}  // namespace

std::string describeSceneChange(const SceneConfig& before, const SceneConfig& after) {
  const auto a = runKeys(before), b = runKeys(after);
  std::string text;
  auto add = [&](const std::string& key, const std::string& from, const std::string& to) {
    text += (text.empty() ? "" : "; ") + key + " " + from + " -> " + to;
  };
  for (const auto& [key, value] : b) {
    const auto old = a.find(key);
    if (old == a.end())
      add(key, "(none)", value);
    else if (old->second != value)
      add(key, old->second, value);
  }
  for (const auto& [key, value] : a)
    if (!b.count(key)) add(key, value, "(none)");
  return text;
}

}  // namespace driftlab
