// The kl diagnostic: a Monte Carlo estimate of KL(q_h || p_h) checked against grid quadrature,
// against the plug-in it replaced, for determinism, and along a conservative run.
#include <QtTest>

#include "brute_force.h"
#include "diagnostics/diagnostic_context.h"
#include "diagnostics/kl_estimator.h"
#include "engine/simulation.h"
#include "evaluators/direct_kernel_sums.h"
#include "evaluators/fft_backend.h"
#include "registry/registry.h"

using namespace driftlab;

namespace {

/// log of the normalised 2D Gaussian KDE at (a, b), by log-sum-exp (brute force).
double logKde2d(double a, double b, const PointSet& c, double h) {
  double top = -INFINITY;
  std::vector<double> e(c.rows());
  for (Eigen::Index j = 0; j < c.rows(); ++j) {
    e[j] = -((a - c(j, 0)) * (a - c(j, 0)) + (b - c(j, 1)) * (b - c(j, 1))) / (2 * h * h);
    top = std::max(top, e[j]);
  }
  double s = 0;
  for (double v : e) s += std::exp(v - top);
  return top + std::log(s) - std::log(double(c.rows())) - std::log(2 * std::numbers::pi * h * h);
}

/// KL(q_h || p_h) = integral q_h log(q_h / p_h) by the midpoint rule on a grid of spacing
/// h / 10 over the particles' box widened by 7h (q_h's mass outside is below 1e-10).
double klByQuadrature(const PointSet& x, const PointSet& y, double h) {
  const double step = h / 10;
  const Eigen::RowVectorXd lo = x.colwise().minCoeff().array() - 7 * h;
  const Eigen::RowVectorXd hi = x.colwise().maxCoeff().array() + 7 * h;
  const int na = int((hi[0] - lo[0]) / step) + 1, nb = int((hi[1] - lo[1]) / step) + 1;
  std::vector<double> rows(na, 0.0);
#pragma omp parallel for schedule(dynamic)
  for (int ia = 0; ia < na; ++ia) {
    const double a = lo[0] + (ia + 0.5) * step;
    for (int ib = 0; ib < nb; ++ib) {
      const double b = lo[1] + (ib + 0.5) * step;
      const double lq = logKde2d(a, b, x, h), lp = logKde2d(a, b, y, h);
      rows[ia] += std::exp(lq) * (lq - lp) * step * step;
    }
  }
  double total = 0;
  for (double r : rows) total += r;
  return total;
}

double diagnostic(const std::string& id, DiagnosticContext& ctx) {
  return diagnostics().require(id, "diagnostic").compute(ctx);
}

}  // namespace

class TestKlEstimator : public QObject {
  Q_OBJECT

 private slots:
  // The Monte Carlo estimate agrees with quadrature within 3 of its standard errors (2048
  // and 32768 samples); the plug-in is the same average at the particles (1e-12). On the
  // narrow cloud (150 particles, h = 0.2: each particle's own kernel is a large part of
  // q_h there) the plug-in misses the quadrature value by more than 5 standard errors; on the
  // wide one the biases happen to cancel (printed, not checked).
  void agreesWithGridQuadrature_data() {
    QTest::addColumn<double>("h");
    QTest::addColumn<double>("spread");
    QTest::addColumn<bool>("plugInBiased");
    QTest::newRow("h 0.35, wide cloud") << 0.35 << 1.4 << false;
    QTest::newRow("h 0.2, narrow cloud") << 0.2 << 0.6 << true;
  }
  void agreesWithGridQuadrature() {
    QFETCH(double, h);
    QFETCH(double, spread);
    QFETCH(bool, plugInBiased);
    const PointSet x = test::randomPoints(150, 2, 7, spread, 0.3);
    const PointSet y = test::randomPoints(200, 2, 8);
    const double quad = klByQuadrature(x, y, h);
    DirectBackend backend;
    for (int samples : {kKlSamples, 16 * kKlSamples}) {
      const KlEstimate mc = estimateKl(x, y, 1, h, backend, 3, samples);
      qInfo("S = %d: quadrature %.5f, Monte Carlo %.5f +- %.5f (%.2f SE)", samples, quad, mc.value,
            mc.standardError, (mc.value - quad) / mc.standardError);
      QVERIFY(std::abs(mc.value - quad) <= 3 * mc.standardError);
    }
    const PointSet v = PointSet::Zero(x.rows(), 2);
    DiagnosticContext ctx(x, v, y, 1, h, backend, 0.0);
    ctx.setSampling(3, 0);
    const double plugIn = diagnostic("kl_plugin", ctx);
    const KlEstimate atCentres = logRatioMean(x, x, y, 1, h, backend);
    QVERIFY(std::abs(plugIn - atCentres.value) <= 1e-12 * std::max(1.0, std::abs(plugIn)));
    QCOMPARE(diagnostic("kl", ctx), estimateKl(x, y, 1, h, backend, 3).value);
    QCOMPARE(diagnostic("kl_stderr", ctx), estimateKl(x, y, 1, h, backend, 3).standardError);
    const double se = diagnostic("kl_stderr", ctx);
    qInfo("plug-in %.5f: %.1f SE from quadrature", plugIn, (plugIn - quad) / se);
    if (plugInBiased) QVERIFY(std::abs(plugIn - quad) > 5 * se);
  }

  // Same inputs and seed: the same bits. The draws depend on the state only through x_J,
  // so translating the whole problem translates them and leaves the estimate unchanged.
  void deterministicWithCommonRandomNumbers() {
    const double h = 0.3;
    const PointSet x = test::randomPoints(300, 3, 11, 1.2), y = test::randomPoints(250, 3, 12);
    DirectBackend backend;
    const KlEstimate a = estimateKl(x, y, 1, h, backend, 5), b = estimateKl(x, y, 1, h, backend, 5);
    QCOMPARE(a.value, b.value);
    QVERIFY(a.samples == b.samples);
    const Eigen::RowVector3d shift(0.5, -1.0, 2.0);
    const PointSet zx = klSamplePoints(x, h, 5), zs = klSamplePoints(x.rowwise() + shift, h, 5);
    QVERIFY(((zs.rowwise() - shift) - zx).cwiseAbs().maxCoeff() < 1e-13);
    const KlEstimate moved = estimateKl(x.rowwise() + shift, y.rowwise() + shift, 1, h, backend, 5);
    QVERIFY(std::abs(moved.value - a.value) < 1e-9);
    const KlEstimate other = estimateKl(x, y, 1, h, backend, 6);
    QVERIFY(other.value != a.value);
    QVERIFY(std::abs(other.value - a.value) < 5 * (a.standardError + other.standardError));
  }

  // The same draws through the fft backend: at the default start and after 300 steps of the
  // default scene (near equilibrium, kl ~ 0.003) the grid changes kl by less than 0.1
  // standard error (measured: 1e-4 SE and below).
  void fftBackendAgreesWithinNoise() {
    SceneConfig s;
    s.backend = "direct";
    validateScene(s);
    Simulation sim(s);
    for (int stage = 0; stage < 2; ++stage) {
      if (stage == 1)
        for (int k = 0; k < 300; ++k) sim.step();
      DirectBackend direct;
      FftBackend fft;
      const double h = sim.bandwidth();
      const KlEstimate a = estimateKl(sim.particles(), sim.data(), 1, h, direct, s.seed);
      const KlEstimate b = estimateKl(sim.particles(), sim.data(), 1, h, fft, s.seed);
      qInfo("step %lld: kl direct %.6f, fft %.6f, SE %.6f: difference %.3f SE",
            (long long)sim.stepIndex(), a.value, b.value, a.standardError,
            (b.value - a.value) / a.standardError);
      QVERIFY(std::abs(b.value - a.value) < 0.1 * a.standardError);
    }
  }

  // Finite for finite input: a cloud 1000 units from the data, and a single particle.
  void finiteFarAway() {
    const double h = 0.25;
    const PointSet y = test::randomPoints(100, 2, 21);
    DirectBackend backend;
    const KlEstimate far =
        estimateKl(test::randomPoints(50, 2, 22, 1.0, 1000.0), y, 1, h, backend, 1);
    QVERIFY(std::isfinite(far.value) && std::isfinite(far.standardError));
    QVERIFY(far.value > 1e6);  // ~ |1000 sqrt 2|^2 / 2h^2
    const KlEstimate one = estimateKl(test::randomPoints(1, 2, 23), y, 1, h, backend, 1);
    QVERIFY(std::isfinite(one.value) && std::isfinite(one.standardError));
  }

  // Conservative, Euler, eta 2e-3, 200 steps from the default start: kl never rises by more
  // than its stated noise kl_stderr, and every increment is below 3 of its paired standard
  // errors std_s(g_s(t+1) - g_s(t)) / sqrt(S) (the common draws make the increment's noise
  // far smaller than the value's); kl falls by more than 20 of its standard errors overall. The
  // plug-in ends more than 3 standard errors below kl (it goes negative, which KL(q_h || p_h) >= 0
  // never does).
  void nonIncreasingAlongConservativeRun() {
    SceneConfig s;
    s.eta = 2e-3;
    s.backend = "direct";
    validateScene(s);
    Simulation sim(s);
    const double h = sim.bandwidth();
    const auto ids = diagnostics().ids();
    const auto index = [&](const char* id) {
      return std::find(ids.begin(), ids.end(), id) - ids.begin();
    };
    KlEstimate previous = estimateKl(sim.particles(), sim.data(), 0, h, sim.backend(), s.seed);
    const DiagnosticRow first = sim.diagnostics(0);
    QCOMPARE(first.values[index("kl")], previous.value);
    const double start = previous.value, startSe = previous.standardError;
    const double plugInStart = first.values[index("kl_plugin")];
    int rises = 0, plugInRises = 0;
    double worst = -INFINITY, plugIn = plugInStart;
    for (int t = 0; t < 200; ++t) {
      sim.step();
      DiagnosticContext ctx(sim.particles(), sim.velocities(), sim.data(), 0, h, sim.backend(), 0);
      const double plugInNow = diagnostic("kl_plugin", ctx);
      plugInRises += plugInNow > plugIn ? 1 : 0;
      plugIn = plugInNow;
      KlEstimate now = estimateKl(sim.particles(), sim.data(), 0, h, sim.backend(), s.seed);
      const Vector diff = now.samples - previous.samples;
      const double mean = diff.mean();
      const double se =
          std::sqrt((diff.array() - mean).square().sum() / (diff.size() - 1.0) / diff.size());
      QVERIFY(std::abs(mean - (now.value - previous.value)) < 1e-9);
      worst = std::max(worst, mean / se);
      rises += mean > 0 ? 1 : 0;
      QVERIFY(now.value <= previous.value + previous.standardError);  // the stated noise
      QVERIFY2(
          mean <= 3 * se,
          qPrintable(QString("step %1: kl rose by %2, paired SE %3").arg(t + 1).arg(mean).arg(se)));
      previous = std::move(now);
    }
    const DiagnosticRow last = sim.diagnostics(0);
    QCOMPARE(last.values[index("kl")], previous.value);
    qInfo(
        "kl %.4f +- %.4f -> %.4f +- %.4f; %d of 200 increments > 0; largest increment %.2f "
        "paired SE; plug-in %.4f -> %.4f with %d rises",
        start, startSe, previous.value, previous.standardError, rises, worst, plugInStart,
        last.values[index("kl_plugin")], plugInRises);
    QVERIFY(start - previous.value > 20 * (startSe + previous.standardError));
    QVERIFY(last.values[index("kl_plugin")] < previous.value - 3 * previous.standardError);
  }
};

QTEST_APPLESS_MAIN(TestKlEstimator)
#include "tst_kl_estimator.moc"
