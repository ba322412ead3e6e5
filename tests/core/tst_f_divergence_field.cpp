// FDivergenceField: v = w(q_h/p_h)(s_p - s_q) for each divergence and for mixtures.
#include <QtTest>

#include "base/input_error.h"
#include "brute_force.h"
#include "engine/simulation.h"
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

  // The weights are computed in log space with log r clamped to [-30, 30]: finite and
  // positive for any log r (+-inf, +-1e300, NaN = both KDEs underflowed), equal to the closed
  // form inside the clamp (relative 1e-14) and to its value at the clamp outside it.
  void weightsFiniteAtAnyRatio() {
    const FDivergenceField f(0.3, {0.5, 0.7, 0.3, 0.2});
    const auto closed = [](double lr) {
      return 0.5 + 0.7 * std::exp(-lr) + 0.6 * std::exp(lr) + 0.4 * std::exp(-2 * lr);
    };
    for (double lr : {-29.0, -3.0, 0.0, 0.4, 12.0, 30.0})
      QVERIFY(std::abs(f.weight(lr) - closed(lr)) <= 1e-14 * closed(lr));
    QCOMPARE(f.weight(1e300), f.weight(30.0));
    QCOMPARE(f.weight(INFINITY), f.weight(30.0));
    QCOMPARE(f.weight(-INFINITY), f.weight(-30.0));
    QCOMPARE(f.weight(NAN), f.weight(0.0));
    QVERIFY(std::isfinite(f.weight(-1e300)) && f.weight(-1e300) > 0);
    QCOMPARE(FDivergenceField(0.3, {0, 0, 1, 0}).weight(-INFINITY), 2 * std::exp(-30.0));
  }

  // chi2(q||p) from the default start (N(0, I) on 8gaussians, where r = q_h/p_h reaches the
  // clamp e^30): the field and every diagnostic stay finite for 20 steps when each step moves
  // no particle by more than h/4 (the step-size control of the simulation; plain Euler at
  // eta 0.05 throws particles 1e11 away, beyond what the kernel sums resolve). Direct
  // backend, N = M = 1000.
  void chi2FiniteFromTheDefaultStart() {
    SceneConfig s;
    s.flowName = "f-divergence";
    s.flowParams.set("kl_qp", 0.0);
    s.flowParams.set("chi2_qp", 1.0);
    s.backend = "direct";
    s.particles = 1000;
    s.samples = 1000;
    validateScene(s);
    Simulation sim(s);
    const double h = sim.bandwidth();
    for (int k = 0; k < 20; ++k) {
      const PointSet& v = sim.velocities();
      QVERIFY2(v.allFinite(), qPrintable(QString("step %1").arg(k)));
      const DiagnosticRow row = sim.diagnostics(0);
      const auto& entries = diagnostics().entries();
      for (size_t j = 0; j < entries.size(); ++j)
        if (row.computed[j]) QVERIFY2(std::isfinite(row.values[j]), entries[j].id.c_str());
      const double maxSpeed = v.rowwise().norm().maxCoeff();
      sim.setParticles(sim.particles() + std::min(s.eta, 0.25 * h / maxSpeed) * v);
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
