// The scene key `manifold` (SPEC §2, §7): parsed, validated, written back, and applied live.
#include <QtTest>

#include "base/input_error.h"
#include "engine/simulation.h"
#include "registry/registry.h"
#include "scene/scene_change.h"
#include "scene/scene_json.h"
#include "scene_errors.h"

using namespace driftlab;

namespace {

const char* kSphereScene = R"({"dim": 3, "manifold": "sphere", "target": {"name": "vmf-mixture",
  "samples": 300}, "init": {"name": "sphere", "spread": 45}, "particles": 200,
  "flow": {"name": "laplace", "bandwidth": 0.3}})";

double maxRadiusError(const PointSet& X) {
  return (X.rowwise().norm().array() - 1.0).abs().maxCoeff();
}

}  // namespace

class TestSphereScene : public QObject {
  Q_OBJECT

 private slots:
  // `manifold` defaults to euclidean (not written then), and sphere survives a round trip.
  void manifoldRoundTrips() {
    QCOMPARE(QString::fromStdString(defaultScene().manifold), QString("euclidean"));
    QVERIFY(sceneToJson(defaultScene()).find("manifold") == std::string::npos);
    const SceneConfig s = parseScene(kSphereScene);
    QCOMPARE(QString::fromStdString(s.manifold), QString("sphere"));
    const std::string text = sceneToJson(s);
    QVERIFY(text.find("\"manifold\": \"sphere\"") != std::string::npos);
    QVERIFY(parseScene(text) == s);
    SceneConfig flat = s;
    flat.manifold = "euclidean";
    QCOMPARE(QString::fromStdString(describeSceneChange(flat, s)),
             QString("manifold (none) -> sphere"));
  }

  void badManifold_data() {
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("unknown") << R"({"dim": 3, "manifold": "torus"})"
                             << "manifold:"
                             << "euclidean, sphere";
    QTest::newRow("control characters") << R"({"dim": 3, "manifold": "a\nb"})"
                                        << "manifold: unknown manifold 'a\\nb'"
                                        << "sphere";
    QTest::newRow("not a string") << R"({"dim": 3, "manifold": 3})"
                                  << "manifold:"
                                  << "euclidean, sphere";
    QTest::newRow("dim 2") << R"({"manifold": "sphere"})"
                           << "manifold:"
                           << "dim 3";
    QTest::newRow("sphere cloud in 2D") << R"({"init": {"name": "sphere"}})"
                                        << "init.name:"
                                        << "dim 3";
    QTest::newRow("vmf in 2D") << R"({"target": {"name": "vmf-mixture"}})"
                               << "target.name:"
                               << "3D";
    QTest::newRow("vmf means")
        << R"({"dim": 3, "target": {"name": "vmf-mixture", "means": [1, 0]}})"
        << "target.means:"
        << "3 K numbers";
    QTest::newRow("vmf kappa")
        << R"({"dim": 3, "target": {"name": "vmf-mixture", "kappa": [1, 2]}})"
        << "target.kappa:"
        << "1 or 6";
  }
  // Bad values: one line naming the field and what is allowed.
  void badManifold() { test::verifySceneErrorRow(); }

  // Switching the manifold live resamples the data and restarts the particles on the sphere
  // (a euclidean 3D cloud, projected radially); switching back leaves them free again.
  void manifoldAppliesLive() {
    SceneConfig s = parseScene(kSphereScene);
    s.manifold = "euclidean";
    s.initName = "gaussian";
    s.initParams = {};
    s.targetName = "gmm3d";
    s.targetParams = {};
    validateScene(s);
    Simulation sim(s);
    sim.step();
    QVERIFY(maxRadiusError(sim.particles()) > 0.1);
    s.manifold = "sphere";
    sim.apply(s);
    QCOMPARE(sim.stepIndex(), std::int64_t(0));
    QVERIFY(maxRadiusError(sim.particles()) <= 1e-12);
    QVERIFY(maxRadiusError(sim.data()) <= 1e-12);
    for (int k = 0; k < 5; ++k) sim.step();
    QVERIFY(maxRadiusError(sim.particles()) <= 1e-12);
    PointSet drawn = PointSet::Constant(10, 3, 2.0);
    drawn.row(3).setZero();  // no direction: the fallback, the north pole
    sim.setParticles(drawn);
    QVERIFY(maxRadiusError(sim.particles()) <= 1e-12);
    QCOMPARE(sim.particles()(3, 2), 1.0);
    // A state of the run restored (history, forks) is kept bitwise.
    for (int k = 0; k < 3; ++k) sim.step();
    const PointSet saved = sim.particles();
    sim.restore(saved, sim.stepIndex(), sim.time());
    QVERIFY(sim.particles() == saved);
    s.manifold = "euclidean";
    sim.apply(s);
    QVERIFY(maxRadiusError(sim.data()) > 0.1);
  }
};

QTEST_APPLESS_MAIN(TestSphereScene)
#include "tst_sphere_scene.moc"
