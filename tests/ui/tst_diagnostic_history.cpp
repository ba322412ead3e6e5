// DiagnosticHistory: every row is kept (the CSV export holds them all, however long the run);
// only the drawing is decimated, by min / max buckets that keep spikes.
#include <QTextStream>
#include <QtTest>
#include <cmath>

#include "diagnostic_history.h"
#include "registry/registry.h"

using namespace driftlab;

namespace {
DiagnosticRow row(std::int64_t step, double value) {
  const std::size_t width = diagnostics().entries().size();
  DiagnosticRow r{step, 0.05 * double(step), std::vector<double>(width, value)};
  return r;
}
}  // namespace

class TestDiagnosticHistory : public QObject {
  Q_OBJECT

 private slots:
  void keepsEveryRowOfALongRun() {
    ui::DiagnosticHistory h;
    constexpr std::int64_t kSteps = 300000;  // past the 200,000 rows where it used to thin
    std::vector<DiagnosticRow> batch;
    for (std::int64_t s = 0; s < kSteps; ++s) {
      batch.push_back(row(s, 1.0 + 1e-6 * double(s)));
      if (batch.size() == 1000) {
        h.append(batch);
        batch.clear();
      }
    }
    QCOMPARE(h.size(), std::size_t(kSteps));
    for (std::size_t i = 0; i < h.size(); i += 997) QCOMPARE(h.rows()[i].step, std::int64_t(i));
    QString csv;
    QTextStream out(&csv);
    h.writeCsv(out);
    out.flush();
    QCOMPARE(csv.count('\n'), qsizetype(kSteps + 1));
  }

  void decimatedDrawingKeepsSpikesAndEnds() {
    ui::DiagnosticHistory h;
    std::vector<DiagnosticRow> rows;
    for (std::int64_t s = 0; s < 100000; ++s) rows.push_back(row(s, 1.0));
    rows[31337].values[0] = 50.0;  // one spike between buckets' strides
    rows[77777].values[0] = 1e-3;  // one dip
    h.append(rows);
    const QList<QPointF> points = h.series(0, 600, false);
    QVERIFY2(points.size() <= 602, qPrintable(QString::number(points.size())));
    QCOMPARE(points.front().x(), 0.0);
    QCOMPARE(points.back().x(), 99999.0);
    bool spike = false, dip = false;
    for (const QPointF& p : points) {
      spike = spike || (p.x() == 31337.0 && p.y() == 50.0);
      dip = dip || (p.x() == 77777.0 && p.y() == 1e-3);
    }
    QVERIFY(spike);
    QVERIFY(dip);
    for (qsizetype i = 1; i < points.size(); ++i) QVERIFY(points[i].x() > points[i - 1].x());
  }

  void sparseDiagnosticsAndLogAxes() {
    ui::DiagnosticHistory h;
    std::vector<DiagnosticRow> rows;
    for (std::int64_t s = 0; s <= 50; ++s) {
      rows.push_back(row(s, s % 10 == 0 ? double(s) : std::nan("")));  // every 10th step
    }
    h.append(rows);
    const QList<QPointF> all = h.series(0, 600, false);
    QCOMPARE(all.size(), qsizetype(6));  // 0, 10, ..., 50
    const QList<QPointF> positive = h.series(0, 600, true);
    QCOMPARE(positive.size(), qsizetype(5));  // 0 has no logarithm
    QCOMPARE(h.stepRange(), std::make_pair(0.0, 50.0));
  }

  void anEarlierStepRewinds() {
    ui::DiagnosticHistory h;
    h.append({row(0, 1), row(1, 1), row(2, 1), row(3, 1)});
    h.append({row(2, 5)});  // a step back re-publishes step 2
    QCOMPARE(h.size(), std::size_t(3));
    QCOMPARE(h.rows().back().values[0], 5.0);
    h.append({row(0, 7)});  // a reset
    QCOMPARE(h.size(), std::size_t(1));
    h.append({DiagnosticRow{1, 0.05, {}}});  // a step without diagnostics is not a row
    QCOMPARE(h.size(), std::size_t(1));
  }
};

QTEST_APPLESS_MAIN(TestDiagnosticHistory)
#include "tst_diagnostic_history.moc"
