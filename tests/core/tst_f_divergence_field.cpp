// FDivergenceField: v = w(q_h/p_h)(s_p - s_q) for each divergence and for mixtures.
#include <QtTest>

#include "base/input_error.h"
#include "brute_force.h"
#include "evaluators/direct_kernel_sums.h"
#include "fields/conservative_field.h"
#include "fields/f_divergence_field.h"
#include "registry/registry.h"

using namespace driftlab;
using namespace driftlab::test;

class TestFDivergenceField : public QObject {
  Q_OBJECT

 private slots:
  // Weights (1, 0, 0, 0) reproduce the conservative field exactly.
  void klQpIsTheConservativeFlow() {
    const PointSet y = randomPoints(60, 2, 1), x = randomPoints(50, 2, 2, 1.3);
    DirectBackend backend;
    PointSet a(50, 2), b(50, 2);
    FDivergenceField({0.4}, {1, 0, 0, 0}).atParticles({x, y, 1, backend}, a);
    ConservativeField(0.4, false).atParticles({x, y, 1, backend}, b);
    QVERIFY(maxRelativeError(a, b) < 1e-14);
  }

  // Each weight and a mixture against brute force: w(r) from brute-force KDEs times the
  // finite-difference gradient of log(p_h / q_h) (relative 1e-5).
  void weightsMatchBruteForce_data() {
    QTest::addColumn<double>("klqp");
    QTest::addColumn<double>("klpq");
    QTest::addColumn<double>("chiqp");
    QTest::addColumn<double>("chipq");
    QTest::newRow("KL(p||q)") << 0.0 << 1.0 << 0.0 << 0.0;
    QTest::newRow("chi2(q||p)") << 0.0 << 0.0 << 1.0 << 0.0;
    QTest::newRow("chi2(p||q)") << 0.0 << 0.0 << 0.0 << 1.0;
    QTest::newRow("mixed") << 0.0 << 0.7 << 0.3 << 0.0;
  }
  void weightsMatchBruteForce() {
    QFETCH(double, klqp);
    QFETCH(double, klpq);
    QFETCH(double, chiqp);
    QFETCH(double, chipq);
    const double h = 0.5;
    const PointSet y = randomPoints(40, 2, 3), x = randomPoints(30, 2, 4, 1.2, 0.3);
    const PointSet probes = randomPoints(6, 2, 5, 0.8);
    DirectBackend backend;
    PointSet v(6, 2);
    FDivergenceField({h}, {klqp, klpq, chiqp, chipq}).atPoints({x, y, 1, backend}, probes, v);
    for (Eigen::Index i = 0; i < probes.rows(); ++i) {
      const double r = std::exp(logKde(probes.row(i), x, h) - logKde(probes.row(i), y, h));
      const double w = klqp + klpq / r + 2 * chiqp * r + 2 * chipq / (r * r);
      const Eigen::RowVectorXd expected = w * fdGradientLogRatio(probes.row(i), y, x, h, 1e-5);
      QVERIFY2((v.row(i) - expected).norm() < 1e-5 * std::max(1.0, expected.norm()),
               qPrintable(QString("probe %1").arg(i)));
    }
  }

  void allZeroWeightsAreRejected() {
    const auto& info = flows().require("f-divergence", "flow.name");
    ParamSet p;
    p.set("kl_qp", 0.0);
    QVERIFY_THROWS_EXCEPTION(InputError, info.make(validateParams(info.params, p, "flow")));
  }
};

QTEST_APPLESS_MAIN(TestFDivergenceField)
#include "tst_f_divergence_field.moc"
