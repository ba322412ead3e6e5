#include "diagnostics/sample_distance_diagnostics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "base/random_stream.h"
#include "diagnostics/diagnostic_context.h"
#include "diagnostics/two_sample_statistics.h"

namespace driftlab {

double slicedWasserstein2(ConstPointRef A, ConstPointRef B, int directions, std::uint64_t seed) {
  const Eigen::Index n = A.rows();
  const int d = static_cast<int>(A.cols());
  std::vector<double> perDirection(directions, 0.0);
#pragma omp parallel for schedule(static)
  for (int l = 0; l < directions; ++l) {
    RandomStream rng(seed, StreamPurpose::kDiagnostic, static_cast<std::uint64_t>(l), 0xd1);
    Eigen::VectorXd u(d);
    for (int k = 0; k < d; ++k) u[k] = rng.normal();
    u.normalize();
    std::vector<double> a(n), b(n);
    for (Eigen::Index i = 0; i < n; ++i) a[i] = A.row(i).dot(u), b[i] = B.row(i).dot(u);
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    double s = 0.0;
    for (Eigen::Index i = 0; i < n; ++i) s += (a[i] - b[i]) * (a[i] - b[i]);
    perDirection[l] = s / double(n);
  }
  double total = 0.0;
  for (double v : perDirection) total += v;  // fixed order: thread-count independent
  return std::sqrt(total / directions);
}

DiagnosticInfo slicedWassersteinDiagnosticInfo() {
  return {"sliced_w2", "sliced W2 distance to a fresh target sample (64 directions)", true, 10,
          [](DiagnosticContext& c) {
            const Eigen::Index n = std::min<Eigen::Index>(c.particles().rows(), 20000);
            if (!c.target() || n == 0) return std::numeric_limits<double>::quiet_NaN();
            const PointSet fresh = c.freshTargetSample(n);
            // Particles: an evenly strided subset when N exceeds the cap.
            const Eigen::Index stride = c.particles().rows() / n;
            PointSet x(n, c.dim());
            for (Eigen::Index i = 0; i < n; ++i) x.row(i) = c.particles().row(i * stride);
            return slicedWasserstein2(x, fresh, 64, 0x5eed);
          }};
}

namespace {

/// The particles (strided to the cap) and a fresh target sample of the same size (at least
/// 2, as the U-statistics need); false without a target.
bool sampleDistanceSets(DiagnosticContext& c, PointSet& x, PointSet& fresh) {
  if (!c.target() || c.particles().rows() == 0) return false;
  x = stridedSubset(c.particles(), kSampleDistanceCap);
  fresh = c.freshTargetSample(std::max<Eigen::Index>(2, x.rows()));
  return true;
}

}  // namespace

DiagnosticInfo mmd2DiagnosticInfo() {
  return {"mmd2",
          "unbiased MMD^2 to a fresh target sample (at most 2000 points each), Gaussian kernel "
          "summed over bandwidths {1/8, 1/4, 1/2, 1, 2} x the sample's median pairwise distance; "
          "~0 within sampling error when the particles follow the target",
          false, 10, [](DiagnosticContext& c) {
            PointSet x, fresh;
            if (!sampleDistanceSets(c, x, fresh)) return std::numeric_limits<double>::quiet_NaN();
            return mmd2Unbiased(x, fresh, mmdBandwidths(fresh));
          }};
}

DiagnosticInfo energyDiagnosticInfo() {
  return {"energy",
          "energy distance 2E|X-Y| - E|X-X'| - E|Y-Y'| to a fresh target sample (unbiased "
          "U-statistic, at most 2000 points each)",
          false, 10, [](DiagnosticContext& c) {
            PointSet x, fresh;
            if (!sampleDistanceSets(c, x, fresh)) return std::numeric_limits<double>::quiet_NaN();
            return energyDistance(x, fresh);
          }};
}

}  // namespace driftlab
