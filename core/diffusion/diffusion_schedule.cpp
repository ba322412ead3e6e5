#include "diffusion/diffusion_schedule.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "targets/gaussian_mixture.h"

namespace driftlab {

DiffusionSchedule::DiffusionSchedule(DiffusionKind kind, double a, double b, double horizon)
    : m_kind(kind), m_a(a), m_b(b), m_horizon(horizon) {}

double DiffusionSchedule::integratedBeta(double t) const {
  return m_a * t + 0.5 * (m_b - m_a) * t * t;
}

double DiffusionSchedule::alpha(double t) const {
  return m_kind == DiffusionKind::kVp ? std::exp(-0.5 * integratedBeta(t)) : 1.0;
}

double DiffusionSchedule::sigma(double t) const {
  if (m_kind == DiffusionKind::kVp) return std::sqrt(-std::expm1(-integratedBeta(t)));
  return m_a * std::pow(m_b / m_a, t);
}

double DiffusionSchedule::drift(double t) const {
  return m_kind == DiffusionKind::kVp ? -0.5 * (m_a + t * (m_b - m_a)) : 0.0;
}

double DiffusionSchedule::g2(double t) const {
  if (m_kind == DiffusionKind::kVp) return m_a + t * (m_b - m_a);
  const double s = sigma(t);
  return 2.0 * s * s * std::log(m_b / m_a);
}

double DiffusionSchedule::driftRatio(double) const {
  return m_kind == DiffusionKind::kVp ? 1.0 : 0.0;
}

double DiffusionSchedule::driftRatioOffset(double t) const {
  if (m_kind == DiffusionKind::kVe) return -1.0;
  const double a = alpha(t);
  return -a * a;
}

double DiffusionSchedule::lambda(double t) const {
  if (m_kind == DiffusionKind::kVe) return -std::log(sigma(t));
  // log(alpha / sigma) = -B/2 - 0.5 log(1 - e^{-B}).
  const double B = integratedBeta(t);
  return -0.5 * B - 0.5 * std::log(-std::expm1(-B));
}

double DiffusionSchedule::timeOfLambda(double lambda) const {
  if (m_kind == DiffusionKind::kVe) return std::log(std::exp(-lambda) / m_a) / std::log(m_b / m_a);
  // alpha^2 / sigma^2 = e^{2 lambda}: B = log(1 + e^{-2 lambda}); solve B(t) = B.
  const double B = std::log1p(std::exp(-2.0 * lambda));
  const double c = 0.5 * (m_b - m_a);
  if (c == 0.0) return B / m_a;
  // c t^2 + a t - B = 0, the positive root in the cancellation-free form.
  return 2.0 * B / (m_a + std::sqrt(m_a * m_a + 4.0 * c * B));
}

std::vector<double> diffusionTimeGrid(const DiffusionSchedule& s, double tMin, int steps,
                                      bool logSnr) {
  const double T = s.horizon();
  std::vector<double> grid(steps + 1);
  const double l0 = s.lambda(T), l1 = s.lambda(tMin);
  for (int i = 0; i <= steps; ++i) {
    const double u = double(i) / steps;
    grid[i] = logSnr ? s.timeOfLambda(l0 + u * (l1 - l0)) : T + u * (tMin - T);
  }
  grid.front() = T;  // exact ends, whatever the round trip through lambda
  grid.back() = tMin;
  return grid;
}

GaussianMixture noisedMixture(const GaussianMixture& target, double alpha, double sigma) {
  std::vector<double> sd(target.components()), w(target.components());
  for (int k = 0; k < target.components(); ++k) {
    sd[k] = std::sqrt(alpha * alpha * target.sigma(k) * target.sigma(k) + sigma * sigma);
    w[k] = target.weight(k);
  }
  return GaussianMixture(alpha * target.means(), std::move(sd), std::move(w));
}

}  // namespace driftlab
