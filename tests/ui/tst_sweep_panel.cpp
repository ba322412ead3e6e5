// SweepPanel (Tools > Rate sweep): a tiny sweep runs in the background and its points fill the
// log-log plot and the progress bar; Cancel stops a long sweep promptly; closing the panel (or
// the window) while a sweep runs neither crashes nor hangs.
#include <omp.h>

#include <QLineSeries>
#include <QProgressBar>
#include <QPushButton>
#include <QScatterSeries>
#include <QSignalSpy>

#include "gui_test_support.h"
#include "sweep_panel.h"

using namespace driftlab;

namespace {
/// d = 1, laplace on an isotropic gaussian target: settles within a few time units.
SceneConfig tinyScene() {
  SceneConfig s;
  s.dim = 1;
  s.targetName = "gaussian";
  s.flowName = "laplace";
  s.particles = s.samples = 60;
  validateScene(s);
  return s;
}
}  // namespace

class TestSweepPanel : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() { omp_set_num_threads(1); }  // tiny runs; see tst_rate_sweep

  // 2 N x 2 seeds: four points appear one by one, the theory line spans the N range with
  // slope -1/5 in logs, the progress bar reaches 4 of 4.
  void tinySweepFillsThePlot() {
    ui::SweepPanel panel;
    panel.show();
    panel.setScene(tinyScene());
    panel.setParameters("60,120", 2, 0.05, 10.0);
    QSignalSpy jobs(&panel, &ui::SweepPanel::jobFinished);
    QSignalSpy done(&panel, &ui::SweepPanel::sweepFinished);
    QVERIFY(panel.start());
    QVERIFY(!panel.start());  // one sweep at a time
    QVERIFY(done.wait(30000));
    QCOMPARE(done.first().first().toBool(), false);
    QCOMPARE(jobs.size(), 4);
    QCOMPARE(jobs.last().first().toInt(), 4);
    QCOMPARE(panel.runSeries()->count(), 4);
    QCOMPARE(panel.progressBar()->value(), 4);
    QCOMPARE(panel.progressBar()->maximum(), 4);
    const auto theory = panel.theorySeries()->points();
    QCOMPARE(theory.size(), 2);
    QCOMPARE(theory[0].x(), 60.0);
    QCOMPARE(theory[1].x(), 120.0);
    const double slope = std::log(theory[1].y() / theory[0].y()) / std::log(2.0);
    QVERIFY(std::abs(slope + 0.2) < 1e-12);
    QVERIFY2(panel.statusText().contains("slope"), qPrintable(panel.statusText()));
    QVERIFY(!panel.isRunning());
    testing::saveShot(&panel, "sweep_panel");
  }

  // A sweep that would run for hours (tolerance 1e-9, max time 1e6): Cancel ends it within
  // a step (asserted: 3 s on a loaded machine; a step at N = 2000 takes milliseconds).
  void cancelStopsPromptly() {
    ui::SweepPanel panel;
    panel.setScene(tinyScene());
    panel.setParameters("2000,4000", 1, 0.0001, 1e6);
    QSignalSpy done(&panel, &ui::SweepPanel::sweepFinished);
    QVERIFY(panel.start());
    QTest::qWait(300);
    QVERIFY(panel.isRunning());
    QVERIFY(panel.cancelButton()->isEnabled());
    QElapsedTimer clock;
    clock.start();
    QTest::mouseClick(panel.cancelButton(), Qt::LeftButton);
    QVERIFY(done.wait(3000));
    qInfo("cancelled after %lld ms", clock.elapsed());
    QCOMPARE(done.first().first().toBool(), true);
    QVERIFY(!panel.isRunning());
    QVERIFY(panel.points().empty());
    QVERIFY(panel.statusText().startsWith("Cancelled"));
  }

  // Destroying a running panel joins its worker within a step.
  void closingWhileRunningIsSafe() {
    auto panel = std::make_unique<ui::SweepPanel>();
    panel->setScene(tinyScene());
    panel->setParameters("2000,4000", 1, 0.0001, 1e6);
    panel->show();
    QVERIFY(panel->start());
    QTest::qWait(200);
    QElapsedTimer clock;
    clock.start();
    panel.reset();
    QVERIFY2(clock.elapsed() < 3000, qPrintable(QString::number(clock.elapsed())));
    QTest::qWait(50);  // no late event reaches the deleted panel
  }

  // Tools > Rate sweep opens the panel on the window's scene; closing the window while it runs
  // is safe.
  void menuOpensThePanel() {
    auto w = testing::openWindow(tinyScene());
    QVERIFY(w);
    QAction* action = w->action("action.tools.rate_sweep");
    QVERIFY(action);
    action->trigger();
    ui::SweepPanel* panel = w->sweepPanel();
    QVERIFY(panel && panel->isVisible());
    panel->setParameters("2000,4000", 1, 0.0001, 1e6);
    QVERIFY(panel->start());
    QTest::qWait(200);
    w->close();
    w.reset();
  }
};

DRIFTLAB_GUI_TEST_MAIN(TestSweepPanel)
#include "tst_sweep_panel.moc"
