#include "fields/conservative_field.h"

#include "evaluators/direct_kernel_sums.h"
#include "evaluators/kernel_moments.h"

namespace driftlab {

void ConservativeField::atParticles(const FieldInputs& in, PointRef out) const {
  evaluate(in, in.particles, out, in.kdeSums);
}

void ConservativeField::atPoints(const FieldInputs& in, ConstPointRef queries, PointRef out) const {
  evaluate(in, queries, out, nullptr);
}

void ConservativeField::evaluate(const FieldInputs& in, ConstPointRef queries, PointRef out,
                                 ParticleKdeSums* kde) const {
  const Kernel kernel{KernelKind::kGaussian, m_h};
  KernelSums p, q;
  in.backend.pairSums(kernel, queries, {in.data, in.dataVersion}, {in.particles, 0}, false, p, q);
  const double scale = m_driftUnits ? 1.0 : 1.0 / (m_h * m_h);
  const Eigen::Index n = queries.rows();
#pragma omp parallel for schedule(static)
  for (Eigen::Index i = 0; i < n; ++i) out.row(i) = scale * (p.mean.row(i) - q.mean.row(i));
  if (kde) *kde = {m_h, std::move(p.logSum), std::move(q.logSum)};
}

void ConservativeField::jacobian(const FieldInputs& in, ConstPointRef queries, bool, PointRef v,
                                 PointRef jac) const {
  // v = scale (m_p - m_q), so J = scale (dm_p/dx - dm_q/dx), each a weighted covariance.
  const Kernel kernel{KernelKind::kGaussian, m_h};
  KernelMoments p, q;
  kernelMoments(kernel, queries, in.data, false, MomentForm::kCentred, p);
  kernelMoments(kernel, queries, in.particles, false, MomentForm::kCentred, q);
  const double scale = m_driftUnits ? 1.0 : 1.0 / (m_h * m_h);
  v = scale * (p.mean - q.mean);
  jac = scale * (p.jacobian - q.jacobian);
}

Vector ConservativeField::selfDivergence(const FieldInputs& in, Eigen::Index rows) const {
  // The own centre enters m_q with weight 1/n_i and, at x = x_i, no weight gradient:
  // d m_q / d c_i = I / n_i, so the term is -scale d / n_i = scale Delta K_h(0) / (N q_h(x_i)).
  KernelSums q;
  directKernelSums({KernelKind::kGaussian, m_h}, in.particles.topRows(rows), in.particles, false,
                   q);
  const double scale = m_driftUnits ? 1.0 : 1.0 / (m_h * m_h);
  const double d = static_cast<double>(in.particles.cols());
  return (-scale * d) * (-q.logSum.array()).exp().matrix();
}

FlowInfo conservativeFlowInfo() {
  return {"conservative",
          "KDE-gradient velocity grad log p_h - grad log q_h (a gradient field)",
          {bandwidthParam(0.25), bandwidthModeParam(), driftUnitsParam(false),
           normalisationParam(true)},
          [](const ParamSet& p) -> std::unique_ptr<DriftField> {
            return std::make_unique<ConservativeField>(p.number("bandwidth"),
                                                       p.flag("drift_units"));
          }};
}

}  // namespace driftlab
