// DriftField::conservative() for every flow of the registry and every option that changes
// the field, against the asymmetry of a finite-difference Jacobian of atPoints, and for the
// leave-one-out rules, against the gradient of an explicit potential at the particles.
#include <QtTest>

#include "brute_force.h"
#include "evaluators/direct_kernel_sums.h"
#include "fields/drift_field.h"
#include "flow_variants.h"
#include "registry/registry.h"

using namespace driftlab;
using namespace driftlab::test;

namespace {

/// ||J - J^T||_F / ||J||_F of the central-difference Jacobian of atPoints at `x` (step eps).
double jacobianAsymmetry(const DriftField& f, const FieldInputs& in, Eigen::RowVectorXd x,
                         double eps) {
  const Eigen::Index d = x.size();
  PointSet probes(2 * d, d), v(2 * d, d);
  for (Eigen::Index l = 0; l < d; ++l) {
    probes.row(2 * l) = x;
    probes.row(2 * l + 1) = x;
    probes(2 * l, l) += eps;
    probes(2 * l + 1, l) -= eps;
  }
  f.atPoints(in, probes, v);
  Eigen::MatrixXd J(d, d);
  for (Eigen::Index l = 0; l < d; ++l)
    J.col(l) = (v.row(2 * l) - v.row(2 * l + 1)).transpose() / (2 * eps);
  return (J - J.transpose()).norm() / J.norm();
}

/// k#: grad_x k#(|x - c|) = k(x, c)(c - x). Gaussian h^2 exp(-r^2/2h^2); Laplace
/// tau (r + tau) exp(-r/tau).
double sharpKernel(bool gaussian, double s, double r) {
  return gaussian ? s * s * std::exp(-r * r / (2 * s * s)) : s * (r + s) * std::exp(-r / s);
}

}  // namespace

class TestDriftField : public QObject {
  Q_OBJECT

 private slots:
  // At 12 probes in 2D and 3D: a flow that says it is conservative has a symmetric Jacobian
  // (asymmetry <= 1e-6, the finite-difference error at eps = 1e-5); one that says it is not
  // has asymmetry >= 1e-3 at some probe, or (Gaussian separate, leave-one-out) a field at the
  // particles that differs from atPoints by the self term (relative >= 1e-6), while atPoints
  // alone is the gradient h^2 (s_p - s_q).
  void conservativeMatchesJacobianSymmetry_data() {
    QTest::addColumn<int>("dim");
    QTest::newRow("2d") << 2;
    QTest::newRow("3d") << 3;
  }
  void conservativeMatchesJacobianSymmetry() {
    QFETCH(int, dim);
    const PointSet y = randomPoints(40, dim, 61, 1.0), x = randomPoints(30, dim, 62, 0.8, 0.4);
    const PointSet probes = randomPoints(12, dim, 63, 0.7, 0.2);
    DirectBackend backend;
    const FieldInputs base{x, y, 5, backend};
    for (const FlowVariant& c : allFlowVariants()) {
      const auto f = makeFlow(c.flowId(), c.params);
      const auto target = variantTarget(c.flowId(), c.params, dim);
      FieldInputs in = base;
      in.target = target.get();
      double worst = 0.0;
      for (Eigen::Index i = 0; i < probes.rows(); ++i)
        worst = std::max(worst, jacobianAsymmetry(*f, in, probes.row(i), 1e-5));
      PointSet atParticles(x.rows(), dim), atPoints(x.rows(), dim);
      f->atParticles(in, atParticles);
      f->atPoints(in, x, atPoints);
      const double selfTerm = maxRelativeError(atParticles, atPoints);
      qInfo("%-42s conservative() %d: Jacobian asymmetry %.2e, particles vs points %.1e",
            c.name.c_str(), int(f->conservative()), worst, selfTerm);
      if (f->conservative()) {
        QVERIFY2(worst <= 1e-6, c.name.c_str());
      } else {
        const bool leaveOneOut = c.name.find("leave-one-out") != std::string::npos;
        QVERIFY2(worst >= 1e-3 || (leaveOneOut && selfTerm >= 1e-6), c.name.c_str());
      }
    }
  }

  // A conservative flow's velocities at the particles are the gradient of one potential:
  // atPoints at the particles (include_self, and every flow without a self rule), or for
  // `none` with leave-one-out, phi = (1/M) sum k#(. - y_j) - (1/(N-1)) sum_k k#(. - x_k),
  // checked by central differences of phi (relative 1e-6).
  void conservativeParticleVelocitiesShareOnePotential() {
    const int dim = 2;
    const PointSet y = randomPoints(40, dim, 71), x = randomPoints(30, dim, 72, 0.8, 0.4);
    DirectBackend backend;
    const FieldInputs base{x, y, 5, backend};
    for (const FlowVariant& c : allFlowVariants()) {
      const auto f = makeFlow(c.flowId(), c.params);
      const auto target = variantTarget(c.flowId(), c.params, dim);
      FieldInputs in = base;
      in.target = target.get();
      if (!f->conservative()) continue;
      PointSet atParticles(x.rows(), dim), atPoints(x.rows(), dim);
      f->atParticles(in, atParticles);
      f->atPoints(in, x, atPoints);
      const bool looNone = c.name.find("none leave-one-out") != std::string::npos;
      if (!looNone) {
        QVERIFY2(maxRelativeError(atParticles, atPoints) < 1e-12, c.name.c_str());
        continue;
      }
      const bool gaussian = c.name.rfind("gaussian", 0) == 0;
      const double s = f->bandwidth();
      auto phi = [&](const Eigen::RowVectorXd& z) {
        double v = 0.0;
        for (Eigen::Index j = 0; j < y.rows(); ++j)
          v += sharpKernel(gaussian, s, (z - y.row(j)).norm()) / double(y.rows());
        for (Eigen::Index k = 0; k < x.rows(); ++k)
          v -= sharpKernel(gaussian, s, (z - x.row(k)).norm()) / double(x.rows() - 1);
        return v;
      };
      PointSet grad(x.rows(), dim);
      const double eps = 1e-5;
      for (Eigen::Index i = 0; i < x.rows(); ++i)
        for (int l = 0; l < dim; ++l) {
          Eigen::RowVectorXd a = x.row(i), b = x.row(i);
          a[l] += eps;
          b[l] -= eps;
          grad(i, l) = (phi(a) - phi(b)) / (2 * eps);
        }
      qInfo("%s: particles vs grad phi %.2e", c.name.c_str(), maxRelativeError(atParticles, grad));
      QVERIFY2(maxRelativeError(atParticles, grad) < 1e-6, c.name.c_str());
    }
  }
};

QTEST_APPLESS_MAIN(TestDriftField)
#include "tst_drift_field.moc"
