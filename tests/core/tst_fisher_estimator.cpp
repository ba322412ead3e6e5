// The fisher diagnostic: Monte Carlo and grid quadrature of integral q_h |s_p - s_q|^2 against
// a closed form, against each other within their stated errors, under scaling, and for the
// common random numbers it shares with kl.
#include <QtTest>

#include "brute_force.h"
#include "diagnostics/diagnostic_context.h"
#include "diagnostics/fisher_estimator.h"
#include "evaluators/direct_kernel_sums.h"
#include "registry/registry.h"

using namespace driftlab;
using namespace driftlab::test;

namespace {

/// All rows equal to `at`: the KDE of such a cloud is the single Gaussian N(at, h^2 I).
PointSet pointCloud(int n, const Eigen::RowVectorXd& at) {
  return at.replicate(n, 1);
}

}  // namespace

class TestFisherEstimator : public QObject {
  Q_OBJECT

 private slots:
  // p_h = N(mu_p, h^2 I), q_h = N(mu_q, h^2 I): s_p - s_q = (mu_p - mu_q) / h^2 everywhere,
  // so F = |mu_p - mu_q|^2 / h^4 (the MC draws all give it: standard error 0).
  void closedFormForSingleGaussians() {
    DirectBackend backend;
    for (int d = 1; d <= 3; ++d) {
      const double h = 0.4;
      Eigen::RowVectorXd mp = Eigen::RowVectorXd::LinSpaced(d, 0.3, 1.1), mq(d);
      mq.setConstant(-0.2);
      const PointSet x = pointCloud(20, mq), y = pointCloud(30, mp);
      const double exact = (mp - mq).squaredNorm() / std::pow(h, 4);
      const FisherEstimate mc = estimateFisher(x, y, 1, h, backend, 9);
      QVERIFY(std::abs(mc.value - exact) <= 1e-12 * exact);
      QVERIFY(mc.standardError <= 1e-12 * exact);
      const FisherQuadrature quad = fisherByQuadrature(x, y, h, backend);
      QVERIFY2(
          std::abs(quad.value - exact) <= 1e-10 * exact,
          qPrintable(QString("d=%1 quadrature %2 exact %3").arg(d).arg(quad.value).arg(exact)));
    }
  }

  void zeroWhenParticlesEqualData() {
    DirectBackend backend;
    for (int d = 1; d <= 3; ++d) {
      const PointSet x = randomPoints(80, d, 3 + d);
      QVERIFY(estimateFisher(x, x, 1, 0.3, backend, 4).value <= 1e-20);
      QVERIFY(fisherByQuadrature(x, x, 0.5, backend).value <= 1e-20);
    }
  }

  // |MC - quadrature| <= 4 x MC standard error + the quadrature's error estimate, at the
  // diagnostic's S = 2048 and at S = 65536, in 2D and 3D; the quadrature's own error
  // estimate (spacing h/4 vs h/2) bounds its distance to a grid of spacing h/8 (2D).
  void monteCarloAgreesWithQuadrature() {
    DirectBackend backend;
    for (int d : {2, 3}) {
      const double h = d == 2 ? 0.4 : 0.5;
      const PointSet y = randomPoints(150, d, 20 + d, 1.0, 0.5);
      const PointSet x = randomPoints(100, d, 30 + d, 0.7);
      const FisherQuadrature quad = fisherByQuadrature(x, y, h, backend, d == 2 ? 0.25 : 0.3);
      for (int samples : {kFisherSamples, 65536}) {
        const FisherEstimate mc = estimateFisher(x, y, 1, h, backend, 11, samples);
        const double gap = std::abs(mc.value - quad.value);
        qInfo(
            "d=%d S=%d: MC %.6g +- %.3g, quadrature %.8g +- %.2g (%lld points), |gap| = %.3g "
            "= %.2f SE",
            d, samples, mc.value, mc.standardError, quad.value, quad.errorEstimate,
            static_cast<long long>(quad.points), gap, gap / mc.standardError);
        QVERIFY(gap <= 4.0 * mc.standardError + quad.errorEstimate);
      }
      if (d == 2) {
        const FisherQuadrature fine = fisherByQuadrature(x, y, h, backend, 0.125);
        qInfo("2D quadrature spacing h/8: %.12g, |diff to h/4| = %.3g, stated error %.3g",
              fine.value, std::abs(fine.value - quad.value), quad.errorEstimate);
        QVERIFY(std::abs(fine.value - quad.value) <= quad.errorEstimate + 1e-12 * quad.value);
        QVERIFY(quad.errorEstimate < 1e-3 * quad.value);
      }
    }
  }

  // Over 24 seeds the MC mean sits within 4 standard errors of the mean of the quadrature:
  // unbiased, not just close at one seed.
  void monteCarloIsUnbiased() {
    DirectBackend backend;
    const double h = 0.35;
    const PointSet y = randomPoints(120, 2, 41, 1.2), x = randomPoints(90, 2, 42, 0.6, 0.3);
    const double exact = fisherByQuadrature(x, y, h, backend, 0.2).value;
    const int seeds = 24;
    double sum = 0.0, sum2 = 0.0;
    for (int s = 0; s < seeds; ++s) {
      const double v = estimateFisher(x, y, 1, h, backend, 100 + s, 512).value;
      sum += v;
      sum2 += v * v;
    }
    const double mean = sum / seeds, sd = std::sqrt((sum2 - seeds * mean * mean) / (seeds - 1));
    QVERIFY(std::abs(mean - exact) <= 4.0 * sd / std::sqrt(double(seeds)));
  }

  // x, y, h scaled by a: the draws scale with them (same seed), scores by 1/a, so F by 1/a^2.
  void scalesAsInverseSquare() {
    DirectBackend backend;
    const PointSet y = randomPoints(60, 3, 5), x = randomPoints(50, 3, 6, 0.5);
    const double a = 2.5;
    const FisherEstimate f = estimateFisher(x, y, 1, 0.3, backend, 3);
    const PointSet ax = a * x, ay = a * y;
    const FisherEstimate g = estimateFisher(ax, ay, 1, a * 0.3, backend, 3);
    QVERIFY(std::abs(g.value - f.value / (a * a)) <= 1e-12 * f.value);
  }

  // The registry's fisher / fisher_stderr are estimateFisher on the context's seed, the same
  // at every step (common random numbers), and differ from another seed.
  void diagnosticUsesCommonRandomNumbers() {
    DirectBackend backend;
    const PointSet y = randomPoints(70, 2, 7), x = randomPoints(40, 2, 8, 0.5);
    const PointSet v = PointSet::Zero(x.rows(), 2);
    auto at = [&](std::uint64_t seed, std::int64_t step) {
      DiagnosticContext c(x, v, y, 1, 0.3, backend, 0.0);
      c.setSampling(seed, step);
      return std::pair{diagnostics().require("fisher", "d").compute(c),
                       diagnostics().require("fisher_stderr", "d").compute(c)};
    };
    const FisherEstimate ref = estimateFisher(x, y, 1, 0.3, backend, 5);
    QCOMPARE(at(5, 0).first, ref.value);
    QCOMPARE(at(5, 0).second, ref.standardError);
    QCOMPARE(at(5, 17).first, ref.value);
    QVERIFY(at(6, 0).first != ref.value);
  }
};

QTEST_APPLESS_MAIN(TestFisherEstimator)
#include "tst_fisher_estimator.moc"
