// describeSceneChange: the words on a curve marker name exactly the run keys that changed.
#include <QtTest>

#include "scene/scene_change.h"
#include "scene/scene_json.h"

using namespace driftlab;

class TestSceneChange : public QObject {
  Q_OBJECT
 private slots:
  void sameRunSaysNothing() {
    SceneConfig a = defaultScene(), b = a;
    b.title = "another title";
    b.layersJson = R"({"trails": true})";
    b.steps = 999;  // how long to run is not a parameter of the run
    QCOMPARE(describeSceneChange(a, b), std::string());
  }
  void namesEachChangedKeyWithBothValues() {
    SceneConfig a = parseScene(R"({"flow": {"name": "conservative", "bandwidth": 0.25}})");
    SceneConfig b = parseScene(R"({"flow": {"name": "conservative", "bandwidth": 0.1},
                                   "particles": 4000})");
    QCOMPARE(describeSceneChange(a, b),
             std::string("flow.bandwidth 0.25 -> 0.1; particles 2000 -> 4000"));
  }
  void aNewFlowListsItsNameAndItsOptions() {
    SceneConfig a = parseScene(R"({"flow": {"name": "conservative"}})");
    SceneConfig b = parseScene(R"({"flow": {"name": "laplace"}})");
    const QString text = QString::fromStdString(describeSceneChange(a, b));
    QVERIFY2(text.contains("flow.name conservative -> laplace"), qPrintable(text));
    QVERIFY2(text.contains("flow.include_self (none) -> false"), qPrintable(text));
  }
};

QTEST_GUILESS_MAIN(TestSceneChange)
#include "tst_scene_change.moc"
