// "Resample data each step" (target.resample, SPEC §2): every step sees a fresh sample of p,
// the sample of step k is a function of (seed, k), and every way back to a state (step
// history, a rejected step) gives that state its own sample again.
#include <QtTest>

#include "base/input_error.h"
#include "engine/simulation.h"
#include "scene/scene_json.h"
#include "targets/target.h"

using namespace driftlab;

namespace {

SceneConfig scene(bool resample) {
  SceneConfig s = parseScene(R"({"dim": 2, "target": {"name": "8gaussians", "samples": 300},
      "particles": 200, "flow": {"name": "conservative", "bandwidth": 0.3},
      "integrator": {"eta": 0.05}, "backend": "direct", "seed": 7})");
  s.resampleData = resample;
  return s;
}

}  // namespace

class TestDataResampling : public QObject {
  Q_OBJECT

 private slots:
  void sceneKeyRoundTrips() {
    const SceneConfig s = parseScene(R"({"target": {"name": "moons", "resample": true}})");
    QVERIFY(s.resampleData);
    QVERIFY(parseScene(sceneToJson(s)).resampleData);
    QVERIFY(!parseScene(R"({"target": {"name": "moons"}})").resampleData);
    try {
      parseScene(R"({"target": {"name": "moons", "resample": 1}})");
      QFAIL("a number was accepted for target.resample");
    } catch (const InputError& e) {
      QVERIFY(std::string(e.what()).find("target.resample") != std::string::npos);
    }
  }

  // Without the key the data never change; with it, step k holds the target's epoch-k sample.
  void eachStepDrawsTheSampleOfItsStep() {
    Simulation fixed(scene(false)), fresh(scene(true));
    const PointSet y0 = fixed.data();
    QCOMPARE(fresh.data(), y0);  // step 0: the same sample in both
    for (int k = 1; k <= 3; ++k) {
      fixed.step();
      fresh.step();
      QCOMPARE(fixed.data(), y0);
      QCOMPARE(fresh.data(), sampleTarget(fresh.target(), 300, 7, k));
      QVERIFY((fresh.data() - y0).norm() > 1.0);
    }
  }

  // The velocity of a state is evaluated on that state's data, not on the previous sample.
  void velocitiesUseTheCurrentSample() {
    Simulation a(scene(true));
    a.step();
    Simulation b(scene(false));
    b.restore(a.particles(), 0, 0.0);
    const PointSet onOld = b.velocities();  // same positions, the epoch-0 data
    const PointSet onNew = a.velocities();
    QVERIFY((onNew - onOld).norm() > 1e-3 * onOld.norm());
    Simulation c(scene(true));
    c.restore(a.particles(), 1, a.time());  // restored to step 1: the epoch-1 data again
    QCOMPARE(c.data(), a.data());
    QVERIFY((c.velocities() - onNew).norm() <= 1e-12 * onNew.norm());
  }

  // Two runs with one seed are identical; the flow settles to a noise floor instead of 0.
  void runsAreReproducibleAndReachAFloor() {
    Simulation a(scene(true)), b(scene(true));
    for (int k = 0; k < 200; ++k) a.step(), b.step();
    QCOMPARE(a.particles(), b.particles());
    Simulation still(scene(false));
    for (int k = 0; k < 200; ++k) still.step();
    const auto meanSq = [](const PointSet& v) { return v.rowwise().squaredNorm().mean(); };
    QVERIFY2(meanSq(a.velocities()) > 10.0 * meanSq(still.velocities()),
             qPrintable(QString("resampled %1, fixed %2")
                            .arg(meanSq(a.velocities()))
                            .arg(meanSq(still.velocities()))));
  }
};

QTEST_APPLESS_MAIN(TestDataResampling)
#include "tst_data_resampling.moc"
