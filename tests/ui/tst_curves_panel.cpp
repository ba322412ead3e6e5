// CurvesPanel: every diagnostic row the engine computes reaches the curves and the CSV export
// (one row per step after single steps, where the engine computes diagnostics every step), an
// opened scene starts with clean curves, and all charts share one x range per frame.
#include <QFile>
#include <QLabel>
#include <QTemporaryDir>
#include <cmath>

#include "curve_chart.h"
#include "curves_panel.h"
#include "gui_test_support.h"
#include "registry/registry.h"
#include "scene/scene_json.h"

using namespace driftlab;
using driftlab::testing::openWindow;
using driftlab::testing::smallScene;
using driftlab::testing::waitForSnapshot;

namespace {

QStringList readLines(const QString& path) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) return {};
  return QString::fromUtf8(file.readAll()).trimmed().split('\n');
}

/// Posts `k` single steps at once (the engine queues them) and waits for the last.
bool singleSteps(ui::MainWindow& w, int k) {
  const std::int64_t target = w.bridge()->engine().latest()->step + k;
  for (int i = 0; i < k; ++i) w.bridge()->stepOnce();
  return waitForSnapshot(
      w.bridge(), [&](const Snapshot& s) { return s.step == target; }, 60000);
}

int column(const std::string& id) {
  const auto& e = diagnostics().entries();
  for (std::size_t i = 0; i < e.size(); ++i)
    if (e[i].id == id) return int(i);
  return -1;
}

}  // namespace

class TestCurvesPanel : public QObject {
  Q_OBJECT

 private slots:
  void exportedCsvHasOneRowPerStep() {
    auto w = openWindow(smallScene(300, 300));
    QVERIFY(w);
    constexpr int kSteps = 60;
    QVERIFY(singleSteps(*w, kSteps));
    QTRY_COMPARE(w->curves()->history().size(), std::size_t(kSteps + 1));
    QTemporaryDir dir;
    const QString path = dir.filePath("curves.csv");
    QVERIFY(w->curves()->exportCsv(path));
    const QStringList lines = readLines(path);
    QCOMPARE(lines.size(), kSteps + 2);  // the header, then steps 0..kSteps
    for (int s = 0; s <= kSteps; ++s)
      QVERIFY2(lines[s + 1].startsWith(QString::number(s) + ","), qPrintable(lines[s + 1]));
  }

  void openingASceneResetsTheCurves() {
    auto w = openWindow(smallScene(300, 300));
    QVERIFY(w);
    QVERIFY(singleSteps(*w, 15));
    QTRY_COMPARE(w->curves()->history().size(), std::size_t(16));
    // Another scene: other target, N, M and seed.
    SceneConfig other = smallScene(250, 350);
    other.targetName = "moons";
    other.targetParams = {};
    other.seed = 11;
    validateScene(other);
    QTemporaryDir dir;
    const QString path = dir.filePath("other.json");
    {
      QFile file(path);
      QVERIFY(file.open(QIODevice::WriteOnly));
      file.write(QByteArray::fromStdString(sceneToJson(other)));
    }
    QVERIFY(w->openScene(path));
    QCOMPARE(w->curves()->history().size(), std::size_t(0));  // cleared at once
    QVERIFY(waitForSnapshot(
        w->bridge(), [](const Snapshot& s) { return s.particles->rows() == 250 && s.step == 0; },
        10000));
    QTRY_COMPARE(w->curves()->history().size(), std::size_t(1));
    const DiagnosticRow first = w->curves()->history().rows().front();
    QCOMPARE(first.step, std::int64_t(0));
    // The same numbers as a fresh engine on that scene (ms_per_step is a timing).
    Engine fresh(loadSceneFile(path.toStdString()));
    QVERIFY(fresh.waitFor([](const Snapshot& s) { return !s.diagnostics.values.empty(); },
                          std::chrono::seconds(10)));
    const DiagnosticRow expected = fresh.latest()->diagnostics;
    QCOMPARE(first.values.size(), expected.values.size());
    for (std::size_t i = 0; i < expected.values.size(); ++i) {
      if (int(i) == column("ms_per_step")) continue;
      const double a = first.values[i], b = expected.values[i];
      const QString id = QString::fromStdString(diagnostics().entries()[i].id);
      if (std::isnan(b)) {
        QVERIFY2(std::isnan(a), qPrintable(id));
      } else {
        QVERIFY2(std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(b)),
                 qPrintable(QString("%1: %2 vs %3").arg(id).arg(a).arg(b)));
      }
    }
    QVERIFY(singleSteps(*w, 3));
    QTRY_COMPARE(w->curves()->history().size(), std::size_t(4));
    for (std::size_t i = 0; i < 4; ++i)
      QCOMPARE(w->curves()->history().rows()[i].step, std::int64_t(i));
  }

  void chartsShareOneXRange() {
    auto w = openWindow(smallScene(300, 300));
    QVERIFY(w);
    QStringList shown = w->curves()->shownIds();
    shown << "sliced_w2"
          << "ms_per_step";  // every 10th step; and a linear axis
    w->curves()->setShown(shown);
    QVERIFY(singleSteps(*w, 23));
    QTRY_COMPARE(w->curves()->history().size(), std::size_t(24));
    // The panel's own timer redraws the charts, one per tick, so all of them show the new
    // range within one round (8 charts x 80 ms). The range is the steps held, rounded up to a
    // nice number (23 -> 50).
    auto allAt50 = [&] {
      for (ui::CurveChart* chart : w->curves()->charts())
        if (chart->xRange().second != 50.0) return false;
      return true;
    };
    QTRY_VERIFY_WITH_TIMEOUT(allAt50(), 5000);
    for (ui::CurveChart* chart : w->curves()->charts()) {
      QCOMPARE(chart->xRange(), std::make_pair(0.0, 50.0));
      QVERIFY2(chart->pointCount() > 0, qPrintable(chart->id()));
    }
  }
  // An empty or partial chart says why: a diagnostic defined only for some targets (or
  // flows) names that, and a log axis counts the values <= 0 it cannot draw.
  void chartsSayWhyACurveIsMissing() {
    ui::CurvesPanel panel;
    panel.setShown({"mode_coverage", "residual"});
    const int coverage = column("mode_coverage"), residual = column("residual");
    QVERIFY(coverage >= 0 && residual >= 0);
    QVERIFY(diagnostics().entries()[std::size_t(residual)].logAxis);
    std::vector<DiagnosticRow> rows;
    for (int s = 0; s < 4; ++s) {
      DiagnosticRow row;
      row.step = s;
      row.values.assign(diagnostics().entries().size(), std::nan(""));
      row.values[std::size_t(residual)] = s == 0 ? 0.0 : 1.0 / s;
      rows.push_back(row);
    }
    panel.appendRows(rows);
    panel.redraw();
    QCOMPARE(panel.charts().size(), std::size_t(2));
    for (ui::CurveChart* chart : panel.charts()) {
      if (chart->id() == "mode_coverage")
        QCOMPARE(chart->note(), QString("defined for Gaussian-mixture targets only"));
      else
        QCOMPARE(chart->note(), QString("1 of 4 values <= 0 not drawn (log axis)"));
    }
    // A step without a value (computed every k-th step) reads the last one computed.
    rows.back().values[std::size_t(residual)] = std::nan("");
    rows.back().step = 4;
    panel.appendRows({rows.back()});
    emit panel.charts().back()->hovered(4.0);
    const QString readout = panel.findChild<QLabel*>("curves.readout")->text();
    QVERIFY2(readout.contains("residual = 0.33333 (step 3)"), qPrintable(readout));
    QVERIFY2(readout.contains("mode_coverage = -"), qPrintable(readout));
  }
  // Issue 17's diagnostics on their charts: laplace draws every one; a gradient flow draws
  // nonconservative at rounding level on its log axis and says that the Laplace residual is
  // not defined for it.
  void newDiagnosticsShowOnTheirCharts() {
    const QStringList ids = {"nonconservative",       "stein", "fisher",
                             "laplace_residual_term", "mmd2",  "energy"};
    for (const char* flow : {"laplace", "conservative"}) {
      SceneConfig scene = smallScene(300, 300);
      scene.flowName = flow;
      scene.flowParams = {};
      scene.flowParams.set("bandwidth", 0.5);
      validateScene(scene);
      auto w = openWindow(scene);
      QVERIFY(w);
      w->curves()->setShown(ids);
      QVERIFY(singleSteps(*w, 30));
      QTRY_COMPARE(w->curves()->history().size(), std::size_t(31));
      w->curves()->redraw();
      QCOMPARE(w->curves()->charts().size(), std::size_t(ids.size()));
      for (ui::CurveChart* chart : w->curves()->charts()) {
        const bool undefined =
            QString(flow) == "conservative" && chart->id() == "laplace_residual_term";
        if (undefined) {
          QCOMPARE(chart->pointCount(), 0);
          QCOMPARE(chart->note(), QString("not defined for this flow"));
        } else {
          QVERIFY2(chart->pointCount() >= 4, qPrintable(QString(flow) + " " + chart->id()));
        }
      }
      const int nc = column("nonconservative");
      QVERIFY(diagnostics().entries()[std::size_t(nc)].logAxis);
      const double last = w->curves()->history().rows().front().values[std::size_t(nc)];
      qInfo("%s: nonconservative at step 0 = %.3g", flow, last);
      if (QString(flow) == "conservative")
        QVERIFY(last <= 1e-10);
      else
        QVERIFY(last > 1e-3);
      driftlab::testing::saveShot(w.get(), QString("curves_issue17_%1").arg(flow));
    }
  }
};

DRIFTLAB_GUI_TEST_MAIN(TestCurvesPanel)
#include "tst_curves_panel.moc"
