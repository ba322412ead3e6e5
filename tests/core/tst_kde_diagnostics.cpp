// KDE diagnostics against brute force, and the sums shared by the field give the same values.
#include <QtTest>

#include "brute_force.h"
#include "diagnostics/diagnostic_context.h"
#include "engine/simulation.h"
#include "evaluators/direct_kernel_sums.h"
#include "registry/registry.h"

using namespace driftlab;

namespace {
double value(const std::string& id, DiagnosticContext& ctx) {
  return diagnostics().require(id, "diagnostic").compute(ctx);
}
}  // namespace

class TestKdeDiagnostics : public QObject {
  Q_OBJECT

 private slots:
  // entropy, cross_entropy, kl, self_interaction by brute force (relative 1e-12).
  void matchBruteForce() {
    const double h = 0.4;
    const PointSet x = test::randomPoints(120, 2, 1, 1.3), y = test::randomPoints(150, 2, 2);
    const PointSet v = test::randomPoints(120, 2, 3);
    DirectBackend backend;
    DiagnosticContext ctx(x, v, y, 1, h, backend, 0.0);
    double entropy = 0, cross = 0, selfTerm = 0;
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
      entropy -= test::logKde(x.row(i), x, h) / 120.0;
      cross -= test::logKde(x.row(i), y, h) / 120.0;
      double n = 0;
      for (Eigen::Index k = 0; k < x.rows(); ++k)
        n += std::exp(-(x.row(i) - x.row(k)).squaredNorm() / (2 * h * h));
      selfTerm += 2.0 / (h * h) / n / 120.0;
    }
    QVERIFY(std::abs(value("entropy", ctx) - entropy) < 1e-12 * std::abs(entropy));
    QVERIFY(std::abs(value("cross_entropy", ctx) - cross) < 1e-12 * std::abs(cross));
    QVERIFY(std::abs(value("kl_plugin", ctx) - (cross - entropy)) < 1e-11);
    QVERIFY(std::abs(value("self_interaction", ctx) - selfTerm) < 1e-12 * selfTerm);
    const double res = v.rowwise().squaredNorm().mean();
    QVERIFY(std::abs(value("residual", ctx) - res) < 1e-12 * res);
    QVERIFY(std::abs(value("root_residual", ctx) - std::sqrt(res)) < 1e-12);
    const double centre = v.colwise().mean().squaredNorm();
    QVERIFY(std::abs(value("center", ctx) - centre) < 1e-12 * (1 + centre));
  }

  // The sums a field hands over (conservative; Gaussian mean shift with leave-one-out, where
  // the self term is added back) give the same diagnostics as summing afresh.
  void sharedSumsGiveTheSameValues() {
    for (const char* flow : {"conservative", "gaussian-meanshift", "laplace"}) {
      SceneConfig s;
      s.flowName = flow;
      s.particles = 400;
      s.samples = 500;
      validateScene(s);
      Simulation sim(s);
      sim.step();
      const DiagnosticRow shared = sim.diagnostics(0.0);
      DiagnosticContext fresh(sim.particles(), sim.velocities(), sim.data(), 0, sim.bandwidth(),
                              sim.backend(), 0.0, &sim.target());
      fresh.setSampling(s.seed, sim.stepIndex());
      fresh.setEffectiveEta(sim.effectiveEta());
      fresh.setField(&sim.field());
      const auto& entries = diagnostics().entries();
      for (size_t k = 0; k < entries.size(); ++k) {
        if (!shared.computed[k]) continue;  // not due this step, or not for this flow
        const double a = shared.values[k], b = entries[k].compute(fresh);
        QVERIFY2(
            std::abs(a - b) <= 1e-12 * std::max(1.0, std::abs(b)),
            qPrintable(
                QString("%1 %2: %3 vs %4").arg(flow).arg(entries[k].id.c_str()).arg(a).arg(b)));
      }
    }
  }
};

QTEST_APPLESS_MAIN(TestKdeDiagnostics)
#include "tst_kde_diagnostics.moc"
