// Curve annotations and forks (issue 16 items 6 and 7): a parameter change during a run is a
// labelled marker on every curve and a CSV event; scrubbing back K steps and changing a
// parameter forks the run from that state, and the curves mark the fork.
#include <QSlider>

#include "curve_chart.h"
#include "curves_panel.h"
#include "gui_test_support.h"
#include "history_scrubber.h"
#include "registry/registry.h"

using namespace driftlab;
using namespace driftlab::testing;

namespace {

bool stepTo(ui::MainWindow& w, std::int64_t step) {
  const std::int64_t now = w.bridge()->engine().latest()->step;
  for (std::int64_t k = now; k < step; ++k) w.bridge()->stepOnce();
  return waitForSnapshot(
      w.bridge(), [&](const Snapshot& s) { return s.step == step; }, 60000);
}

int column(const std::string& id) {
  const auto& e = diagnostics().entries();
  for (std::size_t i = 0; i < e.size(); ++i)
    if (e[i].id == id) return int(i);
  return -1;
}

double valueAt(const ui::DiagnosticHistory& h, std::int64_t step, int c) {
  for (const auto& r : h.rows())
    if (r.step == step) return r.values[std::size_t(c)];
  return std::nan("");
}

}  // namespace

class TestHistoryScrubber : public QObject {
  Q_OBJECT
 private slots:
  void parameterChangeIsAMarkerOnEveryCurveAndACsvEvent();
  void scrubBackAndChangeForksTheRun();
};

void TestHistoryScrubber::parameterChangeIsAMarkerOnEveryCurveAndACsvEvent() {
  auto w = openWindow(smallScene(300, 300));
  QVERIFY(w);
  QVERIFY(stepTo(*w, 10));
  SceneConfig scene = w->bridge()->scene();
  scene.flowParams.set("bandwidth", 0.2);
  QVERIFY(w->bridge()->applyScene(scene));
  QVERIFY(stepTo(*w, 15));
  QTRY_COMPARE(w->curves()->history().events().size(), std::size_t(1));
  const ui::CurveEvent e = w->curves()->history().events()[0];
  QCOMPARE(e.step, std::int64_t(10));
  QVERIFY2(e.label.contains("flow.bandwidth") && e.label.contains("-> 0.2"), qPrintable(e.label));
  QVERIFY(!e.label.startsWith("fork"));
  w->curves()->redraw();
  QVERIFY(!w->curves()->charts().empty());
  for (ui::CurveChart* chart : w->curves()->charts()) QCOMPARE(chart->eventCount(), 1);

  QTemporaryDir dir;
  QVERIFY(w->curves()->exportCsv(dir.filePath("c.csv")));
  QFile f(dir.filePath("c.csv"));
  QVERIFY(f.open(QIODevice::ReadOnly));
  const QStringList lines = QString::fromUtf8(f.readAll()).trimmed().split('\n');
  QVERIFY(lines[0].endsWith(",event"));
  for (const QString& line : lines.mid(1)) {
    const bool marked = line.startsWith("10,");
    QCOMPARE(line.endsWith(","), !marked);  // empty event cell except at step 10
    if (marked) QVERIFY2(line.contains("\"flow.bandwidth"), qPrintable(line));
  }
}

void TestHistoryScrubber::scrubBackAndChangeForksTheRun() {
  auto w = openWindow(smallScene(300, 300));
  QVERIFY(w);
  QVERIFY(stepTo(*w, 20));
  const int residual = column("residual");
  QTRY_COMPARE(w->curves()->history().size(), std::size_t(21));
  const double before15 = valueAt(w->curves()->history(), 15, residual);

  auto* scrubber = w->findChild<ui::HistoryScrubber*>("history.scrubber");
  QVERIFY(scrubber);
  QTRY_COMPARE(scrubber->slider()->maximum(), 20);
  QVERIFY(scrubber->slider()->minimum() <= 12);
  scrubber->slider()->setValue(12);  // as a click on the groove or a key would
  QVERIFY(waitForSnapshot(
      w->bridge(), [](const Snapshot& s) { return s.step == 12; }, 30000));
  QTRY_COMPARE(w->curves()->history().stepRange().second, 12.0);
  QCOMPARE(scrubber->slider()->maximum(), 20);  // the branch still reaches 20

  SceneConfig scene = w->bridge()->scene();
  scene.flowParams.set("bandwidth", 0.15);
  QVERIFY(w->bridge()->applyScene(scene));
  QVERIFY(stepTo(*w, 20));
  QTRY_COMPARE(w->curves()->history().size(), std::size_t(21));
  const auto& events = w->curves()->history().events();
  QCOMPARE(events.size(), std::size_t(1));
  QCOMPARE(events[0].step, std::int64_t(12));
  QVERIFY2(events[0].label.startsWith("fork: flow.bandwidth"), qPrintable(events[0].label));
  // The run continued from step 12's state with the new bandwidth: a different step 15.
  const double after15 = valueAt(w->curves()->history(), 15, residual);
  QVERIFY(std::isfinite(before15) && std::isfinite(after15));
  QVERIFY2(std::abs(after15 - before15) > 1e-9 * std::abs(before15),
           qPrintable(QString("%1 vs %2").arg(before15).arg(after15)));
  w->curves()->redraw();
  for (ui::CurveChart* chart : w->curves()->charts()) QCOMPARE(chart->eventCount(), 1);
  saveShot(w.get(), "fork_marker");
}

DRIFTLAB_GUI_TEST_MAIN(TestHistoryScrubber)
#include "tst_history_scrubber.moc"
