// Split view (issue 16 item 4): two engines side by side on the same seed and data. No shared
// mutable state (a change on one side leaves the other's particles bit-identical to a
// single-engine run), linked cameras, linked parameters, play/step/reset driving both, curves of
// both sides, and the scene's `compare` round trip.
#include <vtkCamera.h>
#include <QAction>
#include <QCheckBox>
#include <QTemporaryDir>

#include "control_panel.h"
#include "curve_chart.h"
#include "curves_panel.h"
#include "gui_test_support.h"
#include "layer_stack.h"
#include "scene/scene_compare.h"
#include "scene/scene_json.h"
#include "split_view.h"

using namespace driftlab;
using driftlab::testing::openWindow;
using driftlab::testing::saveShot;
using driftlab::testing::smallScene;
using driftlab::testing::waitForSnapshot;

namespace {

bool atStep(ui::EngineBridge* bridge, std::int64_t step) {
  return waitForSnapshot(
      bridge, [step](const Snapshot& s) { return s.step == step && s.particles; }, 20000);
}

/// Steps the main side once and waits for both sides to get there.
bool stepBoth(ui::MainWindow* w, std::int64_t step) {
  w->bridge()->stepOnce();
  return atStep(w->bridge(), step) && atStep(w->splitView()->rightBridge(), step);
}

PointSet particlesAt(const SceneConfig& scene, std::int64_t steps) {
  Engine engine(scene, false);
  for (std::int64_t k = 1; k <= steps; ++k) engine.post(command::StepOnce{});
  engine.waitFor([&](const Snapshot& s) { return s.step >= steps; }, std::chrono::seconds(30));
  return *engine.latest()->particles;
}

SceneConfig compareScene() {
  SceneConfig s = smallScene(300, 300);
  s.compareJson = R"({"flow": {"bandwidth": 0.5}})";
  return s;
}

}  // namespace

class TestSplitView : public QObject {
  Q_OBJECT

 private slots:
  void sceneWithCompareOpensTheSplit() {
    auto w = openWindow(compareScene());
    QVERIFY(w);
    ui::SplitView* split = w->splitView();
    QVERIFY(split->isOpen());
    QVERIFY(w->action("action.split")->isChecked());
    QCOMPARE(w->action("action.split")->shortcut(), QKeySequence(Qt::Key_F6));
    QCOMPARE(split->rightBridge()->scene().flowParams.number("bandwidth"), 0.5);
    QCOMPARE(split->rightBridge()->scene().seed, w->bridge()->scene().seed);
    QVERIFY(stepBoth(w.get(), 1));
    saveShot(w.get(), "split_view");
    w->action("action.split")->trigger();
    QVERIFY(!split->isOpen());
    QVERIFY(w->sceneForSaving().compareJson.empty());
  }

  void sidesShareNoMutableState() {
    const SceneConfig scene = compareScene();
    auto w = openWindow(scene);
    QVERIFY(w);
    ui::SplitView* split = w->splitView();
    for (int k = 1; k <= 3; ++k) QVERIFY(stepBoth(w.get(), k));
    // Change the right side's bandwidth, step again: the left side is untouched.
    SceneConfig right = split->rightBridge()->scene();
    right.flowParams.set("bandwidth", 0.8);
    QVERIFY(split->rightBridge()->applyScene(right));
    for (int k = 4; k <= 6; ++k) QVERIFY(stepBoth(w.get(), k));
    SceneConfig plain = scene;
    plain.compareJson.clear();
    const PointSet single = particlesAt(plain, 6);
    const PointSet left = *w->bridge()->engine().latest()->particles;
    QCOMPARE(left.rows(), single.rows());
    QVERIFY2(left == single, "the left side differs from a single-engine run");
    const PointSet rightParticles = *split->rightBridge()->engine().latest()->particles;
    QVERIFY(!(rightParticles == left));
    QCOMPARE(QString::fromStdString(w->sceneForSaving().compareJson),
             QString(R"({"flow":{"bandwidth":0.8}})"));
  }

  void camerasAreLinked() {
    auto w = openWindow(compareScene());
    QVERIFY(w);
    ui::SplitView* split = w->splitView();
    QVERIFY(stepBoth(w.get(), 1));
    QTest::qWait(100);
    vtkCamera* left = w->view()->renderer()->GetActiveCamera();
    vtkCamera* right = split->rightView()->renderer()->GetActiveCamera();
    left->SetFocalPoint(0.7, -0.3, 0.0);
    left->SetPosition(0.7, -0.3, 10.0);
    left->SetParallelScale(2.5);
    QCOMPARE(right->GetParallelScale(), 2.5);
    QCOMPARE(right->GetFocalPoint()[0], 0.7);
    QCOMPARE(right->GetPosition()[1], -0.3);
    right->SetParallelScale(1.25);  // and back the other way
    QCOMPARE(left->GetParallelScale(), 1.25);
  }

  void linkedParametersApplyToBothSides() {
    auto w = openWindow(compareScene());
    QVERIFY(w);
    ui::SplitView* split = w->splitView();
    // Unlinked: an edit on the left leaves the right's parameters; shared keys always follow.
    SceneConfig left = w->bridge()->scene();
    left.eta = 0.02;
    left.seed = 11;
    QVERIFY(w->bridge()->applyScene(left));
    QCOMPARE(split->rightBridge()->scene().eta, 0.05);
    QCOMPARE(split->rightBridge()->scene().seed, std::uint64_t(11));
    // Linked: the edit applies to both.
    auto* link = w->findChild<QCheckBox*>("split.link");
    QVERIFY(link);
    link->setChecked(true);
    QVERIFY(split->isLinked());
    left = w->bridge()->scene();
    left.eta = 0.03;
    QVERIFY(w->bridge()->applyScene(left));
    QCOMPARE(split->rightBridge()->scene().eta, 0.03);
    QCOMPARE(split->rightBridge()->scene().flowParams.number("bandwidth"), 0.5);
    // The right side's controls editing a shared key change both sides.
    SceneConfig right = split->rightBridge()->scene();
    right.particles = 200;
    QVERIFY(split->rightBridge()->applyScene(right));
    QCOMPARE(w->bridge()->scene().particles, std::int64_t(200));
    QCOMPARE(split->rightBridge()->scene().particles, std::int64_t(200));
    QCOMPARE(QString::fromStdString(split->compareJson()),
             QString(R"({"flow":{"bandwidth":0.5}})"));
  }

  void playStepResetDriveBothAndCurvesOverlay() {
    auto w = openWindow(compareScene());
    QVERIFY(w);
    ui::SplitView* split = w->splitView();
    w->view()->setFocus();
    QTest::keyClick(w->view(), Qt::Key_Right);
    QVERIFY(atStep(w->bridge(), 1));
    QVERIFY(atStep(split->rightBridge(), 1));
    w->action("action.play")->trigger();
    QVERIFY(split->rightBridge()->isPlaying());
    QVERIFY(waitForSnapshot(
        split->rightBridge(), [](const Snapshot& s) { return s.step >= 5; }, 20000));
    w->action("action.play")->trigger();
    QVERIFY(!split->rightBridge()->isPlaying());
    QTRY_VERIFY_WITH_TIMEOUT(w->curves()->compareHistory().size() >= 3, 10000);
    w->curves()->redraw();
    QVERIFY(!w->curves()->charts().empty());
    QVERIFY(w->curves()->charts().front()->comparePointCount() > 0);
    w->action("action.reset")->trigger();
    QVERIFY(atStep(split->rightBridge(), 0));
  }

  void sceneRoundTripWithCompare() {
    QTemporaryDir dir;
    const QString path = dir.filePath("split.json");
    {
      auto w = openWindow(smallScene(300, 300));
      QVERIFY(w);
      QVERIFY(!w->splitView()->isOpen());
      w->action("action.split")->trigger();
      QVERIFY(w->splitView()->isOpen());
      SceneConfig right = w->splitView()->rightBridge()->scene();
      right.flowName = "laplace";
      right.flowParams = ParamSet{};
      QVERIFY(w->splitView()->rightBridge()->applyScene(right));
      QVERIFY(w->saveScene(path));
    }
    const SceneConfig saved = loadSceneFile(path.toStdString());
    QVERIFY(saved.compareJson.find("laplace") != std::string::npos);
    QCOMPARE(compareSide(saved).flowName, std::string("laplace"));
    auto w = openWindow(smallScene(300, 300));
    QVERIFY(w);
    QVERIFY(w->openScene(path));
    QVERIFY(w->splitView()->isOpen());
    QCOMPARE(w->splitView()->rightBridge()->scene().flowName, std::string("laplace"));
    QCOMPARE(w->bridge()->scene().flowName, std::string("conservative"));
    // A scene without `compare` closes it.
    SceneConfig plain = smallScene(300, 300);
    const QString plainPath = dir.filePath("plain.json");
    QFile f(plainPath);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray::fromStdString(sceneToJson(plain)));
    f.close();
    QVERIFY(w->openScene(plainPath));
    QVERIFY(!w->splitView()->isOpen());
  }
};

DRIFTLAB_GUI_TEST_MAIN(TestSplitView)
#include "tst_split_view.moc"
