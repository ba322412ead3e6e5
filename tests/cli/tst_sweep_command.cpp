// `driftlab sweep`: JSON summary (slope, t and bootstrap intervals, local slopes, half-time
// slope), CSV and PNG outputs, sweeps over bandwidth, dims and flows, and bad input.
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

QList<QByteArray> csvLines(const QString& path) {
  QFile csv(path);
  if (!csv.open(QIODevice::ReadOnly)) return {};
  return csv.readAll().trimmed().split('\n');
}
}  // namespace

class TestSweepCommand : public QObject {
  Q_OBJECT

 private slots:
  void writesSummaryCsvAndPlot() {
    QTemporaryDir dir;
    const Result r =
        runCli({"sweep", writeScene(dir), "--particles", "50,100,200", "--seeds", "2", "--max-time",
                "2", "--window", "0.5", "--bandwidth-constant", "0.5", "--csv",
                dir.filePath("s.csv"), "--png", dir.filePath("s.png"), "--threads", "1"});
    QCOMPARE(r.code, 0);
    const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QVERIFY2(o.contains("slope") && o.contains("ci95") && o.contains("bootstrap95"),
             qPrintable(r.out));
    QCOMPARE(o["theory"].toDouble(), -1.0 / 6.0);
    QCOMPARE(o["points"].toInt(), 6);
    QCOMPARE(o["jobs"].toInt(), 6);
    const double slope = o["slope"].toDouble();
    QVERIFY(o["ci95"].toArray()[0].toDouble() <= slope &&
            slope <= o["ci95"].toArray()[1].toDouble());
    QCOMPARE(o["local_slopes"].toArray().size(), 2);
    QCOMPARE(o["local_slopes"].toArray()[1].toObject()["from"].toDouble(), 100.0);
    QCOMPARE(o["seed_slopes"].toArray().size(), 2);
    QVERIFY(o["half_time_slope"].isDouble());
    QCOMPARE(o["levels"].toArray().size(), 3);
    const auto lines = csvLines(dir.filePath("s.csv"));
    QCOMPARE(lines.size(), 7);
    QCOMPARE(lines[0], QByteArray("job,flow,dim,particles,requested_bandwidth,seed,bandwidth,eta,"
                                  "mean_root_residual,half_time_root_residual,"
                                  "final_root_residual,stop_time,steps,converged"));
    for (int i = 1; i < lines.size(); ++i) {
      const auto f = lines[i].split(',');
      QCOMPARE(f[0].toInt(), i - 1);
      QVERIFY(f[11].toDouble() >= 1.0 - 1e-9 && f[11].toDouble() <= 2.0 + 0.06);  // T_stop
      QVERIFY(f[13] == "0" || f[13] == "1");
    }
    const QImage png(dir.filePath("s.png"));
    QCOMPARE(png.size(), QSize(1200, 800));
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files),
             (QStringList{"s.csv", "s.json", "s.png"}));  // no journal left
  }

  // --dims x --flows: one group per (flow, dim) in plan order; d = 3 runs on the isotropic
  // gaussian target (the scene's 8gaussians is 2D), theory -1/(d+4) per group.
  void dimsAndFlowsMakeGroups() {
    QTemporaryDir dir;
    const Result r =
        runCli({"sweep", writeScene(dir), "--particles", "40,80", "--seeds", "2", "--dims", "1,3",
                "--flows", "conservative,laplace", "--max-time", "0.4", "--window", "0.2",
                "--threads", "1", "--png", dir.filePath("g.png")});
    QCOMPARE(r.code, 0);
    QVERIFY2(r.err.contains("sweep: note: dim 3 runs on the 'gaussian' target"), qPrintable(r.err));
    const QJsonArray groups = QJsonDocument::fromJson(r.out.toUtf8()).object()["groups"].toArray();
    QCOMPARE(groups.size(), 4);
    const QStringList want = {"conservative 1", "conservative 3", "laplace 1", "laplace 3"};
    for (int i = 0; i < 4; ++i) {
      const QJsonObject g = groups[i].toObject();
      QCOMPARE(g["flow"].toString() + " " + QString::number(g["dim"].toInt()), want[i]);
      QCOMPARE(g["theory"].toDouble(), -1.0 / (g["dim"].toInt() + 4));
      QCOMPARE(g["points"].toInt(), 4);
    }
    QCOMPARE(QImage(dir.filePath("g.png")).size(), QSize(1200, 800));
  }

  // --bandwidths at one N: the axis is h, one group with a level per h.
  void bandwidthSweep() {
    QTemporaryDir dir;
    const Result r =
        runCli({"sweep", writeScene(dir), "--particles", "60", "--bandwidths", "0.1,0.2,0.4",
                "--seeds", "2", "--max-time", "0.4", "--window", "0.2", "--threads", "1"});
    QCOMPARE(r.code, 0);
    const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QCOMPARE(o["axis"].toString(), QString("bandwidth"));
    QCOMPARE(o["groups"].toArray().size(), 1);
    QCOMPARE(o["particles"].toDouble(), 60.0);
    QCOMPARE(o["levels"].toArray().size(), 3);
    QCOMPARE(o["levels"].toArray()[2].toObject()["x"].toDouble(), 0.4);
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
    for (const QStringList& bad : {QStringList{"--dims", "1,9"},
                                   {"--flows", "conservative,nope"},
                                   {"--shard", "3/3"},
                                   {"--tolerance", "0"},
                                   {"--max-time", "1", "--window", "0.8"},
                                   {"--plan"},
                                   {"--resume"}}) {
      const Result b = runCli(QStringList{"sweep", scene, "--particles", "50,100"} + bad);
      QVERIFY2(b.code == 2 && b.err.count('\n') == 1, qPrintable(bad.join(' ') + ": " + b.err));
    }
  }
};

QTEST_GUILESS_MAIN(TestSweepCommand)
#include "tst_sweep_command.moc"
