#include "diagnostics/field_diagnostics.h"

#include <cmath>
#include <limits>

#include "diagnostics/diagnostic_context.h"
#include "evaluators/direct_kernel_sums.h"
#include "fields/tangent_field.h"

namespace driftlab {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// Both cost a direct O(N (M + N) d^2) pass (the Jacobians, shared through the context).
constexpr int kFieldDiagnosticEvery = 10;

}  // namespace

Vector steinIntegrand(const FieldJacobians& j, ConstPointRef queries, ConstPointRef data,
                      double h) {
  const Eigen::Index n = queries.rows(), d = queries.cols();
  Vector out = Vector::Zero(n);
  if (n == 0) return out;
  KernelSums p;
  directKernelSums({KernelKind::kGaussian, h}, queries, data, false, p);
  for (Eigen::Index i = 0; i < n; ++i) {
    double trace = 0.0;
    for (Eigen::Index k = 0; k < d; ++k) trace += j.jacobian(i, k * d + k);
    // No data: p_h = 0 has no score; only the divergence remains.
    const double flux =
        data.rows() > 0 ? (p.mean.row(i) - queries.row(i)).dot(j.velocity.row(i)) / (h * h) : 0.0;
    out[i] = flux + trace;
  }
  return out;
}

double steinDrift(const ParticleJacobianSample& sample, ConstPointRef data, double h) {
  const Eigen::Index n = sample.points.rows();
  if (n == 0) return 0.0;
  const Vector integrand = steinIntegrand(sample.jacobians, sample.points, data, h);
  return (integrand + sample.selfDivergence).sum() / double(n);
}

double nonconservativeIndex(const ParticleJacobianSample& sample, bool onSphere) {
  const Eigen::Index n = sample.points.rows();
  if (n == 0) return 0.0;
  double sum = 0.0;
  if (!onSphere) {
    for (Eigen::Index i = 0; i < n; ++i) sum += asymmetryRatio(sample.jacobians, i);
    return sum / double(n);
  }
  // On the sphere the covariant derivative of a tangent field u is P (du/dx) P: for u the
  // projected gradient of f it is the Riemannian Hessian P H P - (x . grad f) P, symmetric.
  FieldJacobians tangential{sample.jacobians.velocity, sample.jacobians.jacobian};
  for (Eigen::Index i = 0; i < n; ++i) {
    const Eigen::Vector3d x = sample.points.row(i).transpose();
    const Eigen::Matrix3d P = Eigen::Matrix3d::Identity() - x * x.transpose();
    const Eigen::Matrix3d J = P * sample.jacobians.at(i) * P;
    for (int a = 0; a < 3; ++a)
      for (int b = 0; b < 3; ++b) tangential.jacobian(i, a * 3 + b) = J(a, b);
    sum += asymmetryRatio(tangential, i);
  }
  return sum / double(n);
}

DiagnosticInfo nonconservativeDiagnosticInfo() {
  return {"nonconservative",
          "non-conservativeness: particle mean (over <= 1024 evenly strided particles) of "
          "||J - J^T||_F / ||J||_F, J the velocity "
          "Jacobian in closed form (<= 1e-10 for gradient flows, > 0 for laplace); on the "
          "sphere of the tangential part P J P",
          /*logAxis=*/true, kFieldDiagnosticEvery, [](DiagnosticContext& c) {
            if (!c.field()) return kNaN;
            return nonconservativeIndex(c.particleJacobians(), isSphereField(*c.field()));
          }};
}

DiagnosticInfo steinDiagnosticInfo() {
  DiagnosticInfo info{
      "stein",
      "empirical Stein drift (1/N) sum_i [s_p . v + div v](x_i) (over <= 1024 evenly "
      "strided particles), div v with the particle's "
      "own kernel centre moving with it (d/dt KL = -N E[stein] for the joint law)",
      false, kFieldDiagnosticEvery, [](DiagnosticContext& c) {
        if (!c.field()) return kNaN;
        return steinDrift(c.particleJacobians(), c.data(), c.field()->bandwidth());
      }};
  // The identity behind it is R^d's; on the sphere it needs the surface divergence and the
  // score of a density on S^2: not computed there.
  info.forField = [](const DriftField& f) { return !isSphereField(f); };
  return info;
}

}  // namespace driftlab
