#include "fields/field_jacobian.h"

#include <algorithm>
#include <cmath>

namespace driftlab {

namespace {

FieldJacobians evaluate(const DriftField& field, const FieldInputs& in, ConstPointRef queries,
                        bool atParticles) {
  const Eigen::Index n = queries.rows(), d = queries.cols();
  FieldJacobians out;
  out.velocity.setZero(n, d);
  out.jacobian.setZero(n, d * d);
  if (n > 0) field.jacobian(in, queries, atParticles, out.velocity, out.jacobian);
  return out;
}

}  // namespace

Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>
FieldJacobians::at(Eigen::Index i) const {
  const Eigen::Index d = velocity.cols();
  return {jacobian.row(i).data(), d, d};
}

FieldJacobians jacobiansAtPoints(const DriftField& field, const FieldInputs& in,
                                 ConstPointRef queries) {
  return evaluate(field, in, queries, false);
}

FieldJacobians jacobiansAtParticles(const DriftField& field, const FieldInputs& in) {
  return evaluate(field, in, in.particles, true);
}

ParticleJacobianSample sampleParticleJacobians(const DriftField& field, const FieldInputs& in,
                                               Eigen::Index maxRows) {
  const Eigen::Index n = in.particles.rows(), k = std::min(n, std::max<Eigen::Index>(1, maxRows));
  ParticleJacobianSample out;
  if (n == 0) {
    out.points.resize(0, in.particles.cols());
    out.jacobians = evaluate(field, in, out.points, true);
    return out;
  }
  out.rows.resize(k);
  for (Eigen::Index r = 0; r < k; ++r) out.rows[r] = r * n / k;
  if (k == n) {
    out.points = in.particles;
    out.jacobians = evaluate(field, in, in.particles, true);
    out.selfDivergence = field.selfDivergence(in, n);
    return out;
  }
  // The sample first, then the other particles: query r is particle r of the permuted set,
  // which is what the leave-one-out rules of atParticles assume.
  PointSet permuted(n, in.particles.cols());
  std::vector<char> sampled(n, 0);
  for (Eigen::Index r = 0; r < k; ++r) {
    permuted.row(r) = in.particles.row(out.rows[r]);
    sampled[out.rows[r]] = 1;
  }
  Eigen::Index next = k;
  for (Eigen::Index i = 0; i < n; ++i)
    if (!sampled[i]) permuted.row(next++) = in.particles.row(i);
  const FieldInputs shuffled = in.withParticles(permuted);
  out.points = permuted.topRows(k);
  out.jacobians = evaluate(field, shuffled, out.points, true);
  out.selfDivergence = field.selfDivergence(shuffled, k);
  return out;
}

double scalarCurl(const FieldJacobians& j, Eigen::Index i) {
  if (j.velocity.cols() != 2) return 0.0;
  return j.jacobian(i, 2) - j.jacobian(i, 1);  // J_10 - J_01
}

double curlNorm(const FieldJacobians& j, Eigen::Index i) {
  const Eigen::Index d = j.velocity.cols();
  const auto J = j.at(i);
  if (d == 2) return std::abs(J(1, 0) - J(0, 1));
  if (d == 3)
    return Eigen::Vector3d(J(2, 1) - J(1, 2), J(0, 2) - J(2, 0), J(1, 0) - J(0, 1)).norm();
  return (J - J.transpose()).norm() / std::sqrt(2.0);
}

double asymmetryRatio(const FieldJacobians& j, Eigen::Index i) {
  const auto J = j.at(i);
  // Scaled by the largest entry first, so that neither norm overflows nor underflows.
  const double top = J.cwiseAbs().maxCoeff();
  if (!(top > 0.0)) return 0.0;
  const auto S = J / top;
  return (S - S.transpose()).norm() / S.norm();
}

}  // namespace driftlab
