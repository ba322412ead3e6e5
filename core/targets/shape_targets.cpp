#include "targets/shape_targets.h"

#include <cmath>
#include <functional>
#include <numbers>

#include "targets/target.h"

namespace driftlab {

namespace {

constexpr double kPi = std::numbers::pi;

/// A target defined by a sampling function: noise is added by the function itself.
class ShapeTarget final : public Target {
 public:
  using Sampler = std::function<void(RandomStream&, double noise, double*)>;
  ShapeTarget(int dim, double noise, double halfWidth, Sampler sampler)
      : m_dim(dim), m_noise(noise), m_halfWidth(halfWidth), m_sampler(std::move(sampler)) {}
  int dim() const override { return m_dim; }
  void sampleOne(RandomStream& rng, double* out) const override { m_sampler(rng, m_noise, out); }
  Bounds bounds() const override {
    return {std::vector<double>(m_dim, -m_halfWidth), std::vector<double>(m_dim, m_halfWidth)};
  }

 private:
  int m_dim;
  double m_noise;
  double m_halfWidth;
  Sampler m_sampler;
};

ParamSpec noiseParam(double def) {
  return ParamSpec::number("noise", def, 0.0, 10.0, "standard deviation of the added noise");
}

TargetInfo shape(std::string id, std::string description, int dim, double noise, double halfWidth,
                 ShapeTarget::Sampler sampler) {
  return {std::move(id),
          std::move(description),
          dim,
          {noiseParam(noise)},
          [dim, halfWidth, sampler](const ParamSet& p, int) -> std::unique_ptr<Target> {
            return std::make_unique<ShapeTarget>(dim, p.number("noise"), halfWidth, sampler);
          }};
}

}  // namespace

TargetInfo moonsTargetInfo() {
  return shape("moons", "two interleaving half circles", 2, 0.05, 2.5,
               [](RandomStream& r, double noise, double* o) {
                 const double a = kPi * r.uniform();
                 if (r.uniform() < 0.5) {
                   o[0] = std::cos(a) - 0.5, o[1] = std::sin(a) - 0.25;
                 } else {
                   o[0] = 0.5 - std::cos(a), o[1] = 0.25 - std::sin(a);
                 }
                 o[0] = 1.5 * o[0] + noise * r.normal();
                 o[1] = 1.5 * o[1] + noise * r.normal();
               });
}

TargetInfo swissrollTargetInfo() {
  return shape("swissroll", "2D swiss roll (spiral of 1.5 turns)", 2, 0.05, 3.0,
               [](RandomStream& r, double noise, double* o) {
                 const double t = 1.5 * kPi * (1.0 + 2.0 * r.uniform());
                 o[0] = t * std::cos(t) / 5.0 + noise * r.normal();
                 o[1] = t * std::sin(t) / 5.0 + noise * r.normal();
               });
}

TargetInfo checkerboardTargetInfo() {
  return shape("checkerboard", "uniform on the dark squares of a 4 x 4 board on [-2, 2]^2", 2, 0.0,
               2.5, [](RandomStream& r, double noise, double* o) {
                 const double x = 4.0 * r.uniform() - 2.0;
                 const double y = r.uniform() - 2.0 + 2.0 * static_cast<double>(r.below(2));
                 const double shift = (static_cast<int>(std::floor(x)) & 1) ? 1.0 : 0.0;
                 o[0] = x + noise * r.normal();
                 o[1] = y + shift + noise * r.normal();
               });
}

TargetInfo ringsTargetInfo() {
  return shape("rings", "4 concentric rings of radii 0.5 .. 2", 2, 0.04, 2.5,
               [](RandomStream& r, double noise, double* o) {
                 const double radius = 0.5 * static_cast<double>(1 + r.below(4));
                 const double a = 2.0 * kPi * r.uniform();
                 o[0] = radius * std::cos(a) + noise * r.normal();
                 o[1] = radius * std::sin(a) + noise * r.normal();
               });
}

TargetInfo swissroll3dTargetInfo() {
  return shape("swissroll3d", "swiss roll surface in 3D", 3, 0.05, 3.0,
               [](RandomStream& r, double noise, double* o) {
                 const double t = 1.5 * kPi * (1.0 + 2.0 * r.uniform());
                 o[0] = t * std::cos(t) / 5.0 + noise * r.normal();
                 o[1] = 4.0 * r.uniform() - 2.0 + noise * r.normal();
                 o[2] = t * std::sin(t) / 5.0 + noise * r.normal();
               });
}

TargetInfo torusTargetInfo() {
  return shape("torus", "torus with radii 1.5 and 0.5", 3, 0.03, 2.5,
               [](RandomStream& r, double noise, double* o) {
                 const double u = 2.0 * kPi * r.uniform();
                 const double v = 2.0 * kPi * r.uniform();
                 o[0] = (1.5 + 0.5 * std::cos(v)) * std::cos(u) + noise * r.normal();
                 o[1] = (1.5 + 0.5 * std::cos(v)) * std::sin(u) + noise * r.normal();
                 o[2] = 0.5 * std::sin(v) + noise * r.normal();
               });
}

TargetInfo pinwheelTargetInfo() {
  return shape(
      "pinwheel", "5 curved arms of a pinwheel", 2, 0.0, 3.0,
      [](RandomStream& r, double noise, double* o) {
        const double arm = static_cast<double>(r.below(5));
        const double radial = 1.0 + 0.3 * r.normal(), tangential = 0.1 * r.normal();
        const double a = 2.0 * kPi * arm / 5.0 + 0.25 * std::exp(radial);
        o[0] = (radial + 0.3) * std::cos(a) - tangential * std::sin(a) + noise * r.normal();
        o[1] = (radial + 0.3) * std::sin(a) + tangential * std::cos(a) + noise * r.normal();
      });
}

TargetInfo spiralsTargetInfo() {
  return shape("spirals", "two interleaved spirals", 2, 0.05, 3.0,
               [](RandomStream& r, double noise, double* o) {
                 const double t = std::sqrt(r.uniform()) * 3.0 * kPi;
                 const double sign = r.below(2) ? 1.0 : -1.0;
                 o[0] = sign * t * std::cos(t) / (1.2 * kPi) + noise * r.normal();
                 o[1] = sign * t * std::sin(t) / (1.2 * kPi) + noise * r.normal();
               });
}

TargetInfo helixTargetInfo() {
  return shape("helix", "helix of radius 1 and 3 turns along z", 3, 0.04, 2.0,
               [](RandomStream& r, double noise, double* o) {
                 const double t = 6.0 * kPi * r.uniform();
                 o[0] = std::cos(t) + noise * r.normal();
                 o[1] = std::sin(t) + noise * r.normal();
                 o[2] = t / (3.0 * kPi) - 1.0 + noise * r.normal();
               });
}

TargetInfo linkedRingsTargetInfo() {
  return shape("linked-rings", "two linked rings of radius 1 in orthogonal planes", 3, 0.03, 2.5,
               [](RandomStream& r, double noise, double* o) {
                 const double a = 2.0 * kPi * r.uniform();
                 if (r.below(2)) {
                   o[0] = std::cos(a) - 0.5, o[1] = std::sin(a), o[2] = 0.0;
                 } else {
                   o[0] = std::cos(a) + 0.5, o[1] = 0.0, o[2] = std::sin(a);
                 }
                 for (int k = 0; k < 3; ++k) o[k] += noise * r.normal();
               });
}

TargetInfo sCurveTargetInfo() {
  return shape("scurve", "S-shaped surface", 3, 0.03, 2.5,
               [](RandomStream& r, double noise, double* o) {
                 const double t = 3.0 * kPi * (r.uniform() - 0.5);
                 o[0] = std::sin(t) + noise * r.normal();
                 o[1] = 4.0 * r.uniform() - 2.0 + noise * r.normal();
                 o[2] = (t >= 0 ? 1.0 : -1.0) * (std::cos(t) - 1.0) + noise * r.normal();
               });
}

TargetInfo shellTargetInfo() {
  return shape("shell", "uniform on the sphere of radius 1.5", 3, 0.03, 2.0,
               [](RandomStream& r, double noise, double* o) {
                 double v[3] = {r.normal(), r.normal(), r.normal()};
                 const double n = std::sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
                 for (int k = 0; k < 3; ++k) o[k] = 1.5 * v[k] / n + noise * r.normal();
               });
}

}  // namespace driftlab
