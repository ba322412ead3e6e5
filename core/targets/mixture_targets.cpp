#include "targets/mixture_targets.h"

#include <cmath>
#include <numbers>

#include "base/input_error.h"
#include "targets/gaussian_mixture.h"
#include "targets/target.h"

namespace driftlab {

namespace {

class MixtureTarget final : public Target {
 public:
  MixtureTarget(GaussianMixture mix, double halfWidth)
      : m_mix(std::move(mix)), m_halfWidth(halfWidth) {}
  int dim() const override { return m_mix.dim(); }
  void sampleOne(RandomStream& rng, double* out) const override { m_mix.sample(rng, out); }
  const GaussianMixture* mixture() const override { return &m_mix; }
  Bounds bounds() const override {
    return {std::vector<double>(dim(), -m_halfWidth), std::vector<double>(dim(), m_halfWidth)};
  }

 private:
  GaussianMixture m_mix;
  double m_halfWidth;
};

std::unique_ptr<Target> makeMixture(PointSet means, double sigma, double halfWidth) {
  const auto k = static_cast<size_t>(means.rows());
  return std::make_unique<MixtureTarget>(
      GaussianMixture(std::move(means), std::vector<double>(k, sigma), std::vector<double>(k, 1.0)),
      halfWidth);
}

ParamSpec sigmaParam(double def) {
  return ParamSpec::number("sigma", def, 0.0, 10.0, "standard deviation of each mode", true);
}

}  // namespace

TargetInfo eightGaussiansTargetInfo() {
  return {"8gaussians",
          "8 Gaussian modes on a circle of radius 2",
          2,
          {sigmaParam(0.1)},
          [](const ParamSet& p, int) {
            PointSet means(8, 2);
            for (int k = 0; k < 8; ++k) {
              const double a = 2.0 * std::numbers::pi * k / 8.0;
              means.row(k) << 2.0 * std::cos(a), 2.0 * std::sin(a);
            }
            return makeMixture(std::move(means), p.number("sigma"), 3.0);
          }};
}

TargetInfo twentyFiveGaussiansTargetInfo() {
  return {"25gaussians",
          "5 x 5 grid of Gaussian modes, spacing 1",
          2,
          {sigmaParam(0.05)},
          [](const ParamSet& p, int) {
            PointSet means(25, 2);
            for (int k = 0; k < 25; ++k) means.row(k) << (k % 5) - 2.0, (k / 5) - 2.0;
            return makeMixture(std::move(means), p.number("sigma"), 3.0);
          }};
}

TargetInfo cubeCornersTargetInfo() {
  return {"gmm3d",
          "8 Gaussian modes at the corners of the cube [-1, 1]^3",
          3,
          {sigmaParam(0.1)},
          [](const ParamSet& p, int) {
            PointSet means(8, 3);
            for (int k = 0; k < 8; ++k)
              means.row(k) << ((k & 1) ? 1.0 : -1.0), ((k & 2) ? 1.0 : -1.0),
                  ((k & 4) ? 1.0 : -1.0);
            return makeMixture(std::move(means), p.number("sigma"), 2.0);
          }};
}

TargetInfo isotropicGaussianTargetInfo() {
  return {"gaussian",
          "isotropic Gaussian N(mean, sigma^2 I) in any dimension 1..8",
          0,
          {sigmaParam(0.5), ParamSpec::vector("mean", {}, "centre (default: 1 in every axis)")},
          [](const ParamSet& p, int dim) {
            PointSet means = PointSet::Ones(1, dim);
            const auto& mu = p.vector("mean");
            if (!mu.empty()) {
              if (static_cast<int>(mu.size()) != dim)
                throw InputError("target.mean", "has " + std::to_string(mu.size()) + " entries",
                                 std::to_string(dim) + " (dim)");
              for (int c = 0; c < dim; ++c) means(0, c) = mu[c];
            }
            const double s = p.number("sigma");
            const double halfWidth = means.cwiseAbs().maxCoeff() + 4.0 * s;
            return makeMixture(std::move(means), s, halfWidth);
          }};
}

TargetInfo bimodalTargetInfo() {
  return {"bimodal",
          "two unequal Gaussian modes (weights 0.7 / 0.3) at (-1.5, 0) and (1.5, 0)",
          2,
          {sigmaParam(0.3)},
          [](const ParamSet& p, int) -> std::unique_ptr<Target> {
            PointSet means(2, 2);
            means << -1.5, 0.0, 1.5, 0.0;
            const double s = p.number("sigma");
            return std::make_unique<MixtureTarget>(
                GaussianMixture(std::move(means), {s, s}, {0.7, 0.3}), 2.5 + 3 * s);
          }};
}

}  // namespace driftlab
