#pragma once
/// A consistent estimate of KL(q_h || p_h) = integral q_h log(q_h / p_h), the Lyapunov
/// functional of the conservative flow.
///
/// Monte Carlo over draws of q_h itself: z_s = x_{J_s} + h xi_s, s = 0..S-1, with
/// xi_s ~ N(0, I_d) and J_s stratified over the particle index,
/// J_s = floor((s + u_s) N / S). Both xi_s and u_s come from the stream keyed by
/// (seed, kDiagnostic, s, kKlEpoch), so they are the same at every step (common random
/// numbers): consecutive values differ by the change of the state, not by fresh noise, and a
/// value is reproducible bit for bit. The estimate (1/S) sum_s [log q_h(z_s) - log p_h(z_s)]
/// is unbiased for KL(q_h || p_h); its reported standard error std_s / sqrt(S) ignores the
/// stratification and so overstates the noise. The cost is two kernel sums with S queries
/// (S = kKlSamples whatever N), through the backend the simulation uses.
///
/// The plug-in (1/N) sum_i [log q_h(x_i) - log p_h(x_i)] = cross_entropy - entropy is the same
/// average taken at the kernel centres (xi = 0) instead of at draws of q_h: each particle
/// sits at the peak of its own kernel, so it is biased and neither monotone nor positive.
#include <cstdint>

#include "base/point_set.h"
#include "evaluators/kernel_sum_backend.h"

namespace driftlab {

/// S, the number of Monte Carlo samples of the `kl` diagnostic.
constexpr int kKlSamples = 2048;
/// Epoch of the KL streams: never a step index, so they stay apart from the per-step streams.
constexpr std::uint64_t kKlEpoch = 0x6b6c000000000000ULL;

struct KlEstimate {
  double value = 0.0;          ///< (1/S) sum_s g_s
  double standardError = 0.0;  ///< sample std of g_s / sqrt(S)
  Vector samples;              ///< S: g_s = log q_h(z_s) - log p_h(z_s)
};

/// The Monte Carlo mean of per-sample values g_s and its standard error (sample std / sqrt(S);
/// 0 for one sample), summed in a fixed order so it does not depend on the thread count.
/// Empty g: both 0.
struct SampleMean {
  double value = 0.0, standardError = 0.0;
};
SampleMean sampleMean(const Vector& g);

/// The sample points z_s = x_{J_s} + h xi_s. X: N x d particles (N > 0); returns S x d.
PointSet klSamplePoints(ConstPointRef X, double h, std::uint64_t seed, int samples = kKlSamples);

/// log q_h(z) - log p_h(z) at the points Z (n x d) and its mean and standard error over them.
/// X: N x d particles, Y: M x d data (N, M > 0); dataVersion lets the backend cache the data.
/// Finite for finite input (the backend's log sums are finite at any distance).
KlEstimate logRatioMean(ConstPointRef Z, ConstPointRef X, ConstPointRef Y,
                        std::uint64_t dataVersion, double h, KernelSumBackend& backend);

/// The same from the Gaussian sums at Z over the data (p) and the particles (q), M data and N
/// particles: for callers that need other averages at the same draws (fisher_estimator.h).
KlEstimate logRatioMean(const KernelSums& p, const KernelSums& q, Eigen::Index dataCount,
                        Eigen::Index particleCount);

/// The `kl` estimate: logRatioMean at klSamplePoints(X, h, seed, samples).
KlEstimate estimateKl(ConstPointRef X, ConstPointRef Y, std::uint64_t dataVersion, double h,
                      KernelSumBackend& backend, std::uint64_t seed, int samples = kKlSamples);

}  // namespace driftlab
