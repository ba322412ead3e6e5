#include "targets/vmf_mixture.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "base/input_error.h"
#include "geometry/sphere_manifold.h"
#include "scene/scene_config.h"
#include "targets/target.h"

namespace driftlab {

namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kMaxKappa = 1e4;

class VmfMixture final : public Target {
 public:
  VmfMixture(std::vector<double> means, std::vector<double> kappas)
      : m_means(std::move(means)), m_kappas(std::move(kappas)) {}
  int dim() const override { return 3; }
  void sampleOne(RandomStream& rng, double* out) const override {
    const std::size_t k = rng.below(m_kappas.size());
    const double w = vmfCosine(m_kappas[k], rng.uniform());
    pointAbout(&m_means[3 * k], w, 2.0 * kPi * rng.uniform(), out);
  }
  Bounds bounds() const override { return {{-1.2, -1.2, -1.2}, {1.2, 1.2, 1.2}}; }

 private:
  std::vector<double> m_means;   ///< 3K, unit rows
  std::vector<double> m_kappas;  ///< K
};

std::vector<double> defaultMeans() {
  std::vector<double> means;
  for (int k = 0; k < 6; ++k) {
    const double lat = (k % 2 == 0 ? 30.0 : -30.0) * kPi / 180.0, lon = 60.0 * k * kPi / 180.0;
    means.insert(means.end(),
                 {std::cos(lat) * std::cos(lon), std::cos(lat) * std::sin(lon), std::sin(lat)});
  }
  return means;
}

}  // namespace

double vmfCosine(double kappa, double u) {
  // u + (1 - u) e^{-2 kappa} = 1 + (1 - u) expm1(-2 kappa), in (e^{-2 kappa}, 1).
  const double w = 1.0 + std::log1p((1.0 - u) * std::expm1(-2.0 * kappa)) / kappa;
  return std::clamp(w, -1.0, 1.0);
}

double vmfMeanResultantLength(double kappa) {
  return 1.0 / std::tanh(kappa) - 1.0 / kappa;
}

TargetInfo vmfMixtureTargetInfo() {
  return {
      "vmf-mixture",
      "von Mises-Fisher mixture on the unit sphere S^2 (use with manifold: sphere)",
      3,
      {ParamSpec::vector("means", defaultMeans(),
                         "mean directions, 3 numbers each (normalised; default a zigzag "
                         "ring of six)"),
       ParamSpec::vector("kappa", {20.0}, "concentrations, 1 or one per mean, in (0, 1e4]")},
      [](const ParamSet& p, int) -> std::unique_ptr<Target> {
        std::vector<double> means = p.vector("means");
        if (means.empty() || means.size() % 3 != 0 || means.size() > 3 * 1000)
          throw InputError("target.means", "has " + std::to_string(means.size()) + " numbers",
                           "3 K numbers (K mean directions), 1 <= K <= 1000");
        const std::size_t k = means.size() / 3;
        for (std::size_t c = 0; c < k; ++c) {
          const double n =
              std::sqrt(means[3 * c] * means[3 * c] + means[3 * c + 1] * means[3 * c + 1] +
                        means[3 * c + 2] * means[3 * c + 2]);
          if (!(n > 1e-12))
            throw InputError("target.means", "direction " + std::to_string(c) + " has zero length",
                             "non-zero directions (3 numbers each)");
          for (int a = 0; a < 3; ++a) means[3 * c + a] /= n;
        }
        std::vector<double> kappas = p.vector("kappa");
        if (kappas.size() == 1) kappas.assign(k, kappas[0]);
        if (kappas.size() != k)
          throw InputError("target.kappa",
                           "has " + std::to_string(p.vector("kappa").size()) + " entries for " +
                               std::to_string(k) + " means",
                           "1 or " + std::to_string(k) + " numbers in (0, 1e4]");
        for (double kappa : kappas)
          if (!(kappa > 0.0) || kappa > kMaxKappa)
            throw InputError("target.kappa", "got " + formatNumber(kappa), "numbers in (0, 1e4]");
        return std::make_unique<VmfMixture>(std::move(means), std::move(kappas));
      }};
}

}  // namespace driftlab
