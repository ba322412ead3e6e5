// The drawn target (issue 18): painted points in scene files (round trip, refusals) and
// sampling = a uniformly chosen painted point + Gaussian jitter.
#include <QtTest>
#include <cmath>

#include "scene_errors.h"

#include "registry/registry.h"
#include "scene/scene_change.h"
#include "scene/scene_json.h"
#include "targets/drawn_target.h"
#include "targets/target.h"

using namespace driftlab;

class TestDrawnTarget : public QObject {
  Q_OBJECT

 private slots:
  void pointsRoundTrip() {
    const SceneConfig s = parseScene(R"({"target": {"name": "drawn", "jitter": 0.1,
        "points": [[0.5, -1.25], [2, 3], [-1e-3, 1e5]]}})");
    QCOMPARE(s.targetParams.points("points"), (std::vector<double>{0.5, -1.25, 2, 3, -1e-3, 1e5}));
    const std::string text = sceneToJson(s);
    QVERIFY2(text.find("[\n        0.5,\n        -1.25\n      ]") != std::string::npos ||
                 text.find("[0.5,-1.25]") != std::string::npos,
             text.c_str());  // written as pairs
    QVERIFY(parseScene(text) == s);
  }

  void defaultIsAHeart() {
    const SceneConfig s = parseScene(R"({"target": {"name": "drawn"}})");
    QCOMPARE(s.targetParams.points("points"), defaultDrawnPoints());
    QCOMPARE(defaultDrawnPoints().size(), std::size_t(320));
    QVERIFY(parseScene(sceneToJson(s)) == s);
  }

  void changeLabelsStayShort() {
    SceneConfig a = parseScene(R"({"target": {"name": "drawn"}})");
    SceneConfig b = a;
    std::vector<double> p = b.targetParams.points("points");
    p[0] += 1.0;
    b.targetParams.set("points", p);
    const std::string label = describeSceneChange(a, b);
    QVERIFY2(label.starts_with("target.points [160 entries"), label.c_str());
    QVERIFY(label.size() < 100);
  }

  void badPointsAreRefused_data() {
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QString>("mentions");
    auto scene = [](const QString& points) {
      return R"({"target": {"name": "drawn", "points": )" + points + "}}";
    };
    QTest::newRow("none") << scene("[]") << "target.points: no points"
                          << "1 to 100000 points";
    QTest::newRow("flat") << scene("[1, 2]") << "target.points[0]: expected [2 numbers]"
                          << "points";
    QTest::newRow("short") << scene("[[1, 2], [3]]") << "target.points[1]: expected"
                           << "[x, y]";
    QTest::newRow("text") << scene(R"([[1, "a"]])") << "target.points[0][1]:"
                          << "";
    QTest::newRow("huge") << scene("[[1, 2e7]]") << "target.points[0][1]: got 2e+07"
                          << "1e+06";
    QTest::newRow("object") << scene("{}") << "target.points: expected an array"
                            << "";
    QString many = "[";
    for (int i = 0; i <= 100000; ++i) many += (i ? ",[0,0]" : "[0,0]");
    QTest::newRow("too many") << scene(many + "]") << "target.points: 100001 points"
                              << "1 to 100000";
    QTest::newRow("jitter") << R"({"target": {"name": "drawn", "jitter": 0}})"
                            << "target.jitter: got 0"
                            << "";
  }
  void badPointsAreRefused() { test::verifySceneErrorRow(); }

  // Three points far apart: each sample's nearest painted point is its own, its distance
  // Rayleigh(jitter): P(r > 4 jitter) = exp(-8) = 3.4e-4, and the shares are 1/3 each.
  void samplesStayWithinJitter() {
    const SceneConfig s = parseScene(R"({"target": {"name": "drawn", "jitter": 0.2,
        "points": [[0, 0], [5, 0], [0, 5]]}})");
    const auto target = targets().require("drawn", "").make(s.targetParams, 2);
    constexpr Eigen::Index kN = 30000;
    const PointSet y = sampleTarget(*target, kN, 11);
    const double pts[3][2] = {{0, 0}, {5, 0}, {0, 5}};
    long far = 0, counts[3] = {0, 0, 0};
    double sumR2 = 0.0;
    for (Eigen::Index i = 0; i < kN; ++i) {
      int best = 0;
      double bestD2 = 1e300;
      for (int k = 0; k < 3; ++k) {
        const double d2 = std::pow(y(i, 0) - pts[k][0], 2) + std::pow(y(i, 1) - pts[k][1], 2);
        if (d2 < bestD2) bestD2 = d2, best = k;
      }
      ++counts[best];
      sumR2 += bestD2;
      far += bestD2 > 16.0 * 0.04 ? 1 : 0;
    }
    QVERIFY2(far <= 30, qPrintable(QString("%1 samples beyond 4 jitter").arg(far)));  // mean 10
    // E r^2 = 2 jitter^2 = 0.08; its SE over 30000 samples is 0.08 / sqrt(30000) = 4.6e-4.
    QVERIFY(std::abs(sumR2 / kN - 0.08) < 5 * 4.6e-4);
    const double se = std::sqrt(kN * (1.0 / 3) * (2.0 / 3));
    for (long c : counts) QVERIFY(std::abs(c - kN / 3.0) < 5 * se);
    const Bounds b = target->bounds();
    QVERIFY(b.lo[0] <= -0.6 && b.hi[0] >= 5.6 && b.lo[1] <= -0.6 && b.hi[1] >= 5.6);
  }
};

QTEST_APPLESS_MAIN(TestDrawnTarget)
#include "tst_drawn_target.moc"
