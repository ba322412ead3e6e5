// MmdField = grad (p_h - q_h), checked by central finite differences of the KDEs.
#include <QtTest>

#include "brute_force.h"
#include "evaluators/direct_kernel_sums.h"
#include "fields/mmd_field.h"

using namespace driftlab;
using namespace driftlab::test;

class TestMmdField : public QObject {
  Q_OBJECT

 private slots:
  // Relative 1e-6 against central differences (eps 1e-5) of p_h - q_h.
  void matchesFiniteDifferences() {
    for (int d : {1, 2, 3}) {
      const double h = 0.6;
      const PointSet y = randomPoints(50, d, 1), x = randomPoints(40, d, 2, 1.4);
      const PointSet probes = randomPoints(8, d, 3);
      DirectBackend backend;
      PointSet v(8, d);
      MmdField(h).atPoints({x, y, 1, backend}, probes, v);
      for (Eigen::Index i = 0; i < probes.rows(); ++i) {
        Eigen::RowVectorXd g(d);
        for (int k = 0; k < d; ++k) {
          Eigen::RowVectorXd a = probes.row(i), b = probes.row(i);
          a[k] += 1e-5;
          b[k] -= 1e-5;
          auto f = [&](const Eigen::RowVectorXd& z) {
            return std::exp(logKde(z, y, h)) - std::exp(logKde(z, x, h));
          };
          g[k] = (f(a) - f(b)) / 2e-5;
        }
        QVERIFY2((v.row(i) - g).norm() < 1e-6 * std::max(1e-3, g.norm()),
                 qPrintable(QString("d=%1 i=%2: %3").arg(d).arg(i).arg((v.row(i) - g).norm())));
      }
    }
  }

  // At the particles the self kernel contributes no gradient: atParticles = atPoints(X).
  void particlesAreOrdinaryPoints() {
    const PointSet y = randomPoints(30, 2, 4), x = randomPoints(20, 2, 5);
    DirectBackend backend;
    PointSet a(20, 2), b(20, 2);
    MmdField f(0.5);
    f.atParticles({x, y, 1, backend}, a);
    f.atPoints({x, y, 1, backend}, x, b);
    QVERIFY(a == b);
  }
};

QTEST_APPLESS_MAIN(TestMmdField)
#include "tst_mmd_field.moc"
