#include "scene/scene_json.h"

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "base/input_error.h"

namespace driftlab {

using nlohmann::json;

namespace {

std::string typeName(const json& j) {
  return j.type_name();
}

void requireKeys(const json& obj, const std::string& where, const std::vector<std::string>& known) {
  if (!obj.is_object())
    throw InputError(where.empty() ? "scene" : where,
                     "expected a JSON object, got " + typeName(obj));
  for (const auto& [key, value] : obj.items()) {
    bool ok = false;
    for (const auto& k : known) ok = ok || k == key;
    if (!ok) {
      std::string list;
      for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
      throw InputError(where.empty() ? key : where + "." + key, "unknown key", list);
    }
  }
}

std::int64_t readInteger(const json& j, const std::string& field) {
  if (j.is_number_integer()) return j.get<std::int64_t>();
  if (j.is_number_float()) {
    const double v = j.get<double>();
    if (v == std::floor(v) && std::abs(v) < 9.2e18) return static_cast<std::int64_t>(v);
  }
  throw InputError(field, "expected an integer, got " + j.dump(), "integers");
}

std::string readString(const json& j, const std::string& field) {
  if (!j.is_string()) throw InputError(field, "expected a string, got " + j.dump());
  return j.get<std::string>();
}

double readNumber(const json& j, const std::string& field) {
  if (!j.is_number()) throw InputError(field, "expected a number, got " + j.dump());
  return j.get<double>();
}

/// Every key of `obj` except the structural ones becomes a parameter value.
ParamSet readParams(const json& obj, const std::string& where,
                    const std::vector<std::string>& structural) {
  ParamSet p;
  for (const auto& [key, v] : obj.items()) {
    if (std::find(structural.begin(), structural.end(), key) != structural.end()) continue;
    const std::string field = where + "." + key;
    if (v.is_boolean()) {
      p.set(key, v.get<bool>());
    } else if (v.is_number()) {
      p.set(key, v.get<double>());
    } else if (v.is_string()) {
      p.set(key, v.get<std::string>());
    } else if (v.is_array()) {
      std::vector<double> xs;
      for (const auto& e : v) xs.push_back(readNumber(e, field));
      p.set(key, xs);
    } else {
      throw InputError(field, "unsupported value " + v.dump(),
                       "numbers, strings, booleans, arrays of numbers");
    }
  }
  return p;
}

json paramsToJson(const ParamSet& params) {
  json out = json::object();
  for (const auto& [key, v] : params.values()) std::visit([&](const auto& x) { out[key] = x; }, v);
  return out;
}

const json& objectAt(const json& root, const char* key) {
  const json& obj = root.at(key);
  if (!obj.is_object()) throw InputError(key, "expected a JSON object, got " + obj.dump());
  return obj;
}

}  // namespace

SceneConfig parseScene(const std::string& text) {
  json root;
  try {
    root = json::parse(text);
  } catch (const json::parse_error& e) {
    std::string msg = e.what();
    const auto pos = msg.find("] ");
    throw InputError("scene",
                     "malformed JSON (" + msg.substr(pos == std::string::npos ? 0 : pos + 2) + ")",
                     "a JSON object as in SPEC §7");
  }
  requireKeys(root, "",
              {"dim", "target", "init", "particles", "flow", "integrator", "backend", "seed",
               "steps", "layers", "camera"});
  SceneConfig s;
  if (root.contains("dim"))
    s.dim = static_cast<int>(std::clamp<std::int64_t>(readInteger(root["dim"], "dim"), -1, 99));
  if (root.contains("target")) {
    const json& t = objectAt(root, "target");
    if (t.contains("name")) s.targetName = readString(t["name"], "target.name");
    if (t.contains("samples")) s.samples = readInteger(t["samples"], "target.samples");
    s.targetParams = readParams(t, "target", {"name", "samples"});
  }
  if (root.contains("init")) {
    const json& t = objectAt(root, "init");
    if (t.contains("name")) s.initName = readString(t["name"], "init.name");
    s.initParams = readParams(t, "init", {"name"});
  }
  if (root.contains("particles")) s.particles = readInteger(root["particles"], "particles");
  if (root.contains("flow")) {
    const json& f = objectAt(root, "flow");
    if (f.contains("name")) s.flowName = readString(f["name"], "flow.name");
    s.flowParams = readParams(f, "flow", {"name"});
  }
  if (root.contains("integrator")) {
    const json& g = objectAt(root, "integrator");
    requireKeys(g, "integrator", {"name", "eta"});
    if (g.contains("name")) s.integratorName = readString(g["name"], "integrator.name");
    if (g.contains("eta")) s.eta = readNumber(g["eta"], "integrator.eta");
  }
  if (root.contains("backend")) s.backend = readString(root["backend"], "backend");
  if (root.contains("seed")) {
    const std::int64_t seed = readInteger(root["seed"], "seed");
    if (seed < 0) throw InputError("seed", "got " + std::to_string(seed), "integers >= 0");
    s.seed = static_cast<std::uint64_t>(seed);
  }
  if (root.contains("steps")) s.steps = readInteger(root["steps"], "steps");
  if (root.contains("layers")) s.layersJson = objectAt(root, "layers").dump();
  if (root.contains("camera")) s.cameraJson = objectAt(root, "camera").dump();
  validateScene(s);
  return s;
}

SceneConfig loadSceneFile(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw InputError("scene", "cannot read '" + path + "'", "a readable JSON file");
  std::stringstream buf;
  buf << in.rdbuf();
  return parseScene(buf.str());
}

std::string sceneToJson(const SceneConfig& s) {
  json root;
  root["dim"] = s.dim;
  json target = paramsToJson(s.targetParams);
  target["name"] = s.targetName;
  target["samples"] = s.samples;
  root["target"] = target;
  json init = paramsToJson(s.initParams);
  init["name"] = s.initName;
  root["init"] = init;
  root["particles"] = s.particles;
  json flow = paramsToJson(s.flowParams);
  flow["name"] = s.flowName;
  root["flow"] = flow;
  root["integrator"] = {{"name", s.integratorName}, {"eta", s.eta}};
  root["backend"] = s.backend;
  root["seed"] = s.seed;
  root["steps"] = s.steps;
  root["layers"] = json::parse(s.layersJson);
  root["camera"] = json::parse(s.cameraJson);
  return root.dump(2) + "\n";
}

}  // namespace driftlab
