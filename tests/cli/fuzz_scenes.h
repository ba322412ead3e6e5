#pragma once
/// Scene files for fuzzing `driftlab run`, from the registry (every flow, target, initial
/// cloud, integrator and backend with their parameters) and a fixed seed.
#include <cmath>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <random>
#include <string>
#include <vector>

#include "registry/registry.h"

namespace driftlab::test {

struct FuzzCase {
  std::string kind;  ///< the class of input, for the tally
  std::string text;  ///< the scene file's bytes
};

class FuzzSceneGenerator {
 public:
  explicit FuzzSceneGenerator(std::uint64_t seed) : m_rng(seed) {}

  FuzzCase next() {
    switch (pick(9)) {
      case 0:
        return {"valid", validScene().dump()};
      case 1:
        return {"special-value", specialValue(validScene()).dump()};
      case 2:
        return {"truncated", truncated(validScene().dump())};
      case 3:
        return {"nesting", nesting(validScene())};
      case 4:
        return {"unicode", unicode(validScene())};
      case 5:
        return {"byte-flip", byteFlips(validScene().dump())};
      case 6:
        return {"view-state", viewState(validScene()).dump()};
      case 7:
        return {"unknown-key", unknownKey(validScene()).dump()};
      default: {
        nlohmann::json s = validScene();
        for (int k = 0, n = 2 + pick(3); k < n; ++k)
          s = pick(3) == 0 ? viewState(s) : pick(2) ? specialValue(s) : unknownKey(s);
        return {"combination", pick(4) == 0 ? byteFlips(s.dump()) : s.dump()};
      }
    }
  }

 private:
  using json = nlohmann::json;

  int pick(int n) { return std::uniform_int_distribution<int>(0, n - 1)(m_rng); }
  double uniform(double lo, double hi) { return std::uniform_real_distribution<>(lo, hi)(m_rng); }
  double logUniform(double lo, double hi) { return std::exp(uniform(std::log(lo), std::log(hi))); }
  template <class T>
  const T& oneOf(const std::vector<T>& v) {
    return v[pick(int(v.size()))];
  }

  json paramValue(const ParamSpec& s, int dim) {
    switch (s.kind) {
      case ParamKind::kNumber:
      case ParamKind::kInteger: {
        if (s.key == "bandwidth") return logUniform(1e-5, 1e3);
        const double lo = std::isfinite(s.min) ? s.min : -10.0;
        const double hi = std::isfinite(s.max) ? std::min(s.max, lo + 20.0) : lo + 20.0;
        const double v =
            pick(6) == 0 ? logUniform(1e-6, 1e7) * (pick(2) ? 1 : -1) : uniform(lo, hi);
        return s.kind == ParamKind::kInteger ? json(std::llround(v)) : json(v);
      }
      case ParamKind::kChoice:
        return pick(10) == 0 ? json("bogus") : json(oneOf(s.choices));
      case ParamKind::kFlag:
        return pick(2) == 1;
      case ParamKind::kVector: {
        json a = json::array();
        const int n = pick(5) == 0 ? pick(10) : (pick(2) ? 1 : dim);
        for (int k = 0; k < n; ++k) a.push_back(pick(8) == 0 ? logUniform(1, 1e7) : uniform(-5, 5));
        return a;
      }
      case ParamKind::kText:
        // A shipped image, a checked-in one, files that are not PNGs or not there, odd text.
        return oneOf(std::vector<std::string>{
            "smiley.png", "spiral.png", std::string(DRIFTLAB_SOURCE_DIR) + "/tests/data/test16.png",
            std::string(DRIFTLAB_SOURCE_DIR) + "/tests/data/black8.png",
            std::string(DRIFTLAB_SOURCE_DIR) + "/README.md", "/nonexistent/x.png", "", "/dev/zero",
            "/", std::string(5000, 'a'), "a\nb"});
      case ParamKind::kPoints: {
        json a = json::array();
        const int n = pick(6) == 0 ? pick(3) : 1 + pick(30);
        for (int k = 0; k < n; ++k) {
          json point = json::array();
          for (int c = 0, w = pick(8) == 0 ? pick(4) : s.pointWidth; c < w; ++c)
            point.push_back(pick(10) == 0 ? logUniform(1, 1e7) : uniform(-4, 4));
          a.push_back(pick(20) == 0 ? json(1.0) : point);
        }
        return a;
      }
    }
    return nullptr;
  }

  /// The entry's name and some of its parameters: mostly in range, sometimes anywhere.
  template <class Info>
  json withParams(const Info& info, int dim, json obj) {
    obj["name"] = info.id;
    for (const auto& s : info.params)
      if (pick(3) == 0) obj[s.key] = pick(8) == 0 ? paramValue(s, dim) : inRange(s, dim);
    return obj;
  }

  json inRange(const ParamSpec& s, int dim) {
    switch (s.kind) {
      case ParamKind::kNumber:
      case ParamKind::kInteger: {
        if (s.key == "bandwidth") return logUniform(1e-3, 10.0);
        const double lo = std::isfinite(s.min) ? s.min : -3.0;
        const double hi = std::isfinite(s.max) ? std::min(s.max, lo + 3.0) : lo + 3.0;
        const double v = uniform(lo, hi);
        return s.kind == ParamKind::kInteger ? json(std::ceil(v)) : json(v);
      }
      case ParamKind::kChoice:
        return oneOf(s.choices);
      case ParamKind::kVector: {
        json a = json::array();
        for (int k = 0, n = pick(2) ? 1 : dim; k < n; ++k) a.push_back(uniform(-3, 3));
        return a;
      }
      case ParamKind::kText:
        return oneOf(std::vector<std::string>{"smiley.png", "letters-dl.png", "spiral.png"});
      case ParamKind::kPoints: {
        json a = json::array();
        for (int k = 0, n = 1 + pick(40); k < n; ++k) a.push_back({uniform(-3, 3), uniform(-3, 3)});
        return a;
      }
      default:
        return paramValue(s, dim);
    }
  }

  /// A scene that is valid or close to it: small N and M so 3 steps are quick.
  json validScene() {
    const int dim = pick(4) ? 2 + pick(2) : 1 + pick(8);
    std::vector<const TargetInfo*> fitting;
    for (const auto& t : targets().entries())
      if (t.dim == 0 || t.dim == dim || pick(20) == 0) fitting.push_back(&t);
    json s;
    s["dim"] = dim;
    if (pick(6) == 0) s["manifold"] = dim == 3 || pick(4) == 0 ? "sphere" : "euclidean";
    json target = fitting.empty() ? json{{"name", "8gaussians"}}
                                  : withParams(*oneOf(fitting), dim, json::object());
    target["samples"] = 2 + pick(60);
    s["target"] = target;
    s["init"] = withParams(oneOf(refs(initialClouds().entries())), dim, json::object());
    s["particles"] = 1 + pick(60);
    s["flow"] = withParams(oneOf(refs(flows().entries())), dim, json::object());
    s["integrator"] = {{"name", oneOf(integrators().ids())},
                       {"eta", pick(6) == 0 ? logUniform(1e-4, 1e3) : logUniform(1e-3, 0.2)}};
    // The grid backend costs ~0.3 s per 3D run at any size: rarer, to keep the CI run short.
    s["backend"] =
        pick(10) == 0 ? oneOf(backends().ids()) : std::string(pick(2) ? "auto" : "direct");
    s["seed"] = pick(1000);
    s["steps"] = 3;
    return s;
  }

  template <class Info>
  std::vector<const Info*> refs(const std::vector<Info>& v) {
    std::vector<const Info*> out;
    for (const auto& e : v) out.push_back(&e);
    return out;
  }
  template <class Info>
  json withParams(const Info* info, int dim, json obj) {
    return withParams(*info, dim, std::move(obj));
  }

  /// A place in the scene: a top-level key or a key of a nested object.
  json& somewhere(json& s) {
    static const std::vector<std::string> top{"dim", "particles", "seed", "steps", "backend"};
    static const std::vector<std::string> nested{"target", "init", "flow", "integrator"};
    if (pick(3) == 0) return s[oneOf(top)];
    json& obj = s[oneOf(nested)];
    if (!obj.is_object()) return obj;
    if (obj.empty() || pick(4) == 0) return obj[pick(2) ? "name" : "samples"];
    auto it = obj.begin();
    std::advance(it, pick(int(obj.size())));
    return it.value();
  }

  json specialValue(json s) {
    static const std::vector<std::string> literals{"0",
                                                   "-0",
                                                   "-1",
                                                   "1e-320",
                                                   "1e-200",
                                                   "1e308",
                                                   "-1e308",
                                                   "1.5",
                                                   "4294967298",
                                                   "18446744073709551615",
                                                   "9223372036854775808",
                                                   "-9223372036854775809",
                                                   "1e30",
                                                   "null",
                                                   "true",
                                                   "[]",
                                                   "{}",
                                                   "\"\"",
                                                   "\"x\\ny\"",
                                                   "[null]",
                                                   "[1e300]",
                                                   "[0,0,0,0,0,0,0,0,0]",
                                                   "\"nan\"",
                                                   "2e9"};
    somewhere(s) = json::parse(oneOf(literals));
    return s;
  }

  std::string truncated(const std::string& text) {
    return text.substr(0, text.empty() ? 0 : pick(int(text.size())));
  }

  std::string nesting(json s) {
    const int levels = oneOf(std::vector<int>{20, 31, 32, 33, 100, 5000, 70000});
    std::string deep;
    for (int k = 0; k < levels; ++k) deep += pick(4) ? "[" : "{\"a\":";
    std::string closing;
    for (auto it = deep.rbegin(); it != deep.rend(); ++it)
      if (*it == '[')
        closing += ']';
      else if (*it == '{')
        closing += '}';
    somewhere(s) = "@@NEST@@";
    std::string text = s.dump();
    const auto at = text.find("\"@@NEST@@\"");
    return text.replace(at, 10, deep + "1" + closing);
  }

  std::string unicode(json s) {
    static const std::vector<std::string> pieces{"é",           "\xe2\x80\xae", "\xf0\x9f\x98\x80",
                                                 "\\u0000",     "\\n",          "\\t",
                                                 "\\u001b[31m", "\\ud800",      "\xff",
                                                 "\xc3",        "\\\"",         "\\\\"};
    somewhere(s) = "@@TEXT@@";
    std::string text = s.dump();
    std::string inner = pick(2) ? oneOf(flows().ids()) : "";
    for (int k = 0, n = 1 + pick(4); k < n; ++k) inner += oneOf(pieces);
    const auto at = text.find("@@TEXT@@");
    return text.replace(at, 8, inner);
  }

  std::string byteFlips(std::string text) {
    for (int k = 0, n = 1 + pick(4); k < n && !text.empty(); ++k)
      text[pick(int(text.size()))] = static_cast<char>(pick(256));
    return text;
  }

  json viewState(json s) {
    static const std::vector<std::string> layerKeys{
        "data",          "particles",   "arrows",       "field",        "heatmap",
        "contours",      "trails",      "isosurface",   "slice",        "particle_color",
        "particle_size", "density",     "trail_length", "draw_all",     "bogus",
        "curl",          "streamlines", "halves",       "decomposition"};
    static const std::vector<std::string> cameraKeys{"position", "focal_point", "view_up",
                                                     "parallel_scale", "zzz"};
    static const std::vector<std::string> values{
        "true",  "false",       "1",           "0",       "-3",      "2.5",
        "600",   "\"speed\"",   "\"initial\"", "\"p-q\"", "\"red\"", "[0,0,1]",
        "[1,2]", "[1e300,0,0]", "null",        "{}",      "3.5"};
    const bool layers = pick(2) == 1;
    json& obj = s[layers ? "layers" : "camera"];
    if (!obj.is_object()) obj = json::object();
    for (int k = 0, n = 1 + pick(4); k < n; ++k) {
      const std::string& key = oneOf(layers ? layerKeys : cameraKeys);
      obj[key] = pick(3) == 0 ? json::parse(oneOf(values)) : fitting(key);
    }
    return s;
  }

  /// A value of the type the GUI writes for `key` (mostly valid).
  json fitting(const std::string& key) {
    if (key == "particle_color") return pick(2) ? "speed" : "initial";
    if (key == "density") return oneOf(std::vector<std::string>{"p", "q", "p-q"});
    if (key == "particle_size") return uniform(0.5, 45.0);
    if (key == "trail_length") return 1 + pick(520);
    if (key == "parallel_scale") return logUniform(1e-3, 1e3);
    if (key == "position" || key == "focal_point" || key == "view_up")
      return json::array({uniform(-9, 9), uniform(-9, 9), uniform(-9, 9)});
    return pick(2) == 1;
  }

  json unknownKey(json s) {
    static const std::vector<std::string> keys{"bandwith", "Particles", "",    "flow ",
                                               "x\ny",     "layers",    "name"};
    json& obj =
        pick(2) ? s : s[oneOf(std::vector<std::string>{"flow", "target", "init", "integrator"})];
    if (obj.is_object()) obj[oneOf(keys)] = pick(2) ? json(1) : json("v");
    return s;
  }

  std::mt19937_64 m_rng;
};

}  // namespace driftlab::test
