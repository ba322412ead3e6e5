// `driftlab sweep`: JSON summary, CSV and PNG outputs, and bad input.
#include <QImage>
#include <QtTest>

#include "cli_process.h"

namespace {
using Result = driftlab::test::CliResult;
using driftlab::test::runCli;

QString writeScene(const QTemporaryDir& dir) {
  QFile f(dir.filePath("s.json"));
  f.open(QIODevice::WriteOnly);
  f.write(R"({"particles": 100, "target": {"samples": 100}, "integrator": {"eta": 0.05}})");
  return f.fileName();
}
}  // namespace

class TestSweepCommand : public QObject {
  Q_OBJECT

 private slots:
  void writesSummaryCsvAndPlot() {
    QTemporaryDir dir;
    const Result r = runCli({"sweep", writeScene(dir), "--particles", "50,100,200", "--seeds", "2",
                             "--time", "0.5", "--bandwidth-constant", "0.5", "--csv",
                             dir.filePath("s.csv"), "--png", dir.filePath("s.png")});
    QCOMPARE(r.code, 0);
    const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QVERIFY2(o.contains("slope") && o.contains("ci95"), qPrintable(r.out));
    QCOMPARE(o["theory"].toDouble(), -1.0 / 6.0);
    QCOMPARE(o["points"].toInt(), 6);
    const double slope = o["slope"].toDouble();
    QVERIFY(o["ci95"].toArray()[0].toDouble() <= slope &&
            slope <= o["ci95"].toArray()[1].toDouble());
    QFile csv(dir.filePath("s.csv"));
    QVERIFY(csv.open(QIODevice::ReadOnly));
    const auto lines = csv.readAll().trimmed().split('\n');
    QCOMPARE(lines.size(), 7);
    QCOMPARE(lines[0],
             QByteArray("particles,seed,bandwidth,eta,mean_root_residual,final_root_residual"));
    const QImage png(dir.filePath("s.png"));
    QCOMPARE(png.size(), QSize(1200, 800));
  }

  void badInputLeavesNoFiles() {
    QTemporaryDir dir;
    const QString scene = writeScene(dir);
    const Result r = runCli({"sweep", scene, "--particles", "100", "--csv", dir.filePath("s.csv"),
                             "--png", dir.filePath("s.png")});
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.startsWith("driftlab sweep: --particles:"), qPrintable(r.err));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"s.json"});
    const Result r2 = runCli({"sweep", scene, "--particles", "10,x"});
    QCOMPARE(r2.code, 2);
    QVERIFY(r2.err.contains("--particles: got 'x'"));
  }
};

QTEST_GUILESS_MAIN(TestSweepCommand)
#include "tst_sweep_command.moc"
