// Simulation: determinism, live changes that keep particles, convergence, NaN handling.
#include <omp.h>

#include <QtTest>

#include "base/input_error.h"
#include "base/locality_order.h"
#include "engine/simulation.h"
#include "registry/registry.h"
#include "scene/scene_json.h"
#include "targets/target.h"

using namespace driftlab;

namespace {

SceneConfig scene(const std::string& flow, std::int64_t n, std::int64_t m) {
  SceneConfig s;
  s.flowName = flow;
  s.particles = n;
  s.samples = m;
  validateScene(s);
  return s;
}

int diagnosticIndex(const std::string& id) {
  const auto ids = diagnostics().ids();
  return static_cast<int>(std::find(ids.begin(), ids.end(), id) - ids.begin());
}

}  // namespace

class TestSimulation : public QObject {
  Q_OBJECT

 private slots:
  // Same scene and seed: bitwise identical trajectories; 1 and 2 threads agree to 1e-12.
  void deterministicAcrossRunsAndThreads() {
    const SceneConfig s = scene("laplace", 400, 500);
    auto run = [&](int threads) {
      omp_set_num_threads(threads);
      Simulation sim(s);
      for (int k = 0; k < 15; ++k) sim.step();
      return sim.particles();
    };
    const PointSet a = run(2), b = run(2), c = run(1);
    omp_set_num_threads(2);
    QVERIFY(a == b);
    QVERIFY((a - c).cwiseAbs().maxCoeff() <= 1e-12);
  }

  // Raising N from 500 to 1000 keeps the 500 particles; the new ones are the initial-cloud
  // particles 500..999 of this seed, in locality order. Lowering N keeps an evenly spread
  // subset; raising it again draws unused streams (no particle twice).
  void changingNKeepsParticles() {
    SceneConfig s = scene("conservative", 500, 600);
    Simulation sim(s);
    for (int k = 0; k < 5; ++k) sim.step();
    const PointSet before = sim.particles();
    s.particles = 1000;
    sim.apply(s);
    QCOMPARE(sim.particles().rows(), Eigen::Index(1000));
    QVERIFY(sim.particles().topRows(500) == before);
    QCOMPARE(sim.stepIndex(), std::int64_t(5));
    const auto target = targets().require(s.targetName, "target").make(s.targetParams, s.dim);
    const auto cloud =
        initialClouds().require(s.initName, "init").make(s.initParams, s.dim, *target);
    PointSet expected = sampleCloud(*cloud, s.dim, 500, s.seed, 500);
    sortAlongZCurve(expected);
    QVERIFY(sim.particles().bottomRows(500) == expected);
    const PointSet grown = sim.particles();
    s.particles = 200;
    sim.apply(s);
    for (Eigen::Index j = 0; j < 200; ++j) QVERIFY(sim.particles().row(j) == grown.row(j * 5));
    s.particles = 300;
    sim.apply(s);
    PointSet next = sampleCloud(*cloud, s.dim, 100, s.seed, 1000);
    sortAlongZCurve(next);
    QVERIFY(sim.particles().bottomRows(100) == next);
  }

  // The initial cloud is in locality order: consecutive particles are much closer than
  // random pairs (measured ratio ~0.02 for 4000 particles in 2D; asserted below 0.2).
  void initialCloudIsInLocalityOrder() {
    SceneConfig s = scene("conservative", 4000, 600);
    const Simulation sim(s);
    const PointSet& X = sim.particles();
    double consecutive = 0.0, apart = 0.0;
    for (Eigen::Index i = 0; i + 1 < X.rows(); ++i) {
      consecutive += (X.row(i + 1) - X.row(i)).norm();
      apart += (X.row((i * 7919 + 13) % X.rows()) - X.row(i)).norm();
    }
    QVERIFY2(consecutive < 0.2 * apart, qPrintable(QString::number(consecutive / apart)));
  }

  // Growing M keeps the first data samples; a new target resamples them.
  void changingMKeepsTheFirstSamples() {
    SceneConfig s = scene("conservative", 100, 300);
    Simulation sim(s);
    const PointSet y = sim.data();
    s.samples = 700;
    sim.apply(s);
    QVERIFY(sim.data().topRows(300) == y);
    s.targetName = "moons";
    s.targetParams = {};
    validateScene(s);
    sim.apply(s);
    QVERIFY(sim.data().topRows(300) != y);
  }

  // A bandwidth change applies from the next step and keeps the state.
  void bandwidthChangeKeepsState() {
    SceneConfig s = scene("conservative", 300, 300);
    Simulation sim(s);
    sim.step();
    const PointSet x = sim.particles();
    s.flowParams.set("bandwidth", 0.6);
    sim.apply(s);
    QCOMPARE(sim.bandwidth(), 0.6);
    QVERIFY(sim.particles() == x);
  }

  // bandwidth_mode = median multiplies by the median pairwise data distance.
  void medianBandwidthMode() {
    SceneConfig s = scene("conservative", 50, 400);
    s.flowParams.set("bandwidth", 0.1);
    s.flowParams.set("bandwidth_mode", std::string("median"));
    validateScene(s);
    Simulation sim(s);
    QVERIFY(sim.bandwidth() > 0.1 && sim.bandwidth() < 0.5);  // median distance ~ 2..4
  }

  // effectiveEta is the step that reached the state: 0 at step 0, after reset and for set
  // or restored particles; a live change of h keeps it (and time) until the next step.
  // time is the sum of the steps taken.
  void effectiveEtaFollowsTheState() {
    SceneConfig s = scene("conservative", 300, 300);
    Simulation sim(s);
    QCOMPARE(sim.effectiveEta(), 0.0);
    double time = 0.0;
    for (int k = 0; k < 3; ++k) {
      sim.step();
      QVERIFY(sim.effectiveEta() > 0.0 && sim.effectiveEta() <= s.eta);
      time += sim.effectiveEta();
    }
    QCOMPARE(sim.time(), time);
    const PointSet x = sim.particles();
    const double last = sim.effectiveEta();
    s.flowParams.set("bandwidth", 0.05);
    sim.apply(s);
    QCOMPARE(sim.effectiveEta(), last);
    QCOMPARE(sim.time(), time);
    sim.step();
    // |v| ~ 1/h^2, so the bound 0.5 h / max|v| falls like h^3: ~100x tighter at h / 5.
    QVERIFY(sim.effectiveEta() < last);
    sim.restore(x, 3, time);
    QCOMPARE(sim.effectiveEta(), 0.0);
    sim.reset();
    QCOMPARE(sim.effectiveEta(), 0.0);
    QCOMPARE(sim.time(), 0.0);
  }

  // conservative on 8gaussians, N = 2000: kl falls by at least half in 300 steps.
  void conservativeHalvesKl() {
    Simulation sim(scene("conservative", 2000, 4000));
    const int kl = diagnosticIndex("kl");
    const double start = sim.diagnostics(0).values[kl];
    for (int k = 0; k < 300; ++k) sim.step();
    const double end = sim.diagnostics(0).values[kl];
    qInfo("kl: %.4f -> %.4f", start, end);
    QVERIFY(end <= 0.5 * start);
  }

  // laplace on 8gaussians, N = 2000: residual falls by at least half in 300 steps.
  void laplaceHalvesResidual() {
    Simulation sim(scene("laplace", 2000, 4000));
    const int res = diagnosticIndex("residual");
    const double start = sim.diagnostics(0).values[res];
    for (int k = 0; k < 300; ++k) sim.step();
    const double end = sim.diagnostics(0).values[res];
    qInfo("residual: %.4g -> %.4g", start, end);
    QVERIFY(end <= 0.5 * start);
  }

  // Positions with a NaN are rejected with a message naming the row; nothing changes.
  void nonFiniteStateIsRejected() {
    Simulation sim(scene("conservative", 50, 50));
    const PointSet x = sim.particles();
    PointSet bad = x;
    bad(7, 1) = std::numeric_limits<double>::quiet_NaN();
    try {
      sim.setParticles(bad);
      QFAIL("no error");
    } catch (const InputError& e) {
      QCOMPARE(QString(e.what()),
               QString("particles: row 7 is NaN or infinite; allowed: finite numbers"));
    }
    QVERIFY(sim.particles() == x);
    QVERIFY_THROWS_EXCEPTION(StateError, requireFinite(bad, "particle positions", 3));
    PointSet moved = x.array() + 0.5;
    sim.setParticles(moved);
    QVERIFY(sim.particles() == moved);
  }

  // A change that fails half-way keeps the last good state.
  void failedApplyKeepsLastGoodState() {
    SceneConfig s = scene("conservative", 50, 1);
    Simulation sim(s);
    sim.step();
    const PointSet x = sim.particles();
    SceneConfig bad = s;
    bad.samples = 1;
    bad.flowParams.set("bandwidth_mode", std::string("median"));  // needs >= 2 samples
    bad.particles = 80;
    QVERIFY_THROWS_EXCEPTION(InputError, sim.apply(bad));
    QVERIFY(sim.particles() == x);
    QVERIFY(sim.scene() == s);
  }

  // Every registered flow runs a step on every dimension 1..4 and stays finite.
  void everyFlowRunsInEveryDimension() {
    for (const auto& flow : flows().entries()) {
      for (int d = 1; d <= 4; ++d) {
        SceneConfig s;
        s.dim = d;
        s.targetName = "gaussian";
        s.flowName = flow.id;
        s.particles = 64;
        s.samples = 80;
        validateScene(s);
        Simulation sim(s);
        sim.step();
        QVERIFY2(sim.particles().allFinite() && sim.velocities().allFinite(),
                 qPrintable(QString::fromStdString(flow.id)));
        const DiagnosticRow row = sim.diagnostics(1.0);
        // Every value the row says was computed (due for this step, target and flow).
        for (size_t k = 0; k < row.values.size(); ++k)
          if (row.computed[k])
            QVERIFY2(std::isfinite(row.values[k]), diagnostics().entries()[k].id.c_str());
      }
    }
  }
};

QTEST_APPLESS_MAIN(TestSimulation)
#include "tst_simulation.moc"
