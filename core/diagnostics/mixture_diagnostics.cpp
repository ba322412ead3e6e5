#include "diagnostics/mixture_diagnostics.h"

#include <limits>
#include <vector>

#include "diagnostics/diagnostic_context.h"
#include "targets/gaussian_mixture.h"
#include "targets/target.h"

namespace driftlab {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
/// A particle belongs to a mode when it lies within this many sigmas of its mean (SPEC §3).
constexpr double kSigmas = 3.0;

const GaussianMixture* mixtureOf(const DiagnosticContext& c) {
  return c.target() ? c.target()->mixture() : nullptr;
}

double squaredDistance(const GaussianMixture& mix, int k, const double* x) {
  double d2 = 0.0;
  for (int c = 0; c < mix.dim(); ++c) d2 += (x[c] - mix.means()(k, c)) * (x[c] - mix.means()(k, c));
  return d2;
}

bool withinMode(const GaussianMixture& mix, int k, const double* x) {
  const double r = kSigmas * mix.sigma(k);
  return squaredDistance(mix, k, x) <= r * r;
}

}  // namespace

DiagnosticInfo modeCoverageDiagnosticInfo() {
  return {"mode_coverage",
          "share of mixture modes holding >= 1/(4K) of the particles, counting for each mode only "
          "the particles within 3 sigma of its mean",
          false,
          1,
          [](DiagnosticContext& c) {
            const GaussianMixture* mix = mixtureOf(c);
            const auto X = c.particles();
            if (!mix || X.rows() == 0) return kNaN;
            std::vector<Eigen::Index> counts(mix->components(), 0);
            for (Eigen::Index i = 0; i < X.rows(); ++i)
              for (int k = 0; k < mix->components(); ++k)
                counts[k] += withinMode(*mix, k, X.row(i).data()) ? 1 : 0;
            const double threshold = double(X.rows()) / (4.0 * mix->components());
            int covered = 0;
            for (auto n : counts) covered += double(n) >= threshold ? 1 : 0;
            return double(covered) / mix->components();
          },
          /*mixtureOnly=*/true};
}

DiagnosticInfo highQualityFractionDiagnosticInfo() {
  return {"hq_fraction",
          "share of particles within 3 sigma of a mixture mode's mean",
          false,
          1,
          [](DiagnosticContext& c) {
            const GaussianMixture* mix = mixtureOf(c);
            const auto X = c.particles();
            if (!mix || X.rows() == 0) return kNaN;
            Eigen::Index good = 0;
            for (Eigen::Index i = 0; i < X.rows(); ++i) {
              bool near = false;
              for (int k = 0; k < mix->components() && !near; ++k)
                near = withinMode(*mix, k, X.row(i).data());
              good += near ? 1 : 0;
            }
            return double(good) / double(X.rows());
          },
          /*mixtureOnly=*/true};
}

}  // namespace driftlab
