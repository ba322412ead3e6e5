// Rate sweeps: the log-log fit recovers known slopes; jobs run to stationarity with
// h = c N^(-1/(d+4)); the runner can be cancelled between steps.
#include <omp.h>

#include <QtTest>

#include <random>
#include <thread>

#include "base/input_error.h"
#include "scene/scene_json.h"
#include "sweep/rate_sweep.h"

using namespace driftlab;

namespace {
SweepPoint point(std::int64_t n, double value, std::uint64_t seed = 1) {
  SweepPoint p;
  p.particles = n;
  p.seed = seed;
  p.meanRootResidual = value;
  return p;
}

SweepConfig smallSweep() {
  SweepConfig c;
  c.base.dim = 1;
  c.base.targetName = "gaussian";
  c.base.particles = 60;
  c.base.samples = 60;
  c.base.flowName = "laplace";  // with its own default bandwidth
  validateScene(c.base);
  c.axes.particles = {60, 120, 240};
  c.axes.seeds = 2;
  c.stationarity = {0.05, 1.0, 40.0};
  return c;
}
}  // namespace

class TestRateSweep : public QObject {
  Q_OBJECT

 private slots:
  // These runs are tiny: OpenMP's team would only wait on a loaded machine (19 s vs 1 s).
  void initTestCase() { omp_set_num_threads(1); }

  // r = 3 N^-0.25 exactly: slope -0.25 to 1e-12 and a zero-width interval.
  void exactPowerLawIsRecovered() {
    std::vector<SweepPoint> pts;
    for (std::int64_t n : {100, 200, 400, 800}) pts.push_back(point(n, 3.0 * std::pow(n, -0.25)));
    const SlopeFit fit = fitLogLogSlope(pts, 2);
    QVERIFY(std::abs(fit.slope + 0.25) < 1e-12);
    QVERIFY(std::abs(fit.slopeHigh - fit.slopeLow) < 1e-9);
    QCOMPARE(fit.theory, -1.0 / 6.0);
    QCOMPARE(fit.points, 4);
  }

  // With multiplicative noise the 95% interval covers the true slope in most of 200 trials
  // (expected 95%; asserting >= 85% keeps the test meaningful and stable).
  void intervalCoversTheTrueSlope() {
    std::mt19937_64 gen(5);
    std::normal_distribution<double> noise(0.0, 0.1);
    int covered = 0;
    for (int trial = 0; trial < 200; ++trial) {
      std::vector<SweepPoint> pts;
      for (std::int64_t n : {100, 200, 400, 800, 1600})
        for (int s = 0; s < 3; ++s)
          pts.push_back(point(n, std::pow(double(n), -0.3) * std::exp(noise(gen))));
      const SlopeFit fit = fitLogLogSlope(pts, 2);
      covered += fit.slopeLow <= -0.3 && -0.3 <= fit.slopeHigh;
    }
    qInfo("coverage %d / 200", covered);
    QVERIFY(covered >= 170);
  }

  void studentQuantiles() {
    QCOMPARE(studentT975(1), 12.706);
    QCOMPARE(studentT975(10), 2.228);
    QVERIFY(std::abs(studentT975(1000) - 1.9623) < 1e-3);
  }

  // A tiny real sweep (d = 1, N = 60..240, laplace with the scene's h, whose residual settles
  // on a noisy floor; the conservative flow's keeps falling like 1/t and never passes): one
  // point per job in plan order; a run either met the rule (then its last window is within the
  // tolerance of the half-time window: 1.5 x tolerance allows for the stop landing up to a
  // step after the window end) or ran to the maximum time. Runs are deterministic; 4 of 9
  // pass the rule today, the test asks for 3.
  void runsEveryJobToStationarity() {
    SweepConfig c = smallSweep();
    c.axes.seeds = 3;
    c.stationarity = {0.1, 2.0, 60.0};
    const auto pts = runSweep(c);
    QCOMPARE(pts.size(), size_t(9));
    QCOMPARE(pts[8].particles, std::int64_t(240));
    QCOMPARE(pts[8].seed, std::uint64_t(3));
    QCOMPARE(pts[8].job, 8);
    int converged = 0;
    for (const auto& p : pts) {
      QVERIFY(std::isfinite(p.meanRootResidual) && p.meanRootResidual > 0);
      QVERIFY(std::isfinite(p.halfTimeRootResidual) && p.halfTimeRootResidual > 0);
      QVERIFY(p.stopTime >= 4.0 - 1e-9 && p.stopTime <= 60.0 + 0.1);
      if (p.converged)
        QVERIFY(std::abs(p.meanRootResidual - p.halfTimeRootResidual) <
                1.5 * 0.1 * p.meanRootResidual);
      else
        QVERIFY(p.stopTime >= 60.0 - 1e-9);
      converged += p.converged;
    }
    qInfo("%d of 9 runs stationary", converged);
    QVERIFY(converged >= 3);
  }

  // With a fresh data sample each step (target.resample) the residual has a floor: every job
  // of a small conservative sweep stops as stationary before the maximum time, and the
  // floor falls with N (the sign of the fitted slope; its size is the experiment's question).
  void resampledDataGiveEveryJobAFloor() {
    SweepConfig c = smallSweep();
    c.base = parseScene(R"({"dim": 1, "target": {"name": "gaussian", "samples": 60,
        "resample": true}, "particles": 60, "flow": {"name": "conservative"}})");
    c.bandwidthConstant = 0.8;
    c.axes.particles = {60, 240, 960};
    c.axes.seeds = 2;
    c.stationarity = {0.03, 1.0, 60.0};
    const auto pts = runSweep(c);
    QCOMPARE(pts.size(), size_t(6));
    for (const auto& p : pts) {
      QVERIFY2(p.converged, qPrintable(QString("N=%1 seed=%2 stopped at T=%3")
                                           .arg(p.particles)
                                           .arg(p.seed)
                                           .arg(p.stopTime)));
    }
    const SlopeFit fit = fitLogLogSlope(pts, 1);
    QVERIFY2(fit.slopeHigh < 0.0,
             qPrintable(
                 QString("slope %1 [%2, %3]").arg(fit.slope).arg(fit.slopeLow).arg(fit.slopeHigh)));
  }

  // Cancelling from another thread ends the job within one step: nullopt, promptly.
  void cancelStopsAJob() {
    SweepConfig c = smallSweep();
    c.axes.particles = {2000, 4000};
    c.stationarity = {1e-9, 1.0, 1e6};  // would run for a very long time
    std::atomic<bool> cancel{false};
    std::thread stopper([&] {
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      cancel = true;
    });
    QElapsedTimer t;
    t.start();
    const auto pts = runSweep(c, {}, &cancel);
    stopper.join();
    QVERIFY(pts.empty());
    QVERIFY2(t.elapsed() < 5000, qPrintable(QString::number(t.elapsed())));
    const auto jobs = planSweep(c.base, c.axes);
    QVERIFY(!runSweepJob(c, jobs[0], &cancel).has_value());
  }

  void tooFewPointsAreRejected() {
    SweepConfig c;
    validateScene(c.base);
    c.axes.particles = {100};
    QVERIFY_THROWS_EXCEPTION(InputError, runSweep(c));
    QVERIFY_THROWS_EXCEPTION(InputError, fitLogLogSlope({point(100, 1.0)}, 2));
  }
};

QTEST_APPLESS_MAIN(TestRateSweep)
#include "tst_rate_sweep.moc"
