#include "fields/f_divergence_field.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "base/input_error.h"
#include "evaluators/direct_kernel_sums.h"
#include "evaluators/kernel_moments.h"

namespace driftlab {

double FDivergenceField::weight(double logRatio) const {
  // NaN only when q_h and p_h both underflow at a query (never at a particle, whose own
  // kernel keeps q_h > 0): no information about r, so r = 1.
  const double lr = std::isnan(logRatio) ? 0.0 : std::clamp(logRatio, -kMaxLogRatio, kMaxLogRatio);
  // w = sum_k c_k r^e_k by log-sum-exp of log c_k + e_k log r: no term overflows or
  // becomes 0 * inf; the result is at most 2 sum_k weights e^(2 kMaxLogRatio).
  const double coef[4] = {m_weights[0], m_weights[1], 2.0 * m_weights[2], 2.0 * m_weights[3]};
  const double power[4] = {0.0, -1.0, 1.0, -2.0};
  double logs[4], top = -std::numeric_limits<double>::infinity();
  for (int k = 0; k < 4; ++k) {
    logs[k] = coef[k] > 0.0 ? std::log(coef[k]) + power[k] * lr
                            : -std::numeric_limits<double>::infinity();
    top = std::max(top, logs[k]);
  }
  if (top == -std::numeric_limits<double>::infinity()) return 0.0;
  double sum = 0.0;
  for (double l : logs) sum += std::exp(l - top);
  return std::exp(top) * sum;
}

double FDivergenceField::weightDerivative(double logRatio) const {
  if (std::isnan(logRatio) || std::abs(logRatio) > kMaxLogRatio) return 0.0;
  // dw/du = sum_k c_k e_k exp(e_k u): signed terms, each finite inside the clamp.
  const double coef[4] = {m_weights[0], m_weights[1], 2.0 * m_weights[2], 2.0 * m_weights[3]};
  const double power[4] = {0.0, -1.0, 1.0, -2.0};
  double sum = 0.0;
  for (int k = 0; k < 4; ++k)
    if (coef[k] > 0.0 && power[k] != 0.0) sum += coef[k] * power[k] * std::exp(power[k] * logRatio);
  return sum;
}

void FDivergenceField::jacobian(const FieldInputs& in, ConstPointRef queries, bool, PointRef v,
                                PointRef jac) const {
  // v = (w(u) / h^2)(m_p - m_q), u = log r: J = (w / h^2)(A_p - A_q) + (w' / h^2)(m_p - m_q)
  // grad u^T with grad u = grad log q_h - grad log p_h (symmetric: grad u = (m_q - m_p)/h^2).
  const Kernel kernel{KernelKind::kGaussian, m_h};
  KernelMoments p, q;
  kernelMoments(kernel, queries, in.data, false, MomentForm::kCentred, p);
  kernelMoments(kernel, queries, in.particles, false, MomentForm::kCentred, q);
  const double logCounts = std::log(double(in.data.rows())) - std::log(double(in.particles.rows()));
  const Eigen::Index d = queries.cols();
  const double h2 = m_h * m_h;
  for (Eigen::Index i = 0; i < queries.rows(); ++i) {
    const double u = q.logSum[i] - p.logSum[i] + logCounts;
    const double w = weight(u), dw = weightDerivative(u);
    const Eigen::RowVectorXd dm = p.mean.row(i) - q.mean.row(i);
    const Eigen::RowVectorXd gradU = q.gradLog.row(i) - p.gradLog.row(i);
    v.row(i) = (w / h2) * dm;
    for (Eigen::Index a = 0; a < d; ++a)
      for (Eigen::Index b = 0; b < d; ++b)
        jac(i, a * d + b) =
            (w * (p.jacobian(i, a * d + b) - q.jacobian(i, a * d + b)) + dw * dm[a] * gradU[b]) /
            h2;
  }
}

Vector FDivergenceField::selfDivergence(const FieldInputs& in, Eigen::Index rows) const {
  // The own centre enters m_q with weight 1/n_i and moves neither m_q's weights nor u at
  // x = c_i (zero score there): -(w / h^2) d / n_i.
  KernelSums p, q;
  const Kernel kernel{KernelKind::kGaussian, m_h};
  directKernelSums(kernel, in.particles.topRows(rows), in.data, false, p);
  directKernelSums(kernel, in.particles.topRows(rows), in.particles, false, q);
  const double logCounts = std::log(double(in.data.rows())) - std::log(double(in.particles.rows()));
  const double d = static_cast<double>(in.particles.cols());
  Vector out(rows);
  for (Eigen::Index i = 0; i < out.size(); ++i)
    out[i] =
        -weight(q.logSum[i] - p.logSum[i] + logCounts) * d * std::exp(-q.logSum[i]) / (m_h * m_h);
  return out;
}

bool FDivergenceField::conservative() const {
  // w depends on x only through u = log r, so v = -w(u) grad u = -grad F(u) with F' = w
  // (the clamp of u keeps F a function of u): a gradient for every choice of weights.
  return true;
}

void FDivergenceField::atParticles(const FieldInputs& in, PointRef out) const {
  evaluate(in, in.particles, out, in.kdeSums);
}

void FDivergenceField::atPoints(const FieldInputs& in, ConstPointRef queries, PointRef out) const {
  evaluate(in, queries, out, nullptr);
}

void FDivergenceField::evaluate(const FieldInputs& in, ConstPointRef queries, PointRef out,
                                ParticleKdeSums* kde) const {
  const Kernel kernel{KernelKind::kGaussian, m_h};
  KernelSums p, q;
  in.backend.pairSums(kernel, queries, {in.data, in.dataVersion}, {in.particles, 0}, false, p, q);
  // log r = log q_h - log p_h; the Gaussian normaliser cancels, the counts do not.
  const double logCounts = std::log(double(in.data.rows())) - std::log(double(in.particles.rows()));
  for (Eigen::Index i = 0; i < queries.rows(); ++i) {
    const double w = weight(q.logSum[i] - p.logSum[i] + logCounts);
    out.row(i) = (w / (m_h * m_h)) * (p.mean.row(i) - q.mean.row(i));
  }
  if (kde) *kde = {m_h, std::move(p.logSum), std::move(q.logSum)};
}

FlowInfo fDivergenceFlowInfo() {
  auto w = [](const char* key, double def, const char* help) {
    return ParamSpec::number(key, def, 0.0, 1e3, help);
  };
  return {"f-divergence",
          "KDE gradient flow of a weighted sum of f-divergences: v = w(r) (s_p - s_q), r = "
          "q_h/p_h; log r is clamped to [-30, 30] in w (w at most 2e26 x the weights), and r = "
          "1 where both KDEs underflow",
          {bandwidthParam(0.25), bandwidthModeParam(), normalisationParam(true),
           w("kl_qp", 1.0, "weight of KL(q||p): w = 1 (the conservative flow)"),
           w("kl_pq", 0.0, "weight of KL(p||q): w = 1/r, pulls particles into empty modes"),
           w("chi2_qp", 0.0, "weight of chi2(q||p): w = 2r, spreads crowded particles"),
           w("chi2_pq", 0.0, "weight of chi2(p||q): w = 2/r^2")},
          [](const ParamSet& p) -> std::unique_ptr<DriftField> {
            const std::array<double, 4> weights{p.number("kl_qp"), p.number("kl_pq"),
                                                p.number("chi2_qp"), p.number("chi2_pq")};
            if (weights[0] + weights[1] + weights[2] + weights[3] <= 0.0)
              throw InputError("flow.kl_qp", "all divergence weights are 0",
                               "at least one positive weight");
            return std::make_unique<FDivergenceField>(p.number("bandwidth"), weights);
          }};
}

}  // namespace driftlab
