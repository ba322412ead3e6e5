#include "fields/mmd_field.h"

#include <cmath>

#include "evaluators/kernel_moments.h"

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

void MmdField::jacobian(const FieldInputs& in, ConstPointRef queries, bool, PointRef v,
                        PointRef jac) const {
  // Each half is c S (m - x) with S = sum_j k_j: d/dx = c S (B - I), B the displacement form.
  const Kernel kernel{KernelKind::kGaussian, m_h};
  const Eigen::Index d = queries.cols();
  const double logC = gaussianLogNormaliser(static_cast<int>(d), m_h);
  const Eigen::RowVectorXd eye = flatIdentity(d);
  v.setZero();
  jac.setZero();
  auto addHalf = [&](ConstPointRef sources, double sign) {
    if (sources.rows() == 0) return;
    KernelMoments s;
    kernelMoments(kernel, queries, sources, false, MomentForm::kDisplacement, s);
    const double logCount = std::log(double(sources.rows()));
    for (Eigen::Index i = 0; i < queries.rows(); ++i) {
      const double c = sign * std::exp(s.logSum[i] + logC - logCount) / (m_h * m_h);
      v.row(i) += c * (s.mean.row(i) - queries.row(i));
      jac.row(i) += c * (s.jacobian.row(i) - eye);
    }
  };
  addHalf(in.data, 1.0);
  addHalf(in.particles, -1.0);
}

Vector MmdField::selfDivergence(const FieldInputs& in, Eigen::Index rows) const {
  // -(1/N) grad K_h(x - c_i): moving c_i gives +(1/N) Hess K_h(0) = -(K_h(0) / (N h^2)) I.
  const Eigen::Index n = in.particles.rows();
  const int d = static_cast<int>(in.particles.cols());
  const double k0 = std::exp(gaussianLogNormaliser(d, m_h));
  return Vector::Constant(rows, n > 0 ? -d * k0 / (double(n) * m_h * m_h) : 0.0);
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
