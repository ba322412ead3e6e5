#include "tour/tour.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "base/input_error.h"
#include "registry/registry.h"
#include "scene/bounded_json.h"
#include "scene/scene_json.h"
#include "scene/scene_view_state.h"
#include "tour/tour_schedule.h"

namespace driftlab {

using nlohmann::json;

namespace {

constexpr std::int64_t kMaxClock = 1'000'000'000;

/// Re-raises an error of the scene parser (whose fields are scene keys) under `prefix`.
[[noreturn]] void rethrowUnder(const InputError& e, const std::string& prefix) {
  const std::string what = e.what();
  const std::string rest = what.substr(std::min(what.size(), e.field().size() + 2));
  throw InputError(e.field() == "scene" ? prefix : prefix + "." + e.field(), rest);
}

std::string readText(const json& j, const std::string& field, bool oneLine) {
  const char* allowed = oneLine ? "a non-empty line of at most 200 bytes" : "a non-empty string";
  if (!j.is_string()) throw InputError(field, "expected a string, got " + briefJson(j), allowed);
  const std::string s = j.get<std::string>();
  if (s.empty()) throw InputError(field, "empty", allowed);
  if (oneLine && (s.size() > 200 || s.find('\n') != std::string::npos))
    throw InputError(field, "too long or more than one line", allowed);
  return s;
}

std::int64_t readClock(const json& j, const std::string& field) {
  const std::string allowed = "integers from 0 to " + std::to_string(kMaxClock);
  if (!j.is_number_integer() && !j.is_number_unsigned())
    throw InputError(field, "expected an integer, got " + briefJson(j), allowed);
  if (j.is_number_unsigned() ? j.get<std::uint64_t>() > std::uint64_t(kMaxClock)
                             : (j.get<std::int64_t>() < 0 || j.get<std::int64_t>() > kMaxClock))
    throw InputError(field, "got " + briefJson(j), allowed);
  return j.get<std::int64_t>();
}

std::vector<std::string> readIds(const json& j, const std::string& field,
                                 const std::vector<std::string>& known) {
  const std::string allowed = "an array of: " + joinedList(known);
  if (!j.is_array()) throw InputError(field, "expected an array, got " + briefJson(j), allowed);
  std::vector<std::string> out;
  for (std::size_t k = 0; k < j.size(); ++k) {
    const std::string where = field + "[" + std::to_string(k) + "]";
    if (!j[k].is_string() || std::find(known.begin(), known.end(), j[k]) == known.end())
      throw InputError(where, "got " + briefJson(j[k]), joinedList(known));
    out.push_back(j[k].get<std::string>());
  }
  return out;
}

/// A `scene` value: an object, "preset:NAME" or a relative path, parsed as a scene.
SceneConfig readScene(const json& j, const std::string& field, const TourSceneResolver& resolve) {
  const char* allowed = "a scene object, \"preset:NAME\" or a path relative to the tour";
  std::string text;
  if (j.is_object()) {
    text = j.dump();
  } else if (j.is_string() && !j.get<std::string>().empty() && j.get<std::string>()[0] != '/') {
    if (!resolve) throw InputError(field, "cannot resolve " + briefJson(j) + " here", allowed);
    try {
      text = resolve(j.get<std::string>());
    } catch (const InputError&) {
      throw InputError(field, "cannot read " + briefJson(j), allowed);
    }
  } else {
    throw InputError(field, "got " + briefJson(j), allowed);
  }
  try {
    return parseScene(text);
  } catch (const InputError& e) {
    rethrowUnder(e, field);
  }
}

/// `change` merged into `base`: objects one level deep (a flow, target or init object that
/// names a different entry replaces the old one, whose parameters may not apply).
json mergeChange(json base, const json& change) {
  for (const auto& [key, value] : change.items()) {
    const bool renamed = value.is_object() && value.contains("name") && base[key].is_object() &&
                         base[key].value("name", json()) != value["name"];
    if (value.is_object() && base[key].is_object() && !renamed)
      for (const auto& [k, v] : value.items()) base[key][k] = v;
    else
      base[key] = value;
  }
  return base;
}

SceneConfig applyChange(const SceneConfig& current, const json& change, const std::string& field) {
  requireKnownKeys(change, field,
                   {"dim", "target", "init", "particles", "flow", "integrator", "backend", "seed"});
  const json merged = mergeChange(parseBoundedJson(sceneToJson(current)), change);
  try {
    return parseScene(merged.dump());
  } catch (const InputError& e) {
    rethrowUnder(e, field);
  }
}

/// Title, caption, layers, camera and record stay the tour's: a step's scene differs from the
/// previous one only where the simulation differs.
SceneConfig withTourDisplay(SceneConfig scene, const SceneConfig& opening) {
  scene.title = opening.title;
  scene.caption = opening.caption;
  scene.layersJson = opening.layersJson;
  scene.cameraJson = opening.cameraJson;
  scene.recordJson = opening.recordJson;
  return scene;
}

void readTiming(const json& s, const std::string& where, std::size_t index, std::int64_t previous,
                TourStep& step) {
  if (s.contains("at_step") && s.contains("run_steps"))
    throw InputError(where + ".at_step", "given with run_steps", "one of at_step or run_steps");
  if (s.contains("at_step")) {
    step.atStep = readClock(s["at_step"], where + ".at_step");
    if (*step.atStep < previous)
      throw InputError(where + ".at_step",
                       "got " + std::to_string(*step.atStep) + ", before the previous step's " +
                           std::to_string(previous),
                       "integers from " + std::to_string(previous) + " (steps run in order)");
  } else if (s.contains("run_steps")) {
    step.runSteps = readClock(s["run_steps"], where + ".run_steps");
  } else if (index > 0) {
    throw InputError(where, "missing at_step or run_steps",
                     "at_step (the tour's clock) or run_steps (steps after the previous step)");
  }
}

void readView(const json& s, const std::string& where, TourStep& step) {
  try {
    if (s.contains("camera")) {
      validateCameraJson(s["camera"]);
      step.cameraJson = s["camera"].dump();
    }
    if (s.contains("layers")) {
      validateLayersJson(s["layers"]);
      step.layersJson = s["layers"].dump();
    }
  } catch (const InputError& e) {
    rethrowUnder(e, where);
  }
  if (s.contains("curves"))
    step.curves = readIds(s["curves"], where + ".curves", diagnostics().ids());
  if (s.contains("controls"))
    step.controls = readIds(s["controls"], where + ".controls", tourControls());
  if (s.contains("advance")) {
    const json& a = s["advance"];
    if (a != "auto" && a != "wait")
      throw InputError(where + ".advance", "got " + briefJson(a), "auto, wait");
    step.advance = a == "wait" ? TourAdvance::kWait : TourAdvance::kAuto;
  }
}

TourStep readStep(const json& s, std::size_t index, const SceneConfig& previousScene,
                  std::int64_t previousApply, const Tour& tour, const TourSceneResolver& resolve) {
  const std::string where = "steps[" + std::to_string(index) + "]";
  requireKnownKeys(s, where,
                   {"caption", "scene", "change", "at_step", "run_steps", "camera", "layers",
                    "curves", "controls", "advance"});
  TourStep step;
  if (!s.contains("caption")) throw InputError(where + ".caption", "missing", "a non-empty string");
  step.caption = readText(s["caption"], where + ".caption", false);
  if (s.contains("scene") && s.contains("change"))
    throw InputError(where + ".change", "given with scene", "one of scene (replaces) or change");
  step.scene = previousScene;
  if (s.contains("scene")) {
    const SceneConfig full = readScene(s["scene"], where + ".scene", resolve);
    if (full.layersJson != "{}") step.layersJson = full.layersJson;
    if (full.cameraJson != "{}") step.cameraJson = full.cameraJson;
    step.scene = withTourDisplay(full, tour.scene);
    step.replacesScene = step.hasChange = true;
  } else if (s.contains("change")) {
    step.scene = applyChange(previousScene, s["change"], where + ".change");
    step.hasChange = true;
  }
  readTiming(s, where, index, previousApply, step);
  readView(s, where, step);
  return step;
}

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("tour", "cannot read '" + quoteForMessage(path, 200) + "'", "a file");
  std::string text;
  char chunk[1 << 16];
  while (text.size() <= JsonBounds{}.maxDocument && in.read(chunk, sizeof chunk).gcount() > 0)
    text.append(chunk, static_cast<std::size_t>(in.gcount()));
  return text;
}

}  // namespace

const std::vector<std::string>& tourControls() {
  static const std::vector<std::string> names{"run", "flow", "particles", "target"};
  return names;
}

Tour parseTour(const std::string& text, const TourSceneResolver& resolve) {
  json root;
  try {
    root = parseBoundedJson(text);
  } catch (const InputError& e) {
    rethrowUnder(e, "tour");
  }
  if (!root.is_object())
    throw InputError("tour", "expected a JSON object, got " + briefJson(root), "a tour object");
  requireKnownKeys(root, "", {"title", "caption", "loop", "scene", "steps", "end_step"});
  Tour tour;
  for (const char* key : {"title", "caption", "scene", "steps"})
    if (!root.contains(key)) throw InputError(key, "missing", "see resources/tours/README.md");
  tour.title = readText(root["title"], "title", true);
  tour.caption = readText(root["caption"], "caption", false);
  if (root.contains("loop")) {
    if (!root["loop"].is_boolean())
      throw InputError("loop", "got " + briefJson(root["loop"]), "true, false");
    tour.loop = root["loop"].get<bool>();
  }
  tour.scene = readScene(root["scene"], "scene", resolve);
  tour.scene.title = tour.title;
  tour.scene.caption = tour.caption;
  const json& steps = root["steps"];
  if (!steps.is_array() || steps.empty())
    throw InputError("steps", "expected a non-empty array, got " + briefJson(steps),
                     "an array of step objects");
  SceneConfig current = tour.scene;
  std::int64_t applyAt = 0;
  for (std::size_t i = 0; i < steps.size(); ++i) {
    tour.steps.push_back(readStep(steps[i], i, current, applyAt, tour, resolve));
    current = tour.steps.back().scene;
    applyAt = scheduleTour(tour).steps.back().applyAt;
  }
  if (root.contains("end_step")) {
    tour.endStep = readClock(root["end_step"], "end_step");
    if (*tour.endStep <= applyAt)
      throw InputError("end_step", "got " + std::to_string(*tour.endStep),
                       "integers above the last step's " + std::to_string(applyAt));
  }
  return tour;
}

Tour loadTourFile(const std::string& path) {
  const std::filesystem::path dir = std::filesystem::path(path).parent_path();
  return parseTour(readFile(path), [dir](const std::string& ref) {
    if (ref.rfind("preset:", 0) == 0) {
      const std::string name = ref.substr(7);
      if (name.empty() || name.find_first_of("/\\") != std::string::npos)
        throw InputError("scene", "bad preset name", "preset:NAME");
      return readFile((dir / ".." / "scenes" / (name + ".json")).string());
    }
    return readFile((dir / ref).string());
  });
}

bool isTourText(const std::string& text) {
  try {
    const json root = parseBoundedJson(text);
    return root.is_object() && root.contains("steps") && root["steps"].is_array();
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace driftlab
