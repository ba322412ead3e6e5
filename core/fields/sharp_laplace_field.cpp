#include "fields/sharp_laplace_field.h"

#include <cmath>
#include <vector>

#include "fields/sharp_kernel_sums.h"

namespace driftlab {

Vector SharpLaplaceField::logSharpSums(double tau, ConstPointRef queries, ConstPointRef sources,
                                       bool excludeSelf) {
  std::vector<Eigen::Index> self;
  if (excludeSelf) {
    self.resize(queries.rows());
    for (Eigen::Index i = 0; i < queries.rows(); ++i) self[i] = i;
  }
  return sharpKernelSums(tau, queries, sources, excludeSelf ? self.data() : nullptr).logSharpSum;
}

void SharpLaplaceField::atParticles(const FieldInputs& in, PointRef out) const {
  atPoints(in, in.particles, out);
}

void SharpLaplaceField::atPoints(const FieldInputs& in, ConstPointRef queries, PointRef out) const {
  const Kernel kernel{KernelKind::kLaplace, m_tau};
  KernelSums p, q;
  in.backend.pairSums(kernel, queries, {in.data, in.dataVersion}, {in.particles, 0}, false, p, q);
  const Vector sharpP = logSharpSums(m_tau, queries, in.data);
  const Vector sharpQ = logSharpSums(m_tau, queries, in.particles);
  for (Eigen::Index i = 0; i < queries.rows(); ++i) {
    // sum k (c - x) = S (mean - x); divide by the sharp sum.
    const double wp = std::exp(p.logSum[i] - sharpP[i]);
    const double wq = std::exp(q.logSum[i] - sharpQ[i]);
    out.row(i) = wp * (p.mean.row(i) - queries.row(i)) - wq * (q.mean.row(i) - queries.row(i));
  }
}

FlowInfo sharpLaplaceFlowInfo() {
  return {"sharp-laplace",
          "conservative companion of laplace: grad log(p * k#) - grad log(q * k#), "
          "k#(r) = tau (r + tau) exp(-r/tau)",
          {bandwidthParam(0.5), bandwidthModeParam(), normalisationParam(true)},
          [](const ParamSet& p) -> std::unique_ptr<DriftField> {
            return std::make_unique<SharpLaplaceField>(p.number("bandwidth"));
          }};
}

}  // namespace driftlab
