#include "scene/scene_json.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <limits>
#include <nlohmann/json.hpp>

#include "base/input_error.h"
#include "registry/registry.h"
#include "scene/bounded_json.h"
#include "scene/record_settings.h"
#include "scene/scene_compare.h"
#include "scene/scene_view_state.h"
#include "targets/target.h"

namespace driftlab {

using nlohmann::json;

namespace {

/// An integer in [lo, hi] (JSON integers, or numbers with no fraction). Values that do not
/// fit, whatever their size, are echoed exactly as given.
std::int64_t readInteger(const json& j, const std::string& field, std::int64_t lo, std::int64_t hi,
                         const std::string& allowed) {
  if (j.is_number_unsigned()) {
    const auto u = j.get<std::uint64_t>();
    if (u > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max()) ||
        static_cast<std::int64_t>(u) > hi || static_cast<std::int64_t>(u) < lo)
      throw InputError(field, "got " + std::to_string(u), allowed);
    return static_cast<std::int64_t>(u);
  }
  if (j.is_number_integer()) {
    const auto v = j.get<std::int64_t>();
    if (v < lo || v > hi) throw InputError(field, "got " + std::to_string(v), allowed);
    return v;
  }
  if (j.is_number_float()) {
    const double v = j.get<double>();
    if (v != std::floor(v))
      throw InputError(field, "got " + briefJson(j) + ", not an integer", allowed);
    // double(hi) + 1 is exact where it matters and excludes 2^63 for hi = INT64_MAX.
    if (!(v >= static_cast<double>(lo) && v < static_cast<double>(hi) + 1.0))
      throw InputError(field, "got " + briefJson(j), allowed);
    return static_cast<std::int64_t>(v);
  }
  throw InputError(field, "expected an integer, got " + briefJson(j), allowed);
}

std::string range(std::int64_t lo, std::int64_t hi) {
  return "integers from " + std::to_string(lo) + " to " + std::to_string(hi);
}

/// Every key of `obj` except the structural ones is a parameter of `specs`; its JSON type
/// must match the parameter's kind (ranges are validateParams's job).
ParamSet readParams(const json& obj, const std::string& where,
                    const std::vector<std::string>& structural, const std::vector<ParamSpec>& specs,
                    const std::string& baseDir = {}) {
  std::vector<std::string> keys = structural;
  for (const auto& s : specs) keys.push_back(s.key);
  requireKnownKeys(obj, where, keys);
  ParamSet p;
  for (const auto& spec : specs) {
    if (!obj.contains(spec.key)) continue;
    const json& v = obj.at(spec.key);
    const std::string field = where + "." + spec.key;
    const std::string allowed = spec.allowed();
    switch (spec.kind) {
      case ParamKind::kNumber:
      case ParamKind::kInteger:
        p.set(spec.key, readNumber(v, field, allowed));
        break;
      case ParamKind::kChoice:
        p.set(spec.key, readString(v, field, allowed));
        break;
      case ParamKind::kFlag:
        if (!v.is_boolean())
          throw InputError(field, "expected true or false, got " + briefJson(v), allowed);
        p.set(spec.key, v.get<bool>());
        break;
      case ParamKind::kVector: {
        if (!v.is_array())
          throw InputError(field, "expected an array of numbers, got " + briefJson(v), allowed);
        std::vector<double> xs;
        for (std::size_t i = 0; i < v.size(); ++i)
          xs.push_back(readNumber(v[i], field + "[" + std::to_string(i) + "]", allowed));
        p.set(spec.key, xs);
        break;
      }
      case ParamKind::kText: {
        std::string text = readString(v, field, allowed);
        if (spec.isPath) text = resolveBesideScene(text, baseDir);
        p.set(spec.key, text);
        break;
      }
      case ParamKind::kPoints: {
        if (!v.is_array())
          throw InputError(field, "expected an array of points, got " + briefJson(v), allowed);
        const std::size_t width = static_cast<std::size_t>(spec.pointWidth);
        if (v.size() > spec.maxCount)
          throw InputError(field, std::to_string(v.size()) + " points", allowed);
        std::vector<double> xs;
        xs.reserve(v.size() * width);
        for (std::size_t i = 0; i < v.size(); ++i) {
          const std::string at = field + "[" + std::to_string(i) + "]";
          if (!v[i].is_array() || v[i].size() != width)
            throw InputError(
                at, "expected [" + std::to_string(width) + " numbers], got " + briefJson(v[i]),
                allowed);
          for (std::size_t k = 0; k < width; ++k)
            xs.push_back(readNumber(v[i][k], at + "[" + std::to_string(k) + "]", allowed));
        }
        p.set(spec.key, xs);
        break;
      }
    }
  }
  return p;
}

/// Parameters as JSON; point lists (by their specs) as arrays of [x, y] pairs.
json paramsToJson(const ParamSet& params, const std::vector<ParamSpec>& specs = {}) {
  json out = json::object();
  for (const auto& [key, v] : params.values()) std::visit([&](const auto& x) { out[key] = x; }, v);
  for (const auto& spec : specs) {
    if (spec.kind != ParamKind::kPoints || !params.has(spec.key)) continue;
    const std::vector<double>& flat = params.points(spec.key);
    const std::size_t width = static_cast<std::size_t>(spec.pointWidth);
    json list = json::array();
    for (std::size_t i = 0; i + width <= flat.size(); i += width)
      list.push_back(std::vector<double>(flat.begin() + long(i), flat.begin() + long(i + width)));
    out[spec.key] = std::move(list);
  }
  return out;
}

const json& objectAt(const json& root, const char* key, const std::vector<std::string>& keys) {
  const json& obj = root.at(key);
  requireKnownKeys(obj, key, keys);
  return obj;
}

std::string nameOf(const json& obj, const std::string& field, const std::string& allowed,
                   const std::string& fallback) {
  return obj.contains("name") ? readString(obj.at("name"), field, allowed) : fallback;
}

}  // namespace

std::string resolveBesideScene(const std::string& path, const std::string& sceneDir) {
  namespace fs = std::filesystem;
  if (path.empty() || sceneDir.empty() || fs::path(path).is_absolute()) return path;
  std::error_code ec;
  const fs::path beside = fs::path(sceneDir) / path;
  if (!fs::is_regular_file(beside, ec)) return path;
  const fs::path absolute = fs::absolute(beside, ec);
  return (ec ? beside : absolute).lexically_normal().string();
}

SceneConfig parseScene(const std::string& text, const std::string& sceneDir) {
  const json root = parseBoundedJson(text);
  requireKnownKeys(
      root, "",
      {"dim", "manifold", "target", "init", "particles", "flow", "integrator", "backend", "seed",
       "steps", "title", "caption", "layers", "camera", "record", "compare"});
  SceneConfig s;
  if (root.contains("dim"))
    s.dim = static_cast<int>(readInteger(root["dim"], "dim", 1, 8, range(1, 8)));
  if (root.contains("manifold"))
    s.manifold = readString(root["manifold"], "manifold", "euclidean, sphere");
  const std::int64_t maxPoints = maxPointsForMemory(s.dim) - 1;
  constexpr auto kMin = std::numeric_limits<std::int64_t>::min();
  constexpr auto kMax = std::numeric_limits<std::int64_t>::max();
  if (root.contains("target")) {
    const json& t = root.at("target");
    if (!t.is_object()) requireKnownKeys(t, "target", {"name", "samples", "resample"});
    s.targetName = nameOf(t, "target.name", targets().idList(), s.targetName);
    const auto& specs = targets().require(s.targetName, "target.name").params;
    if (t.contains("samples"))
      s.samples = readInteger(t["samples"], "target.samples", kMin, kMax, range(1, maxPoints));
    if (t.contains("resample")) s.resampleData = readBool(t["resample"], "target.resample");
    s.targetParams = readParams(t, "target", {"name", "samples", "resample"}, specs, sceneDir);
  }
  if (root.contains("init")) {
    const json& t = root.at("init");
    if (!t.is_object()) requireKnownKeys(t, "init", {"name"});
    s.initName = nameOf(t, "init.name", initialClouds().idList(), s.initName);
    s.initParams = readParams(t, "init", {"name"},
                              initialClouds().require(s.initName, "init.name").params, sceneDir);
  }
  if (root.contains("particles"))
    s.particles = readInteger(root["particles"], "particles", kMin, kMax, range(1, maxPoints));
  if (root.contains("flow")) {
    const json& f = root.at("flow");
    if (!f.is_object()) requireKnownKeys(f, "flow", {"name"});
    s.flowName = nameOf(f, "flow.name", flows().idList(), s.flowName);
    s.flowParams = readParams(f, "flow", {"name"}, flows().require(s.flowName, "flow.name").params);
  }
  if (root.contains("integrator")) {
    const json& g = objectAt(root, "integrator", {"name", "eta"});
    s.integratorName = nameOf(g, "integrator.name", integrators().idList(), s.integratorName);
    if (g.contains("eta")) s.eta = readNumber(g["eta"], "integrator.eta", "numbers in (0, 1e6]");
  }
  if (root.contains("backend"))
    s.backend = readString(root["backend"], "backend", backends().idList());
  if (root.contains("seed")) {
    const json& j = root["seed"];
    if (j.is_number_unsigned())
      s.seed = j.get<std::uint64_t>();
    else
      s.seed = static_cast<std::uint64_t>(
          readInteger(j, "seed", 0, kMax, "integers from 0 to 18446744073709551615"));
  }
  if (root.contains("steps"))
    s.steps = readInteger(root["steps"], "steps", 0, std::int64_t(1) << 40,
                          range(0, std::int64_t(1) << 40));
  if (root.contains("title")) {
    s.title = readString(root["title"], "title", "a string of at most 200 bytes");
    if (s.title.size() > 200 || s.title.find('\n') != std::string::npos)
      throw InputError("title", "too long or more than one line", "one line of at most 200 bytes");
  }
  if (root.contains("caption"))
    s.caption = readString(root["caption"], "caption", "a string (one paragraph)");
  if (root.contains("layers")) {
    validateLayersJson(root["layers"]);
    s.layersJson = root["layers"].dump();
  }
  if (root.contains("camera")) {
    validateCameraJson(root["camera"]);
    s.cameraJson = root["camera"].dump();
  }
  if (root.contains("record")) s.recordJson = recordToJson(parseRecordJson(root["record"])).dump();
  validateScene(s);
  if (root.contains("compare")) s.compareJson = parseCompareJson(root["compare"], s);
  return s;
}

SceneConfig loadSceneFile(const std::string& path) {
  const std::string shown = "'" + quoteForMessage(path, 200) + "'";
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("scene", "cannot read " + shown, "a readable JSON file");
  // Read at most one byte past the bound: /dev/zero or a huge file fails fast.
  const std::size_t limit = JsonBounds{}.maxDocument;
  std::string text;
  char chunk[1 << 16];
  while (text.size() <= limit && in.read(chunk, sizeof chunk).gcount() > 0)
    text.append(chunk, static_cast<std::size_t>(in.gcount()));
  if (in.bad()) throw InputError("scene", "cannot read " + shown, "a readable JSON file");
  return parseScene(text, std::filesystem::path(path).parent_path().string());
}

std::string sceneToJson(const SceneConfig& s) {
  json root;
  root["dim"] = s.dim;
  if (s.manifold != "euclidean") root["manifold"] = s.manifold;
  const TargetInfo* targetInfo = targets().find(s.targetName);
  json target =
      paramsToJson(s.targetParams, targetInfo ? targetInfo->params : std::vector<ParamSpec>{});
  target["name"] = s.targetName;
  target["samples"] = s.samples;
  if (s.resampleData) target["resample"] = true;
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
  if (!s.title.empty()) root["title"] = s.title;
  if (!s.caption.empty()) root["caption"] = s.caption;
  root["layers"] = parseBoundedJson(s.layersJson);
  root["camera"] = parseBoundedJson(s.cameraJson);
  if (s.recordJson != "{}") root["record"] = parseBoundedJson(s.recordJson);
  if (!s.compareJson.empty()) root["compare"] = parseBoundedJson(s.compareJson);
  return root.dump(2) + "\n";
}

}  // namespace driftlab
