#include "geometry/sphere_manifold.h"

#include <Eigen/Geometry>
#include <algorithm>
#include <cmath>

namespace driftlab {

namespace {

constexpr double kSphereBound = 1.2;

void retractRow(double* x) {
  const double n = std::sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2]);
  if (!(n > 0.0) || !std::isfinite(n)) {
    for (int k = 0; k < 3; ++k) x[k] = kSphereFallback[k];
    return;
  }
  for (int k = 0; k < 3; ++k) x[k] /= n;
}

class SphereProjectedTarget final : public Target {
 public:
  explicit SphereProjectedTarget(std::unique_ptr<Target> inner) : m_inner(std::move(inner)) {}
  int dim() const override { return 3; }
  void sampleOne(RandomStream& rng, double* out) const override {
    m_inner->sampleOne(rng, out);
    retractRow(out);
  }
  Bounds bounds() const override {
    return {std::vector<double>(3, -kSphereBound), std::vector<double>(3, kSphereBound)};
  }

 private:
  std::unique_ptr<Target> m_inner;
};

}  // namespace

void retractToSphere(PointRef X, double keepWithin) {
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    if (keepWithin > 0.0 && std::abs(X.row(i).norm() - 1.0) <= keepWithin) continue;
    double x[3] = {X(i, 0), X(i, 1), X(i, 2)};
    retractRow(x);
    for (int k = 0; k < 3; ++k) X(i, k) = x[k];
  }
}

void projectToTangent(ConstPointRef X, ConstPointRef V, PointRef U) {
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    const double xv = X(i, 0) * V(i, 0) + X(i, 1) * V(i, 1) + X(i, 2) * V(i, 2);
    for (int k = 0; k < 3; ++k) U(i, k) = V(i, k) - X(i, k) * xv;
  }
}

void pointAbout(const double mu[3], double w, double phi, double* out) {
  const Eigen::Vector3d m(mu[0], mu[1], mu[2]);
  // e1: the axis least aligned with mu, made orthogonal to it.
  Eigen::Index axis = 0;
  m.cwiseAbs().minCoeff(&axis);
  Eigen::Vector3d e1 = Eigen::Vector3d::Unit(axis) - m[axis] * m;
  e1.normalize();
  const Eigen::Vector3d e2 = m.cross(e1);
  w = std::clamp(w, -1.0, 1.0);
  const double r = std::sqrt(std::max(0.0, 1.0 - w * w));
  const Eigen::Vector3d x = w * m + r * (std::cos(phi) * e1 + std::sin(phi) * e2);
  for (int k = 0; k < 3; ++k) out[k] = x[k];
}

std::unique_ptr<Target> onSphere(std::unique_ptr<Target> target) {
  return std::make_unique<SphereProjectedTarget>(std::move(target));
}

}  // namespace driftlab
