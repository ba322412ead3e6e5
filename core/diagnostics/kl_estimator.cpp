#include "diagnostics/kl_estimator.h"

#include <algorithm>
#include <cmath>

#include "base/random_stream.h"

namespace driftlab {

PointSet klSamplePoints(ConstPointRef X, double h, std::uint64_t seed, int samples) {
  const Eigen::Index n = X.rows(), d = X.cols();
  PointSet Z(samples, d);
#pragma omp parallel for schedule(static)
  for (int s = 0; s < samples; ++s) {
    RandomStream rng(seed, StreamPurpose::kDiagnostic, static_cast<std::uint64_t>(s), kKlEpoch);
    const double u = rng.uniform();
    const auto j = std::min<Eigen::Index>(
        n - 1, static_cast<Eigen::Index>((double(s) + u) * double(n) / double(samples)));
    for (Eigen::Index k = 0; k < d; ++k) Z(s, k) = X(j, k) + h * rng.normal();
  }
  return Z;
}

KlEstimate logRatioMean(ConstPointRef Z, ConstPointRef X, ConstPointRef Y,
                        std::uint64_t dataVersion, double h, KernelSumBackend& backend) {
  const Kernel kernel{KernelKind::kGaussian, h};
  KernelSums q, p;
  // One evaluator for both (pairSums): a grid's errors in log q_h and log p_h then cancel.
  backend.pairSums(kernel, Z, {Y, dataVersion}, {X, 0}, false, p, q);
  return logRatioMean(p, q, Y.rows(), X.rows());
}

SampleMean sampleMean(const Vector& g) {
  SampleMean out;
  const Eigen::Index n = g.size();
  if (n == 0) return out;
  const double S = double(n);
  out.value = g.sum() / S;
  const double var = n > 1 ? (g.array() - out.value).square().sum() / (S - 1.0) : 0.0;
  out.standardError = std::sqrt(var / S);
  return out;
}

KlEstimate logRatioMean(const KernelSums& p, const KernelSums& q, Eigen::Index dataCount,
                        Eigen::Index particleCount) {
  // The Gaussian normaliser cancels; the counts do not.
  const double counts = std::log(double(dataCount)) - std::log(double(particleCount));
  KlEstimate out;
  out.samples = (q.logSum - p.logSum).array() + counts;
  const SampleMean mean = sampleMean(out.samples);
  out.value = mean.value;
  out.standardError = mean.standardError;
  return out;
}

KlEstimate estimateKl(ConstPointRef X, ConstPointRef Y, std::uint64_t dataVersion, double h,
                      KernelSumBackend& backend, std::uint64_t seed, int samples) {
  const PointSet Z = klSamplePoints(X, h, seed, samples);
  return logRatioMean(Z, X, Y, dataVersion, h, backend);
}

}  // namespace driftlab
