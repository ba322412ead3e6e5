#include "fields/mean_shift_field.h"

#include <cmath>

#include "evaluators/kernel_moments.h"
#include "fields/joint_normalisation.h"

namespace driftlab {

bool MeanShiftField::conservative() const {
  switch (m_norm) {
    case MeanShiftNormalisation::kNone:
      // k(x, c)(c - x) = grad_x k#(|x - c|) (k# = h^2 k for the Gaussian, the sharp kernel for
      // Laplace): V = grad((1/M) sum k#(. - y) - (1/N') sum k#(. - x_k)). The self term is
      // 0 at x_i, so leaving it out only rescales the particle sum (N' = N - 1): still a
      // gradient, for both kernels.
      return true;
    case MeanShiftNormalisation::kSeparate:
      // Gaussian: h^2 (s_p - s_q); leave-one-out gives each particle its own q_h. Laplace:
      // the softmax normalisation by sum k instead of sum k# leaves curl.
      return m_kernel.kind == KernelKind::kGaussian && m_includeSelf;
    case MeanShiftNormalisation::kJoint:
      return false;  // the row and column normalisers leave curl for both kernels
  }
  return false;
}

void MeanShiftField::atParticles(const FieldInputs& in, PointRef out) const {
  evaluate(in, in.particles, true, out, in.kdeSums);
}

void MeanShiftField::atPoints(const FieldInputs& in, ConstPointRef queries, PointRef out) const {
  evaluate(in, queries, false, out, nullptr);
}

void MeanShiftField::evaluate(const FieldInputs& in, ConstPointRef queries, bool atParticles,
                              PointRef out, ParticleKdeSums* kde) const {
  const bool excludeSelf = atParticles && !m_includeSelf;
  if (m_norm == MeanShiftNormalisation::kJoint) {
    jointNormalisedDrift(m_kernel, queries, in.data, in.particles, !m_includeSelf, atParticles,
                         out);
    return;
  }
  KernelSums p, q;
  in.backend.pairSums(m_kernel, queries, {in.data, in.dataVersion}, {in.particles, 0}, excludeSelf,
                      p, q);
  if (kde && m_kernel.kind == KernelKind::kGaussian) {
    // The self term of an unnormalised Gaussian sum is exactly exp(0) = 1.
    Vector withSelf = q.logSum;
    if (excludeSelf)
      for (Eigen::Index i = 0; i < withSelf.size(); ++i)
        withSelf[i] = withSelf[i] > 0 ? withSelf[i] + std::log1p(std::exp(-withSelf[i]))
                                      : std::log1p(std::exp(withSelf[i]));
    *kde = {m_kernel.scale, p.logSum, std::move(withSelf)};
  }

  if (m_norm == MeanShiftNormalisation::kSeparate) {
    out = p.mean - q.mean;  // (m_p - x) - (m_q - x)
    return;
  }
  // none: (1/M) sum_j k (y_j - x) - (1/N') sum_i k (x_i - x), N' the particles used.
  const double m = static_cast<double>(in.data.rows());
  const double n = static_cast<double>(in.particles.rows() - (excludeSelf ? 1 : 0));
  for (Eigen::Index i = 0; i < queries.rows(); ++i) {
    const double wp = m > 0 ? std::exp(p.logSum[i]) / m : 0.0;
    const double wq = n > 0 ? std::exp(q.logSum[i]) / n : 0.0;
    out.row(i) = wp * (p.mean.row(i) - queries.row(i)) - wq * (q.mean.row(i) - queries.row(i));
  }
}

void MeanShiftField::jacobian(const FieldInputs& in, ConstPointRef queries, bool atParticles,
                              PointRef v, PointRef jac) const {
  const bool excludeSelf = atParticles && !m_includeSelf;
  if (m_norm == MeanShiftNormalisation::kJoint) {
    jointNormalisedJacobian(m_kernel, queries, in.data, in.particles, !m_includeSelf, atParticles,
                            v, jac);
    return;
  }
  KernelMoments p, q;
  if (m_norm == MeanShiftNormalisation::kSeparate) {
    // v = m_p - m_q: J = dm_p/dx - dm_q/dx (weighted covariances with the scores g_j).
    kernelMoments(m_kernel, queries, in.data, false, MomentForm::kCentred, p);
    kernelMoments(m_kernel, queries, in.particles, excludeSelf, MomentForm::kCentred, q);
    v = p.mean - q.mean;
    jac = p.jacobian - q.jacobian;
    return;
  }
  // none: each half is S (m - x) / count with S = sum k: d/dx = S (B - I) / count.
  kernelMoments(m_kernel, queries, in.data, false, MomentForm::kDisplacement, p);
  kernelMoments(m_kernel, queries, in.particles, excludeSelf, MomentForm::kDisplacement, q);
  const double m = static_cast<double>(in.data.rows());
  const double n = static_cast<double>(in.particles.rows() - (excludeSelf ? 1 : 0));
  const Eigen::RowVectorXd eye = flatIdentity(queries.cols());
  for (Eigen::Index i = 0; i < queries.rows(); ++i) {
    const double wp = m > 0 ? std::exp(p.logSum[i]) / m : 0.0;
    const double wq = n > 0 ? std::exp(q.logSum[i]) / n : 0.0;
    v.row(i) = wp * (p.mean.row(i) - queries.row(i)) - wq * (q.mean.row(i) - queries.row(i));
    jac.row(i) = wp * (p.jacobian.row(i) - eye) - wq * (q.jacobian.row(i) - eye);
  }
}

Vector MeanShiftField::selfDivergence(const FieldInputs& in, Eigen::Index rows) const {
  const Eigen::Index n = in.particles.rows();
  const double d = static_cast<double>(in.particles.cols());
  if (m_norm == MeanShiftNormalisation::kJoint)
    return jointNormalisedSelfDivergence(m_kernel, in.data, in.particles, !m_includeSelf, rows);
  // Left out of its own sum, the particle is no kernel centre of its own velocity.
  if (!m_includeSelf || n == 0) return Vector::Zero(rows);
  if (m_norm == MeanShiftNormalisation::kNone) {
    // -(1/N) k(x, c_i)(c_i - x): moving c_i gives -(1/N) I at x = c_i.
    return Vector::Constant(rows, -d / double(n));
  }
  // separate: the own centre enters m_q with weight k(0) / sum k and, at x = c_i, no weight
  // gradient (g = 0 there for both kernels): -d / sum_k k(x_i, x_k).
  KernelMoments q;
  kernelMoments(m_kernel, in.particles.topRows(rows), in.particles, false, MomentForm::kFirstOrder,
                q);
  return -d * (-q.logSum.array()).exp().matrix();
}

namespace {
MeanShiftNormalisation parseNormalisation(const std::string& s) {
  if (s == "joint") return MeanShiftNormalisation::kJoint;
  if (s == "none") return MeanShiftNormalisation::kNone;
  return MeanShiftNormalisation::kSeparate;
}

std::vector<ParamSpec> meanShiftParams(double bandwidth) {
  return {bandwidthParam(bandwidth), bandwidthModeParam(), normalisationParam(false),
          ParamSpec::flag("include_self", false,
                          "count the particle itself in V- (default: leave it out)")};
}

FlowInfo meanShiftInfo(std::string id, std::string description, KernelKind kind, double bw) {
  return {std::move(id), std::move(description), meanShiftParams(bw),
          [kind](const ParamSet& p) -> std::unique_ptr<DriftField> {
            return std::make_unique<MeanShiftField>(Kernel{kind, p.number("bandwidth")},
                                                    parseNormalisation(p.choice("normalisation")),
                                                    p.flag("include_self"));
          }};
}
}  // namespace

FlowInfo laplaceFlowInfo() {
  return meanShiftInfo("laplace",
                       "displacement field V+ - V- with the Laplace kernel exp(-|x-y|/tau) "
                       "(the original drifting field; not a gradient)",
                       KernelKind::kLaplace, 0.5);
}

FlowInfo gaussianMeanShiftFlowInfo() {
  return meanShiftInfo("gaussian-meanshift",
                       "displacement field V+ - V- with the Gaussian kernel "
                       "(= h^2 (s_p - s_q) up to the leave-one-out term)",
                       KernelKind::kGaussian, 0.25);
}

}  // namespace driftlab
