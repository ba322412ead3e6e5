#include "fields/tangent_field.h"

#include "geometry/sphere_manifold.h"

namespace driftlab {

void TangentField::atParticles(const FieldInputs& in, PointRef out) const {
  m_inner->atParticles(in, out);
  projectToTangent(in.particles, out, out);
}

void TangentField::atPoints(const FieldInputs& in, ConstPointRef queries, PointRef out) const {
  m_inner->atPoints(in, queries, out);
  projectToTangent(queries, out, out);
}

void TangentField::jacobian(const FieldInputs& in, ConstPointRef queries, bool atParticles,
                            PointRef v, PointRef jac) const {
  m_inner->jacobian(in, queries, atParticles, v, jac);
  constexpr int d = 3;
  for (Eigen::Index i = 0; i < queries.rows(); ++i) {
    const Eigen::Vector3d x = queries.row(i).transpose();
    const Eigen::Vector3d vi = v.row(i).transpose();
    Eigen::Matrix3d J;
    for (int a = 0; a < d; ++a)
      for (int b = 0; b < d; ++b) J(a, b) = jac(i, a * d + b);
    const double xv = x.dot(vi);
    const Eigen::Matrix3d P = Eigen::Matrix3d::Identity() - x * x.transpose();
    const Eigen::Matrix3d Ju = P * J - xv * Eigen::Matrix3d::Identity() - x * vi.transpose();
    for (int a = 0; a < d; ++a)
      for (int b = 0; b < d; ++b) jac(i, a * d + b) = Ju(a, b);
    v.row(i) = (vi - x * xv).transpose();
  }
}

Vector TangentField::selfDivergence(const FieldInputs& in, Eigen::Index rows) const {
  return (2.0 / 3.0) * m_inner->selfDivergence(in, rows);
}

void TangentField::retract(PointRef X) const {
  retractToSphere(X);
}

}  // namespace driftlab
