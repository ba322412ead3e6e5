#include "diagnostics/mixture_diagnostics.h"

#include <limits>
#include <vector>

#include "diagnostics/diagnostic_context.h"
#include "targets/gaussian_mixture.h"
#include "targets/target.h"

namespace driftlab {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

const GaussianMixture* mixtureOf(const DiagnosticContext& c) {
  return c.target() ? c.target()->mixture() : nullptr;
}

/// Index of the nearest mean and the squared distance to it.
std::pair<int, double> nearestMode(const GaussianMixture& mix, const double* x) {
  int best = 0;
  double bestD2 = std::numeric_limits<double>::infinity();
  for (int k = 0; k < mix.components(); ++k) {
    double d2 = 0.0;
    for (int c = 0; c < mix.dim(); ++c)
      d2 += (x[c] - mix.means()(k, c)) * (x[c] - mix.means()(k, c));
    if (d2 < bestD2) best = k, bestD2 = d2;
  }
  return {best, bestD2};
}

}  // namespace

DiagnosticInfo modeCoverageDiagnosticInfo() {
  return {"mode_coverage", "share of mixture modes holding >= 1/(4K) of the particles", false, 1,
          [](DiagnosticContext& c) {
            const GaussianMixture* mix = mixtureOf(c);
            const auto X = c.particles();
            if (!mix || X.rows() == 0) return kNaN;
            std::vector<Eigen::Index> counts(mix->components(), 0);
            for (Eigen::Index i = 0; i < X.rows(); ++i)
              ++counts[nearestMode(*mix, X.row(i).data()).first];
            const double threshold = double(X.rows()) / (4.0 * mix->components());
            int covered = 0;
            for (auto n : counts) covered += double(n) >= threshold ? 1 : 0;
            return double(covered) / mix->components();
          }};
}

DiagnosticInfo highQualityFractionDiagnosticInfo() {
  return {"hq_fraction", "share of particles within 3 sigma of a mixture mode", false, 1,
          [](DiagnosticContext& c) {
            const GaussianMixture* mix = mixtureOf(c);
            const auto X = c.particles();
            if (!mix || X.rows() == 0) return kNaN;
            Eigen::Index good = 0;
            for (Eigen::Index i = 0; i < X.rows(); ++i) {
              const auto [k, d2] = nearestMode(*mix, X.row(i).data());
              good += d2 <= 9.0 * mix->sigma(k) * mix->sigma(k) ? 1 : 0;
            }
            return double(good) / double(X.rows());
          }};
}

}  // namespace driftlab
