#include "fields/pf_ode_field.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>
#include <vector>

#include "base/input_error.h"
#include "scene/scene_config.h"
#include "targets/gaussian_mixture.h"
#include "targets/target.h"

namespace driftlab {

PfOdeField::PfOdeField(DiffusionSchedule schedule, double tMin, int steps, bool logSnrGrid,
                       double bandwidth)
    : m_schedule(schedule),
      m_grid(diffusionTimeGrid(schedule, tMin, steps, logSnrGrid)),
      m_bandwidth(bandwidth) {}

const GaussianMixture& PfOdeField::requireMixture(const FieldInputs& in, Eigen::Index dim) const {
  const GaussianMixture* mix = in.target ? in.target->mixture() : nullptr;
  if (!mix)
    throw InputError("target.name",
                     "flow 'pf-ode' needs the exact score of a Gaussian-mixture target; " +
                         std::string(in.target ? "this target has none" : "no target given"),
                     "the Gaussian-mixture targets (8gaussians, 25gaussians, gaussian, ...)");
  if (mix->dim() != dim)
    throw InputError("target.name", "the mixture is " + std::to_string(mix->dim()) +
                                        "D but the points are " + std::to_string(dim) + "D");
  return *mix;
}

void PfOdeField::atParticles(const FieldInputs& in, PointRef out) const {
  atPoints(in, in.particles, out);
}

namespace {

/// v = 0.5 g^2 (c x + score_t) at x (d values) and optionally its Jacobian (d x d, row-major),
/// in cancellation-free form: with var_k = alpha^2 s_k^2 + sigma^2, u_k = (alpha mu_k - x) /
/// var_k, responsibilities r_k and e_k = c - 1 / var_k = (c alpha^2 s_k^2 + c sigma^2 - 1) /
/// var_k, c x + score = sum_k r_k (e_k x + alpha mu_k / var_k) and its Jacobian is
/// (sum_k r_k e_k) I + sum_k r_k (u_k - score)(u_k - score)^T. (Near t = T the VP drift and
/// score terms nearly cancel: written as a difference they would lose digits.)
/// With `parts`: the two halves of v, attraction 0.5 g^2 sum_k r_k alpha mu_k / var_k (toward
/// the noised means) and repulsion -0.5 g^2 (sum_k r_k e_k) x (v = attraction - repulsion;
/// e_k < 0 for a component narrower than the prior, so the repulsion points away from the
/// origin and its negative pulls the cloud in).
void pfOdeVelocity(const GaussianMixture& target, const DiffusionSchedule& sch, double t,
                   const double* x, int d, double* v, double* jac,
                   std::pair<double*, double*> parts = {nullptr, nullptr}) {
  const int K = target.components();
  const double a = sch.alpha(t), sig = sch.sigma(t), c = sch.driftRatio(t);
  const double offset = sch.driftRatioOffset(t), half = 0.5 * sch.g2(t);
  std::vector<double> logr(K), e(K), var(K), u(std::size_t(K) * d);
  double mx = -std::numeric_limits<double>::infinity();
  for (int k = 0; k < K; ++k) {
    const double as2 = a * a * target.sigma(k) * target.sigma(k);
    var[k] = as2 + sig * sig;
    e[k] = (c * as2 + offset) / var[k];
    double r2 = 0.0;
    for (int b = 0; b < d; ++b) {
      const double diff = a * target.means()(k, b) - x[b];
      u[std::size_t(k) * d + b] = diff / var[k];
      r2 += diff * diff;
    }
    logr[k] = std::log(target.weight(k)) - 0.5 * d * std::log(var[k]) - r2 / (2.0 * var[k]);
    mx = std::max(mx, logr[k]);
  }
  double total = 0.0;
  for (int k = 0; k < K; ++k) total += (logr[k] = std::exp(logr[k] - mx));
  std::vector<double> score(d, 0.0), toward(d, 0.0);
  double eMean = 0.0;
  for (int k = 0; k < K; ++k) {
    const double r = logr[k] / total;
    eMean += r * e[k];
    for (int b = 0; b < d; ++b) {
      score[b] += r * u[std::size_t(k) * d + b];
      toward[b] += r * a * target.means()(k, b) / var[k];
    }
  }
  for (int b = 0; b < d; ++b) {
    v[b] = half * (toward[b] + eMean * x[b]);
    if (parts.first) parts.first[b] = half * toward[b];
    if (parts.second) parts.second[b] = -half * eMean * x[b];
  }
  if (!jac) return;
  std::fill(jac, jac + d * d, 0.0);
  for (int k = 0; k < K; ++k) {
    const double r = logr[k] / total;
    const double* uk = &u[std::size_t(k) * d];
    for (int i = 0; i < d; ++i)
      for (int j = 0; j < d; ++j) jac[i * d + j] += r * (uk[i] - score[i]) * (uk[j] - score[j]);
  }
  for (int i = 0; i < d; ++i) {
    jac[i * d + i] += eMean;
    for (int j = 0; j < d; ++j) jac[i * d + j] *= half;
  }
}

}  // namespace

void PfOdeField::atPoints(const FieldInputs& in, ConstPointRef queries, PointRef out) const {
  const GaussianMixture& target = requireMixture(in, queries.cols());
  const double t = m_schedule.diffusionTime(in.time);
  const int d = static_cast<int>(queries.cols());
#pragma omp parallel for schedule(static) if (queries.rows() > 256)
  for (Eigen::Index i = 0; i < queries.rows(); ++i) {
    Eigen::RowVectorXd x = queries.row(i), v(d);
    pfOdeVelocity(target, m_schedule, t, x.data(), d, v.data(), nullptr);
    out.row(i) = v;
  }
}

void PfOdeField::parts(const FieldInputs& in, ConstPointRef queries, PointRef attraction,
                       PointRef repulsion) const {
  const GaussianMixture& target = requireMixture(in, queries.cols());
  const double t = m_schedule.diffusionTime(in.time);
  const int d = static_cast<int>(queries.cols());
  for (Eigen::Index i = 0; i < queries.rows(); ++i) {
    Eigen::RowVectorXd x = queries.row(i), v(d), plus(d), minus(d);
    pfOdeVelocity(target, m_schedule, t, x.data(), d, v.data(), nullptr,
                  {plus.data(), minus.data()});
    attraction.row(i) = plus;
    repulsion.row(i) = minus;
  }
}

void PfOdeField::jacobian(const FieldInputs& in, ConstPointRef queries, bool, PointRef v,
                          PointRef jac) const {
  const GaussianMixture& target = requireMixture(in, queries.cols());
  const double t = m_schedule.diffusionTime(in.time);
  const int d = static_cast<int>(queries.cols());
  for (Eigen::Index i = 0; i < queries.rows(); ++i) {
    Eigen::RowVectorXd x = queries.row(i), vi(d), ji(d * d);
    pfOdeVelocity(target, m_schedule, t, x.data(), d, vi.data(), ji.data());
    v.row(i) = vi;
    jac.row(i) = ji;
  }
}

Vector PfOdeField::selfDivergence(const FieldInputs&, Eigen::Index rows) const {
  return Vector::Zero(rows);
}

std::optional<double> PfOdeField::scheduledStep(double time) const {
  const double t = m_schedule.diffusionTime(time);
  // The next grid point strictly below t (a time reached by summed steps is within rounding
  // of a grid point, which must not count as the next one).
  const double tol = 1e-9 * (m_grid.front() - m_grid.back()) / double(m_grid.size());
  for (double g : m_grid)
    if (g < t - tol) return t - g;
  return 0.0;
}

FlowInfo pfOdeFlowInfo() {
  FlowInfo info{
      "pf-ode",
      "probability-flow ODE of a VP or VE diffusion with the exact score of a Gaussian-mixture "
      "target, from t = T to t_min on its own time grid",
      {ParamSpec::choice("schedule", {"vp", "ve"}, "vp",
                         "vp: linear beta from beta_min to beta_max; ve: geometric sigma from "
                         "sigma_min to sigma_max"),
       ParamSpec::number("T", 1.0, 0.0, 1.0, "diffusion time at the start (the prior)", true),
       ParamSpec::number("t_min", 1e-3, 0.0, 1.0, "diffusion time at the end (< T)", true, true),
       ParamSpec::integer("steps", 100, 1, 100000, "time steps from T to t_min"),
       ParamSpec::choice("time_grid", {"uniform", "log-snr"}, "uniform",
                         "steps uniform in t, or in the log signal-to-noise ratio"),
       ParamSpec::number("beta_min", 0.1, 0.0, 1e3, "VP: beta at t = 0", true, true),
       ParamSpec::number("beta_max", 20.0, 0.0, 1e3, "VP: beta at t = 1", true, true),
       ParamSpec::number("sigma_min", 0.01, 0.0, 1e3, "VE: sigma at t = 0", true, true),
       ParamSpec::number("sigma_max", 10.0, 0.0, 1e3, "VE: sigma at t = 1 (the prior's scale)",
                         true, true),
       bandwidthParam(0.2), bandwidthModeParam(), normalisationParam(true)},
      [](const ParamSet& p) -> std::unique_ptr<DriftField> {
        const double T = p.number("T"), tMin = p.number("t_min");
        if (!(tMin < T))
          throw InputError("flow.t_min",
                           "got " + formatNumber(tMin) + " with T = " + formatNumber(T),
                           "numbers in (0, T)");
        const bool vp = p.choice("schedule") == "vp";
        const double a = vp ? p.number("beta_min") : p.number("sigma_min");
        const double b = vp ? p.number("beta_max") : p.number("sigma_max");
        if (vp ? b < a : !(b > a))
          throw InputError(vp ? "flow.beta_max" : "flow.sigma_max",
                           "got " + formatNumber(b) + " below " + (vp ? "beta_min" : "sigma_min") +
                               " = " + formatNumber(a),
                           vp ? "numbers >= beta_min" : "numbers > sigma_min");
        return std::make_unique<PfOdeField>(
            DiffusionSchedule(vp ? DiffusionKind::kVp : DiffusionKind::kVe, a, b, T), tMin,
            p.integer("steps"), p.choice("time_grid") == "log-snr", p.number("bandwidth"));
      }};
  info.needsMixture = [](const ParamSet&) { return true; };
  info.onSphere = false;  // a Euclidean diffusion: no meaning on S^2
  return info;
}

}  // namespace driftlab
