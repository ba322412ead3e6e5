#include "targets/sphere_cloud.h"

#include <cmath>
#include <numbers>

#include "base/input_error.h"
#include "geometry/sphere_manifold.h"
#include "targets/target.h"

namespace driftlab {

namespace {

constexpr double kPi = std::numbers::pi;

/// Uniform on the cap {x : mu . x >= cos(spread)}: the polar cosine w is uniform on
/// [cos(spread), 1] (Archimedes), the azimuth uniform; spread = 180 degrees is the sphere.
class SphereCapCloud final : public InitialCloud {
 public:
  SphereCapCloud(const double mu[3], double spreadRadians)
      : m_mu{mu[0], mu[1], mu[2]}, m_cosSpread(std::cos(spreadRadians)) {}
  void sampleOne(RandomStream& rng, double* out) const override {
    const double w = 1.0 - rng.uniform() * (1.0 - m_cosSpread);
    pointAbout(m_mu, w, 2.0 * kPi * rng.uniform(), out);
  }

 private:
  double m_mu[3];
  double m_cosSpread;
};

}  // namespace

InitInfo sphereCloudInfo() {
  return {"sphere",
          "uniform on the unit sphere S^2, or on the cap of half-angle spread about center (dim 3)",
          {ParamSpec::vector("center", {0.0, 0.0, 1.0}, "the cap's centre direction (3 numbers)"),
           ParamSpec::number("spread", 180.0, 0.0, 180.0,
                             "the cap's half-angle in degrees (180: the whole sphere)", true)},
          [](const ParamSet& p, int dim, const Target&) -> std::unique_ptr<InitialCloud> {
            if (dim != 3)
              throw InputError(
                  "init.name",
                  "'sphere' is a cloud on S^2 in R^3 but dim is " + std::to_string(dim),
                  "dim 3 for 'sphere'");
            const std::vector<double>& c = p.vector("center");
            const double n = c.size() == 3 ? std::sqrt(c[0] * c[0] + c[1] * c[1] + c[2] * c[2]) : 0;
            if (c.size() != 3 || !(n > 1e-12))
              throw InputError("init.center",
                               "has " + std::to_string(c.size()) + " numbers or zero length",
                               "3 numbers, a non-zero direction");
            const double mu[3] = {c[0] / n, c[1] / n, c[2] / n};
            return std::make_unique<SphereCapCloud>(mu, p.number("spread") * kPi / 180.0);
          }};
}

}  // namespace driftlab
