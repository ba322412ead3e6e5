// The one-mode initial cloud (issue 18): particles start in the chosen mixture component (or
// at the densest point of other targets).
#include <QtTest>
#include <cmath>

#include "scene_errors.h"

#include "registry/registry.h"
#include "scene/scene_json.h"
#include "targets/gaussian_mixture.h"
#include "targets/target.h"

using namespace driftlab;

namespace {

struct Built {
  std::unique_ptr<Target> target;
  std::unique_ptr<InitialCloud> cloud;
  SceneConfig scene;
};

Built build(const std::string& json) {
  Built b;
  b.scene = parseScene(json);
  b.target = targets().require(b.scene.targetName, "").make(b.scene.targetParams, b.scene.dim);
  b.cloud = initialClouds()
                .require(b.scene.initName, "")
                .make(b.scene.initParams, b.scene.dim, *b.target);
  return b;
}

}  // namespace

class TestOneModeCloud : public QObject {
  Q_OBJECT

 private slots:
  // The sample mean is within 4 standard errors (scale sigma_k / sqrt(n)) of mu_k in each
  // coordinate, and the spread is scale sigma_k within 3%.
  void startsInTheChosenComponent_data() {
    QTest::addColumn<QString>("json");
    QTest::newRow("8gaussians mode 3") << R"({"target": {"name": "8gaussians"},
        "init": {"name": "one-mode", "mode": 3}})";
    QTest::newRow("25gaussians mode 24 scale 2") << R"({"target": {"name": "25gaussians"},
        "init": {"name": "one-mode", "mode": 24, "scale": 2}})";
    QTest::newRow("gmm3d mode 5") << R"({"dim": 3, "target": {"name": "gmm3d"},
        "init": {"name": "one-mode", "mode": 5, "scale": 0.5}})";
  }
  void startsInTheChosenComponent() {
    QFETCH(QString, json);
    const Built b = build(json.toStdString());
    const GaussianMixture* mix = b.target->mixture();
    QVERIFY(mix);
    const int k = b.scene.initParams.integer("mode");
    const double sigma = b.scene.initParams.number("scale") * mix->sigma(k);
    constexpr Eigen::Index kN = 20000;
    const PointSet x = sampleCloud(*b.cloud, b.scene.dim, kN, 5);
    for (int c = 0; c < b.scene.dim; ++c) {
      const double mean = x.col(c).mean();
      const double se = sigma / std::sqrt(double(kN));
      QVERIFY2(std::abs(mean - mix->means()(k, c)) < 4 * se,
               qPrintable(QString("coordinate %1: mean %2 vs mu %3 (se %4)")
                              .arg(c)
                              .arg(mean)
                              .arg(mix->means()(k, c))
                              .arg(se)));
      const double sd = std::sqrt((x.col(c).array() - mean).square().mean());
      QVERIFY(std::abs(sd / sigma - 1.0) < 0.03);
    }
  }

  void modeOutOfRangeIsRefused() {
    const QString e = test::sceneError(
        R"({"target": {"name": "8gaussians"}, "init": {"name": "one-mode", "mode": 8}})");
    QVERIFY2(e.startsWith("init.mode: got 8, the target has 8 components"), qPrintable(e));
    QVERIFY2(e.contains("integers from 0 to 7"), qPrintable(e));
  }

  // Other targets: a tight cloud (2% of the bounds' longest side) on the target's support.
  void otherTargetsStartAtTheirDensestPoint() {
    const Built b = build(R"({"target": {"name": "drawn", "jitter": 0.05,
        "points": [[3, 3], [3, 3.01], [2.99, 3], [-3, -3]]},
        "init": {"name": "one-mode"}})");
    const PointSet x = sampleCloud(*b.cloud, 2, 4000, 5);
    QVERIFY(std::abs(x.col(0).mean() - 3.0) < 0.1 && std::abs(x.col(1).mean() - 3.0) < 0.1);
    const Bounds bounds = b.target->bounds();
    const double side = std::max(bounds.hi[0] - bounds.lo[0], bounds.hi[1] - bounds.lo[1]);
    const double sd = std::sqrt((x.col(0).array() - x.col(0).mean()).square().mean());
    QVERIFY(std::abs(sd / (0.02 * side) - 1.0) < 0.1);
    // The image target too (finite, inside the image's box).
    const Built image = build(R"({"target": {"name": "image"}, "init": {"name": "one-mode"}})");
    const PointSet xi = sampleCloud(*image.cloud, 2, 1000, 5);
    QVERIFY(xi.allFinite() && xi.cwiseAbs().maxCoeff() < 4.0);
  }
};

QTEST_APPLESS_MAIN(TestOneModeCloud)
#include "tst_one_mode_cloud.moc"
