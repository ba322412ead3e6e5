#include "fields/sharp_laplace_field.h"

#include <cmath>
#include <vector>

#include "fields/sharp_kernel_sums.h"

#include "evaluators/kernel_moments.h"

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

void SharpLaplaceField::jacobian(const FieldInputs& in, ConstPointRef queries, bool, PointRef v,
                                 PointRef jac) const {
  // Each half is u = S (m - x) / S# = grad log S# (S = sum k, S# = sum k#), so
  // du/dx = (S / S#) (B - I) - u u^T: symmetric, since B = sum w (s - x)(s - x)^T / (tau r).
  const Kernel kernel{KernelKind::kLaplace, m_tau};
  const Eigen::Index d = queries.cols();
  const Eigen::RowVectorXd eye = flatIdentity(d);
  v.setZero();
  jac.setZero();
  auto addHalf = [&](ConstPointRef sources, double sign) {
    KernelMoments s;
    kernelMoments(kernel, queries, sources, false, MomentForm::kDisplacement, s);
    const Vector sharp = logSharpSums(m_tau, queries, sources);
    for (Eigen::Index i = 0; i < queries.rows(); ++i) {
      if (s.logSum[i] == -std::numeric_limits<double>::infinity()) continue;
      const double c = std::exp(s.logSum[i] - sharp[i]);
      const Eigen::RowVectorXd u = c * (s.mean.row(i) - queries.row(i));
      v.row(i) += sign * u;
      for (Eigen::Index a = 0; a < d; ++a)
        for (Eigen::Index b = 0; b < d; ++b)
          jac(i, a * d + b) +=
              sign * (c * (s.jacobian(i, a * d + b) - eye[a * d + b]) - u[a] * u[b]);
    }
  };
  addHalf(in.data, 1.0);
  addHalf(in.particles, -1.0);
}

Vector SharpLaplaceField::selfDivergence(const FieldInputs& in, Eigen::Index rows) const {
  // -k(x, c_i)(c_i - x) / S#_q: moving c_i gives -I / S#_q at x = c_i (S#_q's own term
  // k#(|x - c_i|) has zero gradient there).
  const double d = static_cast<double>(in.particles.cols());
  return -d *
         (-logSharpSums(m_tau, in.particles.topRows(rows), in.particles).array()).exp().matrix();
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
