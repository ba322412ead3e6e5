#include "fields/conservative_field.h"

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
