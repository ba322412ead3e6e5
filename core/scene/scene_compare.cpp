#include "scene/scene_compare.h"

#include <nlohmann/json.hpp>

#include "base/input_error.h"
#include "scene/bounded_json.h"
#include "scene/scene_json.h"

namespace driftlab {

using nlohmann::json;

namespace {

json paramsJson(const ParamSet& params) {
  json out = json::object();
  for (const auto& [key, v] : params.values()) std::visit([&](const auto& x) { out[key] = x; }, v);
  return out;
}

/// `e` with its field moved under "compare.".
InputError underCompare(const InputError& e) {
  const std::string what = e.what();
  const std::string rest = what.size() > e.field().size() + 2 ? what.substr(e.field().size() + 2)
                                                              : std::string("invalid");
  return InputError("compare." + e.field(), rest);
}

/// `main` (without its compare) as JSON, with `compare` laid over it.
json overlay(const SceneConfig& main, const json& compare) {
  requireKnownKeys(compare, "compare", compareKeys());
  SceneConfig plain = main;
  plain.compareJson.clear();
  json root = json::parse(sceneToJson(plain));
  for (const auto& [key, value] : compare.items()) {
    if (key == "backend") {
      root[key] = value;
      continue;
    }
    if (!value.is_object())
      throw InputError("compare." + key, "expected an object, got " + briefJson(value),
                       "a partial " + key + " object");
    // A flow of another name brings its own parameters: nothing of the main flow carries over.
    if (key == "flow" && value.contains("name") && value["name"] != root["flow"]["name"])
      root[key] = value;
    else
      root[key].merge_patch(value);
  }
  return root;
}

}  // namespace

const std::vector<std::string>& compareKeys() {
  static const std::vector<std::string> keys{"flow", "integrator", "backend"};
  return keys;
}

std::string parseCompareJson(const json& compare, const SceneConfig& main) {
  SceneConfig withCompare = main;
  withCompare.compareJson = compare.is_object() ? compare.dump() : std::string("{}");
  if (!compare.is_object()) requireKnownKeys(compare, "compare", compareKeys());
  return compareDiff(main, compareSide(withCompare));
}

SceneConfig compareSide(const SceneConfig& main) {
  if (main.compareJson.empty()) return main;
  try {
    SceneConfig right = parseScene(overlay(main, parseBoundedJson(main.compareJson)).dump());
    right.compareJson.clear();
    return right;
  } catch (const InputError& e) {
    if (e.field().rfind("compare", 0) == 0) throw;
    throw underCompare(e);
  }
}

std::string compareDiff(const SceneConfig& main, const SceneConfig& right) {
  json out = json::object();
  if (right.flowName != main.flowName) {
    out["flow"] = paramsJson(right.flowParams);
    out["flow"]["name"] = right.flowName;
  } else {
    json flow = json::object();
    for (const auto& [key, v] : right.flowParams.values()) {
      const auto& mine = main.flowParams.values();
      const auto it = mine.find(key);
      if (it == mine.end() || it->second != v) std::visit([&](const auto& x) { flow[key] = x; }, v);
    }
    if (!flow.empty()) out["flow"] = flow;
  }
  json integrator = json::object();
  if (right.integratorName != main.integratorName) integrator["name"] = right.integratorName;
  if (right.eta != main.eta) integrator["eta"] = right.eta;
  if (!integrator.empty()) out["integrator"] = integrator;
  if (right.backend != main.backend) out["backend"] = right.backend;
  return out.dump();
}

SceneConfig followMain(const SceneConfig& right, const SceneConfig& before,
                       const SceneConfig& after, bool linked) {
  // Start from `after` (the shared keys) and keep the right side's compare keys.
  SceneConfig r = after;
  r.compareJson.clear();
  r.flowName = right.flowName;
  r.flowParams = right.flowParams;
  r.integratorName = right.integratorName;
  r.eta = right.eta;
  r.backend = right.backend;
  if (!linked) return r;
  if (after.flowName != before.flowName) {
    r.flowName = after.flowName;
    r.flowParams = after.flowParams;
  } else if (r.flowName == after.flowName) {
    for (const auto& [key, v] : after.flowParams.values()) {
      const auto& old = before.flowParams.values();
      const auto it = old.find(key);
      if (it == old.end() || it->second != v) r.flowParams.set(key, v);
    }
  }
  if (after.integratorName != before.integratorName) r.integratorName = after.integratorName;
  if (after.eta != before.eta) r.eta = after.eta;
  if (after.backend != before.backend) r.backend = after.backend;
  return r;
}

}  // namespace driftlab
