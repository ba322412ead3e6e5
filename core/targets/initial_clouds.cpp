#include "targets/initial_clouds.h"

#include <functional>

#include "base/input_error.h"
#include "targets/target.h"

namespace driftlab {

namespace {

/// x = centre + scale * (standard normal, or uniform in [-1, 1]^d).
class ScaledCloud final : public InitialCloud {
 public:
  ScaledCloud(std::vector<double> centre, double scale, bool uniform)
      : m_centre(std::move(centre)), m_scale(scale), m_uniform(uniform) {}
  void sampleOne(RandomStream& rng, double* out) const override {
    for (size_t c = 0; c < m_centre.size(); ++c)
      out[c] = m_centre[c] + m_scale * (m_uniform ? rng.uniform(-1.0, 1.0) : rng.normal());
  }

 private:
  std::vector<double> m_centre;
  double m_scale;
  bool m_uniform;
};

/// A vector parameter broadcast to `dim` entries: empty -> fill, one entry -> repeated.
std::vector<double> broadcast(const std::vector<double>& v, int dim, double fill,
                              const std::string& field) {
  if (v.empty()) return std::vector<double>(dim, fill);
  if (v.size() == 1) return std::vector<double>(dim, v[0]);
  if (static_cast<int>(v.size()) != dim)
    throw InputError(field, "has " + std::to_string(v.size()) + " entries",
                     "1 or " + std::to_string(dim) + " (dim)");
  return v;
}

ParamSpec centreParam() {
  return ParamSpec::vector("center", {}, "centre (1 or dim numbers; default origin)");
}

}  // namespace

InitInfo gaussianCloudInfo() {
  return {"gaussian",
          "isotropic Gaussian around a centre",
          {centreParam(), ParamSpec::number("scale", 1.0, 0.0, 1e6, "standard deviation", true)},
          [](const ParamSet& p, int dim, const Target&) -> std::unique_ptr<InitialCloud> {
            return std::make_unique<ScaledCloud>(
                broadcast(p.vector("center"), dim, 0, "init.center"), p.number("scale"), false);
          }};
}

InitInfo uniformCloudInfo() {
  return {"uniform",
          "uniform in the box center +- half_width",
          {centreParam(),
           ParamSpec::number("half_width", 3.0, 0.0, 1e6, "half the side of the box", true)},
          [](const ParamSet& p, int dim, const Target&) -> std::unique_ptr<InitialCloud> {
            return std::make_unique<ScaledCloud>(
                broadcast(p.vector("center"), dim, 0, "init.center"), p.number("half_width"), true);
          }};
}

InitInfo collapsedCloudInfo() {
  return {"collapsed",
          "every particle at one point (plus a tiny jitter to break ties)",
          {centreParam(), ParamSpec::number("jitter", 1e-6, 0.0, 1.0, "jitter scale")},
          [](const ParamSet& p, int dim, const Target&) -> std::unique_ptr<InitialCloud> {
            return std::make_unique<ScaledCloud>(
                broadcast(p.vector("center"), dim, 0, "init.center"), p.number("jitter"), false);
          }};
}

InitInfo farCloudInfo() {
  return {"far",
          "Gaussian cloud offset far from the target",
          {ParamSpec::vector("offset", {6.0}, "centre offset (1 or dim numbers)"),
           ParamSpec::number("scale", 0.5, 0.0, 1e6, "standard deviation", true)},
          [](const ParamSet& p, int dim, const Target&) -> std::unique_ptr<InitialCloud> {
            return std::make_unique<ScaledCloud>(
                broadcast(p.vector("offset"), dim, 6, "init.offset"), p.number("scale"), false);
          }};
}

}  // namespace driftlab
