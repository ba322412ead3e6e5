// ControlPanel + EngineBridge: every control acts on the running engine through commands,
// within one step, and bad input leaves the last good state running.
#include <QCheckBox>
#include <QComboBox>
#include <QLineEdit>
#include <QPushButton>
#include <QSlider>
#include <QStandardItemModel>
#include <cmath>

#include "control_panel.h"
#include "controls/log_slider_field.h"
#include "controls/number_field.h"
#include "gui_test_support.h"
#include "registry/registry.h"

using namespace driftlab;
using driftlab::testing::openWindow;
using driftlab::testing::saveShot;
using driftlab::testing::smallScene;
using driftlab::testing::waitForSnapshot;

class TestControlPanel : public QObject {
  Q_OBJECT

  static ui::LogSliderField* bandwidthControl(ui::MainWindow& w) {
    return w.controls()->findChild<ui::LogSliderField*>("flow.bandwidth");
  }

  /// Types `text` into `field` and presses Enter, as a user would.
  static void typeInto(QLineEdit* field, const QString& text) {
    field->setFocus();
    field->selectAll();
    QTest::keyClicks(field, text);
    QTest::keyClick(field, Qt::Key_Return);
  }

 private slots:
  void controlsAreBuiltFromTheRegistry() {
    auto w = openWindow(smallScene());
    QVERIFY(w);
    auto* flow = w->controls()->findChild<QComboBox*>("flow.name");
    QVERIFY(flow);
    QStringList shown, expected;
    for (int i = 0; i < flow->count(); ++i) shown << flow->itemText(i);
    for (const auto& id : flows().ids()) expected << QString::fromStdString(id);
    QCOMPARE(shown, expected);
    auto* target = w->controls()->findChild<QComboBox*>("target.name");
    QVERIFY(target);
    QStringList targets2d;
    for (const auto& t : targets().entries())
      if (t.dim == 0 || t.dim == 2) targets2d << QString::fromStdString(t.id);
    QStringList shownTargets;
    for (int i = 0; i < target->count(); ++i) shownTargets << target->itemText(i);
    QCOMPARE(shownTargets, targets2d);
    // The bandwidth gets the log slider + number field, from its ParamSpec's logScale hint.
    QVERIFY(bandwidthControl(*w));
    QVERIFY(w->controls()->findChild<QComboBox*>("flow.normalisation"));
  }

  // Inert parameters (normalisation is accepted for conservative but unused) get no visible
  // control; for laplace the same key is live and shown.
  void inertParametersAreHidden() {
    auto w = openWindow(smallScene());
    QVERIFY(w);
    auto* norm = w->controls()->findChild<QComboBox*>("flow.normalisation");
    QVERIFY(norm);
    QVERIFY(!norm->isVisibleTo(w->controls()));
    auto* flow = w->controls()->findChild<QComboBox*>("flow.name");
    flow->setCurrentText("laplace");
    QTRY_VERIFY_WITH_TIMEOUT(
        [&] {
          auto* n = w->controls()->findChild<QComboBox*>("flow.normalisation");
          return n && n->isVisibleTo(w->controls());
        }(),
        5000);
  }

  void bandwidthSliderChangesTheEngineWithinOneStep() {
    auto w = openWindow(smallScene());
    QVERIFY(w);
    ui::LogSliderField* bw = bandwidthControl(*w);
    QVERIFY(bw);
    const auto before = w->bridge()->engine().latest();
    QCOMPARE(before->bandwidth, 0.25);
    QTest::qWait(60);  // past the edit throttle, so the first move applies at once
    bw->slider()->setValue(bw->slider()->value() + 150);  // as a drag would
    const double wanted = bw->value();
    QVERIFY(std::abs(wanted - 0.25) > 0.05);
    auto* step = w->controls()->findChild<QPushButton*>("run.step");
    QVERIFY(step);
    QTest::mouseClick(step, Qt::LeftButton);
    QVERIFY(waitForSnapshot(
        w->bridge(), [&](const Snapshot& s) { return s.step >= 1; }, 10000));
    const auto after = w->bridge()->engine().latest();
    QCOMPARE(after->step, before->step + 1);
    QCOMPARE(after->bandwidth, wanted);
    QCOMPARE(after->scene.flowParams.number("bandwidth"), wanted);
  }

  void bandwidthChangeReachesARunningEngineWithinOneStep() {
    auto w = openWindow(smallScene(300, 300));
    QVERIFY(w);
    // About 20 steps/s, so that the GUI (polling every 16 ms) sees every step.
    auto* speed = w->controls()->findChild<QSlider*>("run.speed");
    QVERIFY(speed);
    speed->setValue(26);
    w->bridge()->play();
    QVERIFY(waitForSnapshot(
        w->bridge(), [](const Snapshot& s) { return s.step >= 3; }, 20000));
    const std::int64_t s0 = w->bridge()->engine().latest()->step;
    QTest::qWait(1000);
    const std::int64_t perSecond = w->bridge()->engine().latest()->step - s0;
    QVERIFY2(perSecond >= 5 && perSecond <= 40, qPrintable(QString::number(perSecond)));
    ui::LogSliderField* bw = bandwidthControl(*w);
    QTest::qWait(60);
    const std::int64_t stepAtEdit = w->bridge()->engine().latest()->step;
    bw->field()->setText("0.4");
    QMetaObject::invokeMethod(bw->field(), "editingFinished");
    // The step in flight finishes with the old bandwidth; the next one uses the new value.
    std::int64_t firstNew = -1;
    QVERIFY(waitForSnapshot(
        w->bridge(),
        [&](const Snapshot& s) {
          if (s.bandwidth == 0.4 && firstNew < 0) firstNew = s.step;
          return firstNew >= 0;
        },
        20000));
    QVERIFY2(
        firstNew <= stepAtEdit + 2,
        qPrintable(QString("edited at step %1, first new step %2").arg(stepAtEdit).arg(firstNew)));
  }

  void changingNKeepsParticles() {
    auto w = openWindow(smallScene(400, 300));
    QVERIFY(w);
    for (int i = 0; i < 3; ++i) w->bridge()->stepOnce();
    QVERIFY(waitForSnapshot(
        w->bridge(), [](const Snapshot& s) { return s.step == 3; }, 10000));
    const PointSet before = *w->bridge()->engine().latest()->particles;
    auto* n = w->controls()->findChild<ui::NumberField*>("particles");
    QVERIFY(n);
    typeInto(n, "700");
    QVERIFY(waitForSnapshot(
        w->bridge(), [](const Snapshot& s) { return s.particles->rows() == 700; }, 10000));
    auto grown = w->bridge()->engine().latest();
    QCOMPARE(grown->step, std::int64_t(3));  // no reset
    QVERIFY(grown->particles->topRows(400) == before);
    typeInto(n, "150");
    QVERIFY(waitForSnapshot(
        w->bridge(), [](const Snapshot& s) { return s.particles->rows() == 150; }, 10000));
    const PointSet& kept = *w->bridge()->engine().latest()->particles;
    for (Eigen::Index j = 0; j < 150; ++j)  // an evenly spread subset of the 700
      QVERIFY(kept.row(j) == grown->particles->row(j * 700 / 150));
  }

  // The "resample data each step" box reaches the engine: the next step holds a new sample.
  void resampleBoxDrawsFreshDataEachStep() {
    auto w = openWindow(smallScene(400, 300));
    QVERIFY(w);
    auto* box = w->controls()->findChild<QCheckBox*>("target.resample");
    QVERIFY(box);
    QVERIFY(!box->isChecked());
    box->setChecked(true);
    QVERIFY(waitForSnapshot(
        w->bridge(), [](const Snapshot& s) { return s.scene.resampleData; }, 10000));
    const auto before = w->bridge()->engine().latest();
    w->bridge()->stepOnce();
    QVERIFY(waitForSnapshot(
        w->bridge(), [&](const Snapshot& s) { return s.step == before->step + 1; }, 10000));
    QVERIFY(*w->bridge()->engine().latest()->data != *before->data);
  }

  void pauseStopsTheStepCounter() {
    auto w = openWindow(smallScene(300, 300));
    QVERIFY(w);
    auto* play = w->controls()->findChild<QPushButton*>("run.play");
    QVERIFY(play);
    QTest::mouseClick(play, Qt::LeftButton);
    QVERIFY(waitForSnapshot(
        w->bridge(), [](const Snapshot& s) { return s.step >= 5; }, 20000));
    QCOMPARE(play->text(), QString("Pause"));
    QTest::mouseClick(play, Qt::LeftButton);
    QVERIFY(waitForSnapshot(
        w->bridge(), [](const Snapshot& s) { return !s.running; }, 10000));
    const std::int64_t paused = w->bridge()->engine().latest()->step;
    QTest::qWait(400);
    QCOMPARE(w->bridge()->engine().latest()->step, paused);
    QCOMPARE(play->text(), QString("Play"));
  }

  void switchingFlowKeepsTheBandwidthAndSwitchingDimensionGoes3D() {
    auto w = openWindow(smallScene(300, 300));
    QVERIFY(w);
    auto* flow = w->controls()->findChild<QComboBox*>("flow.name");
    const int laplace = flow->findText("laplace");
    QVERIFY(laplace >= 0);
    flow->setCurrentIndex(laplace);
    QVERIFY(waitForSnapshot(
        w->bridge(), [](const Snapshot& s) { return s.scene.flowName == "laplace"; }, 10000));
    QCOMPARE(w->bridge()->engine().latest()->scene.flowParams.number("bandwidth"), 0.25);
    QVERIFY(w->controls()->findChild<QComboBox*>("flow.normalisation"));

    auto* dim = w->controls()->findChild<QComboBox*>("dim");
    dim->setCurrentIndex(dim->findData(3));
    QVERIFY(waitForSnapshot(
        w->bridge(), [](const Snapshot& s) { return s.particles->cols() == 3; }, 10000));
    const auto snap = w->bridge()->engine().latest();
    const TargetInfo* target = targets().find(snap->scene.targetName);
    QVERIFY(target && target->dim == 3);
    auto* targetBox = w->controls()->findChild<QComboBox*>("target.name");
    for (int i = 0; i < targetBox->count(); ++i) {
      const TargetInfo* t = targets().find(targetBox->itemText(i).toStdString());
      QVERIFY(t && (t->dim == 0 || t->dim == 3));
    }
    QTRY_VERIFY(w->view()->isThreeD());
  }

  // The exponential integrator is offered only with a diffusion flow (pf-ode): disabled for
  // conservative, enabled after switching to pf-ode, where Play then runs to t_min and stops
  // (the status bar shows t); switching back drops it for euler.
  void exponentialIntegratorOnlyForPfOde() {
    auto w = openWindow(smallScene(300, 300));
    QVERIFY(w);
    auto* integrator = w->controls()->findChild<QComboBox*>("integrator.name");
    auto* model = qobject_cast<QStandardItemModel*>(integrator->model());
    const int exponential = integrator->findText("exponential");
    QVERIFY(model && exponential >= 0);
    QVERIFY(!model->item(exponential)->isEnabled());
    auto* flow = w->controls()->findChild<QComboBox*>("flow.name");
    flow->setCurrentIndex(flow->findText("pf-ode"));
    QVERIFY(waitForSnapshot(
        w->bridge(), [](const Snapshot& s) { return s.scene.flowName == "pf-ode"; }, 10000));
    QVERIFY(model->item(exponential)->isEnabled());
    integrator->setCurrentIndex(exponential);
    QVERIFY(waitForSnapshot(
        w->bridge(), [](const Snapshot& s) { return s.scene.integratorName == "exponential"; },
        10000));
    QTest::mouseClick(w->controls()->findChild<QPushButton*>("run.play"), Qt::LeftButton);
    QVERIFY(waitForSnapshot(
        w->bridge(), [](const Snapshot& s) { return s.finished && !s.running; }, 60000));
    QCOMPARE(w->bridge()->engine().latest()->step, std::int64_t(100));  // the default steps
    QVERIFY(w->bridge()->engine().latest()->error.empty());
    QVERIFY(std::abs(w->bridge()->engine().latest()->diffusionTime - 1e-3) < 1e-12);
    flow->setCurrentIndex(flow->findText("conservative"));
    QVERIFY(waitForSnapshot(
        w->bridge(), [](const Snapshot& s) { return s.scene.flowName == "conservative"; }, 10000));
    QCOMPARE(w->bridge()->engine().latest()->scene.integratorName, std::string("euler"));
    QVERIFY(!model->item(exponential)->isEnabled());
  }

  void badInputShowsTheErrorAndKeepsTheLastGoodState() {
    auto w = openWindow(smallScene());
    QVERIFY(w);
    ui::LogSliderField* bw = bandwidthControl(*w);
    bw->field()->setText("-1");
    QMetaObject::invokeMethod(bw->field(), "editingFinished");
    QTest::qWait(100);
    QVERIFY2(w->statusMessage().contains("flow.bandwidth"), qPrintable(w->statusMessage()));
    QCOMPARE(w->bridge()->scene().flowParams.number("bandwidth"), 0.25);
    QCOMPARE(bw->value(), 0.25);  // the control shows the last good value again
    w->bridge()->stepOnce();
    QVERIFY(waitForSnapshot(
        w->bridge(), [](const Snapshot& s) { return s.step == 1; }, 10000));
    QCOMPARE(w->bridge()->engine().latest()->bandwidth, 0.25);
  }

  void engineErrorsAreShown() {
    // No valid scene reaches a state the engine refuses (the step control survives any drift
    // size and the scene's bounds keep distances finite); an engine error that is still
    // possible: stepping back with nothing in the history. It is shown and play stays off.
    auto w = openWindow(smallScene(200, 200));
    QVERIFY(w);
    w->bridge()->stepBack();
    QVERIFY(waitForSnapshot(
        w->bridge(), [](const Snapshot& s) { return !s.error.empty(); }, 20000));
    QTRY_VERIFY_WITH_TIMEOUT(w->statusMessage().contains("history"), 5000);
    QVERIFY(!w->bridge()->isPlaying());
  }

  // Typing "1e3" in N gives N = 1000 (a spin box read it as 13); "2,000" gives 2000.
  void numberFieldsAcceptScientificNotation() {
    auto w = openWindow(smallScene(400, 300));
    QVERIFY(w);
    auto* n = w->controls()->findChild<ui::NumberField*>("particles");
    QVERIFY(n);
    QTest::qWait(60);  // past the edit throttle
    typeInto(n, "1e3");
    QVERIFY(waitForSnapshot(
        w->bridge(), [](const Snapshot& s) { return s.particles->rows() == 1000; }, 10000));
    QCOMPARE(n->text(), QString("1000"));
    QTest::qWait(60);
    typeInto(n, "2,000");
    QVERIFY(waitForSnapshot(
        w->bridge(), [](const Snapshot& s) { return s.particles->rows() == 2000; }, 10000));
    auto* eta = w->controls()->findChild<ui::LogSliderField*>("integrator.eta");
    QTest::qWait(60);
    typeInto(eta->field(), "2.5e-2");
    QVERIFY(waitForSnapshot(
        w->bridge(), [](const Snapshot& s) { return s.scene.eta == 0.025; }, 10000));
  }

  // Every rejected value says why, and the field shows the last good value again.
  void rejectedValuesSayWhy() {
    auto w = openWindow(smallScene(400, 300));
    QVERIFY(w);
    auto* n = w->controls()->findChild<ui::NumberField*>("particles");
    QVERIFY(n);
    typeInto(n, "0");  // the core's range check
    QTRY_VERIFY2(w->statusMessage().startsWith("particles: got 0"), qPrintable(w->statusMessage()));
    QVERIFY2(w->statusMessage().contains("allowed"), qPrintable(w->statusMessage()));
    QTRY_COMPARE(n->text(), QString("400"));
    saveShot(w.get(), "n_zero");
    typeInto(n, "12.5");  // the field's own check
    QTRY_VERIFY2(w->statusMessage().contains("not a whole number"), qPrintable(w->statusMessage()));
    saveShot(w.get(), "rejected_value");
    QCOMPARE(n->text(), QString("400"));
    typeInto(n, "lots");
    QTRY_VERIFY2(w->statusMessage().contains("cannot read 'lots'"), qPrintable(w->statusMessage()));
    auto* bw = bandwidthControl(*w);
    typeInto(bw->field(), "1e");
    QTRY_VERIFY2(w->statusMessage().startsWith("flow.bandwidth: cannot read '1e'"),
                 qPrintable(w->statusMessage()));
    QCOMPARE(bw->value(), 0.25);
    QCOMPARE(w->bridge()->engine().latest()->scene.particles, std::int64_t(400));
  }
};

DRIFTLAB_GUI_TEST_MAIN(TestControlPanel)
#include "tst_control_panel.moc"
