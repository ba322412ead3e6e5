// SharpLaplaceField: the gradient of log((p*k#)/(q*k#)), with no circulation.
#include <QtTest>

#include "brute_force.h"
#include "evaluators/direct_kernel_sums.h"
#include "fields/sharp_laplace_field.h"

using namespace driftlab;
using namespace driftlab::test;

namespace {
/// log sum_j k#(|x - c_j|), k#(r) = tau (r + tau) exp(-r / tau), by brute force.
double logSharp(const Eigen::RowVectorXd& x, const PointSet& c, double tau) {
  std::vector<double> logs;
  for (Eigen::Index j = 0; j < c.rows(); ++j) {
    const double r = (x - c.row(j)).norm();
    logs.push_back(std::log(tau * (r + tau)) - r / tau);
  }
  return logSumExp(logs);
}
}  // namespace

class TestSharpLaplaceField : public QObject {
  Q_OBJECT

 private slots:
  // v = grad [log(p * k#) - log(q * k#)] by central differences (relative 1e-6), at probes
  // and at the particles, in 2D and 3D.
  void isTheGradientOfTheSharpLogRatio() {
    for (int d : {2, 3}) {
      const double tau = 0.5;
      const PointSet y = randomPoints(40, d, 1), x = randomPoints(30, d, 2, 1.3);
      PointSet probes(8, d);
      probes.topRows(4) = randomPoints(4, d, 3);
      probes.bottomRows(4) = x.topRows(4);
      DirectBackend backend;
      PointSet v(8, d);
      SharpLaplaceField(tau).atPoints({x, y, 1, backend}, probes, v);
      for (Eigen::Index i = 0; i < probes.rows(); ++i) {
        Eigen::RowVectorXd g(d);
        for (int k = 0; k < d; ++k) {
          Eigen::RowVectorXd a = probes.row(i), b = probes.row(i);
          a[k] += 1e-6;
          b[k] -= 1e-6;
          g[k] = ((logSharp(a, y, tau) - logSharp(a, x, tau)) -
                  (logSharp(b, y, tau) - logSharp(b, x, tau))) /
                 2e-6;
        }
        QVERIFY2((v.row(i) - g).norm() < 1e-6 * std::max(1.0, g.norm()),
                 qPrintable(QString("d=%1 i=%2 err %3").arg(d).arg(i).arg((v.row(i) - g).norm())));
      }
    }
  }

  void sharpSumsMatchBruteForce() {
    const PointSet s = randomPoints(50, 2, 4), q = randomPoints(10, 2, 5, 3.0);
    const Vector got = SharpLaplaceField::logSharpSums(0.3, q, s);
    for (Eigen::Index i = 0; i < q.rows(); ++i)
      QVERIFY(std::abs(got[i] - logSharp(q.row(i), s, 0.3)) < 1e-12 * (1 + std::abs(got[i])));
  }

  void vanishesWhenParticlesEqualData() {
    const PointSet pts = randomPoints(100, 2, 6);
    DirectBackend backend;
    PointSet v(100, 2);
    SharpLaplaceField(0.4).atParticles({pts, pts, 1, backend}, v);
    QVERIFY(v.cwiseAbs().maxCoeff() < 1e-12);
  }
};

QTEST_APPLESS_MAIN(TestSharpLaplaceField)
#include "tst_sharp_laplace_field.moc"
