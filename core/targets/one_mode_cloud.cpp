#include "targets/one_mode_cloud.h"

#include <algorithm>
#include <cmath>

#include "targets/gaussian_mixture.h"
#include "targets/target.h"

namespace driftlab {

namespace {

class PointCloud final : public InitialCloud {
 public:
  PointCloud(std::vector<double> centre, double sigma)
      : m_centre(std::move(centre)), m_sigma(sigma) {}
  void sampleOne(RandomStream& rng, double* out) const override {
    for (std::size_t c = 0; c < m_centre.size(); ++c) out[c] = m_centre[c] + m_sigma * rng.normal();
  }

 private:
  std::vector<double> m_centre;
  double m_sigma;
};

/// The densest of 512 fixed draws of `target` (seed-independent: a scene's start does not move
/// with its seed beyond the particles' own noise).
std::vector<double> densestPoint(const Target& target, double radius) {
  const PointSet draws = sampleTarget(target, 512, /*seed=*/0x6f6e65);
  Eigen::Index best = 0;
  long bestCount = -1;
  for (Eigen::Index i = 0; i < draws.rows(); ++i) {
    long count = 0;
    for (Eigen::Index j = 0; j < draws.rows(); ++j)
      count += (draws.row(i) - draws.row(j)).squaredNorm() <= radius * radius ? 1 : 0;
    if (count > bestCount) bestCount = count, best = i;
  }
  return {draws.row(best).data(), draws.row(best).data() + draws.cols()};
}

}  // namespace

InitInfo oneModeCloudInfo() {
  return {"one-mode",
          "Gaussian in one mode of the target: mixture component `mode` with its sigma x scale; "
          "other targets: around their densest point",
          {ParamSpec::integer("mode", 0, 0, 1000000, "mixture component to start in (0-based)"),
           ParamSpec::number("scale", 1.0, 0.0, 1e6, "the mode's width multiplier", true)},
          [](const ParamSet& p, int dim, const Target& target) -> std::unique_ptr<InitialCloud> {
            const double scale = p.number("scale");
            if (const GaussianMixture* mix = target.mixture()) {
              const int k = p.integer("mode");
              if (k >= mix->components())
                throw InputError("init.mode",
                                 "got " + std::to_string(k) + ", the target has " +
                                     std::to_string(mix->components()) + " components",
                                 "integers from 0 to " + std::to_string(mix->components() - 1));
              const PointSet& mu = mix->means();
              std::vector<double> centre(mu.row(k).data(), mu.row(k).data() + mu.cols());
              centre.resize(static_cast<std::size_t>(dim), 0.0);
              return std::make_unique<PointCloud>(centre, scale * mix->sigma(k));
            }
            const Bounds b = target.bounds();
            double side = 0.0;
            for (std::size_t c = 0; c < b.lo.size(); ++c) side = std::max(side, b.hi[c] - b.lo[c]);
            side = std::max(side, 1e-6);
            std::vector<double> centre = densestPoint(target, 0.05 * side);
            centre.resize(static_cast<std::size_t>(dim), 0.0);
            return std::make_unique<PointCloud>(centre, scale * 0.02 * side);
          }};
}

}  // namespace driftlab
