// The scene's `compare` object (issue 16, split view): the right side's differences from the
// main scene, validated like every other object (one-line errors naming "compare.<key>"),
// round-tripped, and kept up to date by followMain when the main side is edited.
#include <QtTest>

#include "scene_errors.h"

#include "base/input_error.h"
#include "scene/scene_compare.h"
#include "scene/scene_json.h"

using namespace driftlab;

class TestSceneCompare : public QObject {
  Q_OBJECT

 private slots:
  void noCompareMeansNoSplit() {
    const SceneConfig s = parseScene("{}");
    QVERIFY(s.compareJson.empty());
    QVERIFY(sceneToJson(s).find("compare") == std::string::npos);
    QVERIFY(compareSide(s) == s);
  }

  void otherFlowIsGivenWhole() {
    const SceneConfig s = parseScene(R"({"seed": 7, "compare": {"flow": {"name": "laplace"}}})");
    const SceneConfig right = compareSide(s);
    QCOMPARE(right.flowName, std::string("laplace"));
    QCOMPARE(right.seed, s.seed);
    QCOMPARE(right.targetName, s.targetName);
    QCOMPARE(right.particles, s.particles);
    QVERIFY(right.compareJson.empty());
    QVERIFY(s.compareJson.find("\"name\":\"laplace\"") != std::string::npos);
    QCOMPARE(compareDiff(s, right), s.compareJson);
  }

  void sameFlowKeepsOnlyTheDifferences() {
    const SceneConfig s = parseScene(
        R"({"flow": {"name": "conservative", "bandwidth": 0.25},
            "compare": {"flow": {"bandwidth": 0.5}, "integrator": {"eta": 0.1}}})");
    QCOMPARE(s.compareJson, std::string(R"({"flow":{"bandwidth":0.5},"integrator":{"eta":0.1}})"));
    const SceneConfig right = compareSide(s);
    QCOMPARE(right.flowName, s.flowName);
    QCOMPARE(right.flowParams.number("bandwidth"), 0.5);
    QCOMPARE(right.eta, 0.1);
    QCOMPARE(compareDiff(s, s), std::string("{}"));
    // An empty compare still opens the split (both sides the same).
    QCOMPARE(parseScene(R"({"compare": {}})").compareJson, std::string("{}"));
  }

  void roundTrip() {
    const SceneConfig s = parseScene(
        R"({"flow": {"name": "gaussian-meanshift", "normalisation": "separate"},
            "compare": {"flow": {"normalisation": "joint"}, "backend": "direct"}})");
    const SceneConfig again = parseScene(sceneToJson(s));
    QVERIFY(again == s);
    QCOMPARE(compareSide(again).backend, std::string("direct"));
  }

  void badCompareIsAOneLineErrorNamingTheKey_data() {
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("not an object") << R"({"compare": 3})"
                                   << "compare"
                                   << "flow, integrator, backend";
    QTest::newRow("shared key") << R"({"compare": {"seed": 2}})"
                                << "compare.seed"
                                << "flow, integrator, backend";
    QTest::newRow("unknown flow") << R"({"compare": {"flow": {"name": "nope"}}})"
                                  << "compare.flow.name"
                                  << "laplace";
    QTest::newRow("bad bandwidth") << R"({"compare": {"flow": {"bandwidth": -1}}})"
                                   << "compare.flow.bandwidth"
                                   << "";
    QTest::newRow("unknown flow key") << R"({"compare": {"flow": {"colour": 1}}})"
                                      << "compare.flow.colour"
                                      << "bandwidth";
    QTest::newRow("flow not an object") << R"({"compare": {"flow": "laplace"}})"
                                        << "compare.flow"
                                        << "object";
    QTest::newRow("bad eta") << R"({"compare": {"integrator": {"eta": "big"}}})"
                             << "compare.integrator.eta"
                             << "numbers";
    QTest::newRow("bad backend") << R"({"compare": {"backend": "gpu"}})"
                                 << "compare.backend"
                                 << "direct";
  }
  void badCompareIsAOneLineErrorNamingTheKey() { test::verifySceneErrorRow(); }

  void followMainSharesDataAlways() {
    const SceneConfig before = parseScene(R"({"compare": {"flow": {"bandwidth": 0.5}}})");
    const SceneConfig right = compareSide(before);
    SceneConfig after = before;
    after.seed = 9;
    after.particles = 300;
    after.flowParams.set("bandwidth", 0.1);
    const SceneConfig unlinked = followMain(right, before, after, false);
    QCOMPARE(unlinked.seed, std::uint64_t(9));
    QCOMPARE(unlinked.particles, std::int64_t(300));
    QCOMPARE(unlinked.flowParams.number("bandwidth"), 0.5);
    const SceneConfig linked = followMain(right, before, after, true);
    QCOMPARE(linked.flowParams.number("bandwidth"), 0.1);
    QCOMPARE(linked.seed, std::uint64_t(9));
    // An edit of another key leaves the right side's own bandwidth alone.
    SceneConfig etaOnly = before;
    etaOnly.eta = 0.02;
    const SceneConfig r2 = followMain(right, before, etaOnly, true);
    QCOMPARE(r2.eta, 0.02);
    QCOMPARE(r2.flowParams.number("bandwidth"), 0.5);
    QCOMPARE(compareDiff(etaOnly, r2), std::string(R"({"flow":{"bandwidth":0.5}})"));
  }
};

QTEST_GUILESS_MAIN(TestSceneCompare)
#include "tst_scene_compare.moc"
