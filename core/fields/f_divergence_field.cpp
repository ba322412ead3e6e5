#include "fields/f_divergence_field.h"

#include <algorithm>
#include <cmath>

#include "base/input_error.h"

namespace driftlab {

double FDivergenceField::weight(double logRatio) const {
  const double lr = std::clamp(logRatio, -30.0, 30.0);
  return m_weights[0] + m_weights[1] * std::exp(-lr) + 2.0 * m_weights[2] * std::exp(lr) +
         2.0 * m_weights[3] * std::exp(-2.0 * lr);
}

bool FDivergenceField::conservative() const {
  // Only the constant weight keeps v a gradient of log(p_h / q_h).
  return m_weights[1] == 0 && m_weights[2] == 0 && m_weights[3] == 0;
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
          "KDE gradient flow of a weighted sum of f-divergences: v = w(q_h/p_h) (s_p - s_q)",
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
