#pragma once
/// Noise schedules of the diffusions behind the probability-flow ODE (SPEC §2, `pf-ode`):
/// x_t = alpha_t x_0 + sigma_t eps, eps ~ N(0, I), t in [0, 1].
///   VP: beta(t) = beta_min + t (beta_max - beta_min), alpha_t = exp(-0.5 int_0^t beta),
///       sigma_t = sqrt(1 - alpha_t^2).
///   VE: alpha_t = 1, sigma_t = sigma_min (sigma_max / sigma_min)^t.
/// The forward SDE is dx = f(t) x dt + g(t) dW with f = d log alpha / dt and
/// g^2 = d sigma^2 / dt - 2 f sigma^2; its probability-flow ODE is
/// dx/dt = f x - 0.5 g^2 score_t(x), which moves the marginals of x_t exactly.
#include <vector>

#include "base/point_set.h"

namespace driftlab {

class GaussianMixture;

enum class DiffusionKind { kVp, kVe };

class DiffusionSchedule {
 public:
  /// VP: a = beta_min, b = beta_max; VE: a = sigma_min, b = sigma_max. horizon: T, the
  /// diffusion time at simulation time 0 (diffusion time t = T - simulation time).
  DiffusionSchedule(DiffusionKind kind, double a, double b, double horizon);

  DiffusionKind kind() const { return m_kind; }
  double horizon() const { return m_horizon; }
  double diffusionTime(double simulationTime) const { return m_horizon - simulationTime; }

  double alpha(double t) const;
  double sigma(double t) const;
  /// f(t) = d log alpha / dt (VP: -beta / 2; VE: 0).
  double drift(double t) const;
  /// g(t)^2 (VP: beta; VE: 2 sigma^2 log(sigma_max / sigma_min)).
  double g2(double t) const;
  /// c = -2 f / g^2 (VP: 1, VE: 0): v = 0.5 g^2 (c x + score) is the PF-ODE velocity.
  double driftRatio(double t) const;
  /// c sigma^2 - 1 without cancellation (VP: -alpha^2, VE: -1); with it c - 1 / var_k =
  /// (c alpha^2 s_k^2 + (c sigma^2 - 1)) / var_k for a noised component of variance var_k.
  double driftRatioOffset(double t) const;
  /// Half log signal-to-noise ratio lambda = log(alpha / sigma) (decreasing in t).
  double lambda(double t) const;
  /// The inverse of lambda(t).
  double timeOfLambda(double lambda) const;

 private:
  /// VP: int_0^t beta.
  double integratedBeta(double t) const;

  DiffusionKind m_kind;
  double m_a, m_b, m_horizon;
};

/// The time grid t_0 = T > t_1 > ... > t_steps = t_min: uniform in t or in lambda.
std::vector<double> diffusionTimeGrid(const DiffusionSchedule& s, double tMin, int steps,
                                      bool logSnr);

/// The target mixture pushed through x_t = alpha_t x_0 + sigma_t eps: means alpha_t mu_k,
/// standard deviations sqrt(alpha_t^2 s_k^2 + sigma_t^2), same weights.
GaussianMixture noisedMixture(const GaussianMixture& target, double alpha, double sigma);

}  // namespace driftlab
