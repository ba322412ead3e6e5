#include "fields/mmd_field.h"

#include <cmath>

namespace driftlab {

void MmdField::atParticles(const FieldInputs& in, PointRef out) const {
  atPoints(in, in.particles, out);
}

void MmdField::atPoints(const FieldInputs& in, ConstPointRef queries, PointRef out) const {
  const Kernel kernel{KernelKind::kGaussian, m_h};
  KernelSums p, q;
  in.backend.pairSums(kernel, queries, {in.data, in.dataVersion}, {in.particles, 0}, false, p, q);
  // grad_x K_h(x - c) = K_h(x - c) (c - x) / h^2 and sum_c K_h (c - x) = S (mean - x).
  const double logC = gaussianLogNormaliser(static_cast<int>(queries.cols()), m_h);
  const double logM = std::log(double(in.data.rows())),
               logN = std::log(double(in.particles.rows()));
  for (Eigen::Index i = 0; i < queries.rows(); ++i) {
    const double wp = std::exp(p.logSum[i] + logC - logM) / (m_h * m_h);
    const double wq = std::exp(q.logSum[i] + logC - logN) / (m_h * m_h);
    out.row(i) = wp * (p.mean.row(i) - queries.row(i)) - wq * (q.mean.row(i) - queries.row(i));
  }
}

FlowInfo mmdFlowInfo() {
  return {"mmd",
          "MMD gradient flow with the Gaussian kernel: grad (p_h - q_h)",
          {bandwidthParam(0.5), bandwidthModeParam(), normalisationParam(true)},
          [](const ParamSet& p) -> std::unique_ptr<DriftField> {
            return std::make_unique<MmdField>(p.number("bandwidth"));
          }};
}

}  // namespace driftlab
