#pragma once
/// The smoothed Fisher discrepancy F = integral q_h |s_p - s_q|^2 dx of the KDEs, with
/// s = grad log of the KDE = (m - x) / h^2 (score units whatever the flow's drift units).
///
/// Monte Carlo on the `kl` estimator's draws (kl_estimator.h): z_s = x_{J_s} + h xi_s, J_s
/// stratified over the particles, keyed by (seed, kDiagnostic, s, kKlEpoch), the same draws
/// at every step (common random numbers: the change between steps reflects the state, not
/// fresh noise). The mean of g_s = |m_p(z_s) - m_q(z_s)|^2 / h^4 is unbiased for F; its
/// standard error std_s / sqrt(S) overstates the noise (stratification). The kernel sums at
/// the draws that kl needs hold the means too, so the diagnostic shares them: fisher costs
/// nothing beyond kl at S = kKlSamples.
///
/// Grid quadrature (d = 1..3): the midpoint rule on a grid of spacing `spacing` h over the
/// particles' bounding box grown by `margin` h, where q_h's mass outside is below
/// 2 d Phi(-margin) (8: 1e-15). The integrand is smooth at scale min(h, h^2 / data spread);
/// its error is estimated by the same rule on every other grid point (spacing doubled):
/// |F_fine - F_coarse| bounds the fine value's error generously when the rule converges.
#include <cstdint>

#include "base/point_set.h"
#include "diagnostics/kl_estimator.h"
#include "evaluators/kernel_sum_backend.h"

namespace driftlab {

/// S of the `fisher` diagnostic: kl's draws.
constexpr int kFisherSamples = kKlSamples;

struct FisherEstimate {
  double value = 0.0;          ///< (1/S) sum_s g_s
  double standardError = 0.0;  ///< sample std of g_s / sqrt(S)
};

/// |s_p - s_q|^2 at the points Z (n x d), averaged, with its standard error. X: N x d
/// particles, Y: M x d data (N, M > 0). Finite for finite input and h > 0 (log-sum-exp sums).
FisherEstimate scoreGapMean(ConstPointRef Z, ConstPointRef X, ConstPointRef Y,
                            std::uint64_t dataVersion, double h, KernelSumBackend& backend);

/// The same from the Gaussian sums at Z over the data (p) and the particles (q).
FisherEstimate scoreGapMean(const KernelSums& p, const KernelSums& q, double h);

/// The `fisher` estimate: scoreGapMean at klSamplePoints(X, h, seed, samples).
FisherEstimate estimateFisher(ConstPointRef X, ConstPointRef Y, std::uint64_t dataVersion, double h,
                              KernelSumBackend& backend, std::uint64_t seed,
                              int samples = kFisherSamples);

struct FisherQuadrature {
  double value = 0.0;          ///< midpoint rule on the fine grid
  double errorEstimate = 0.0;  ///< |fine - coarse| (coarse: every other point per axis)
  double spacing = 0.0;        ///< grid spacing used (absolute units)
  Eigen::Index points = 0;     ///< grid points evaluated
};

/// F by quadrature, d = 1..3 (throws std::invalid_argument otherwise). spacing and margin in
/// units of h; the spacing grows when the grid would exceed maxPoints.
FisherQuadrature fisherByQuadrature(ConstPointRef X, ConstPointRef Y, double h,
                                    KernelSumBackend& backend, double spacing = 0.25,
                                    double margin = 8.0, Eigen::Index maxPoints = 4'000'000);

}  // namespace driftlab
