// `driftlab run` outputs as one transaction (issue 14, cases 5-8): all targets checked before
// the first step, renamed only when all are complete, temporaries removed on signals and
// swept after SIGKILL; exit 0 only with finite numbers.
#include <signal.h>

#include <QtTest>
#include <cmath>

#include "cli_process.h"
#include "registry/registry.h"

using driftlab::test::CliResult;
using driftlab::test::runCli;
using driftlab::test::writeScene;

namespace {

/// Every entry of `dir`, hidden ones included, sorted.
QStringList entries(const QString& dir) {
  return QDir(dir).entryList(QDir::AllEntries | QDir::Hidden | QDir::NoDotAndDotDot, QDir::Name);
}

const QString kSmall = R"({"particles": 40, "target": {"samples": 40}, "steps": 3})";
// Long enough to be interrupted: the temporaries exist from before the first step.
const QString kLong = R"({"particles": 400, "target": {"samples": 400}, "steps": 100000000})";

/// Like runCli, but a run still going after `ms` is killed and reported as code -1.
CliResult runCliWithin(const QStringList& args, int ms) {
  QProcess p;
  p.start(DRIFTLAB_CLI, args);
  if (!p.waitForFinished(ms)) {
    p.kill();
    p.waitForFinished();
    return {-1, {}, "still running after " + QString::number(ms) + " ms"};
  }
  const bool normal = p.exitStatus() == QProcess::NormalExit;
  return {normal ? p.exitCode() : -1, QString::fromUtf8(p.readAllStandardOutput()),
          QString::fromUtf8(p.readAllStandardError())};
}

void expectBadInput(const CliResult& r, const QString& prefix) {
  QCOMPARE(r.code, 2);
  QVERIFY2(r.err.startsWith("driftlab run: " + prefix), qPrintable(r.err));
  QCOMPARE(r.err.count('\n'), 1);
}

}  // namespace

class TestRunOutputs : public QObject {
  Q_OBJECT

 private slots:
  // Before: the dump was renamed into place before the CSV failed.
  void failingCsvLeavesNoDump() {
    QTemporaryDir dir;
    const QString scene = writeScene(dir, "s.json", kSmall);
    QDir(dir.path()).mkdir("adir");
    const CliResult r =
        runCli({"run", scene, "--csv", dir.filePath("adir"), "--dump", dir.filePath("out")});
    expectBadInput(r, "--csv: '" + dir.filePath("adir") + "' is a directory");
    QCOMPARE(entries(dir.path()), (QStringList{"adir", "s.json"}));
    QVERIFY(entries(dir.filePath("adir")).isEmpty());
  }

  void dumpTargetThatIsADirectory() {
    QTemporaryDir dir;
    const QString scene = writeScene(dir, "s.json", kSmall);
    QDir(dir.path()).mkdir("out_data.csv");
    const CliResult r =
        runCli({"run", scene, "--csv", dir.filePath("d.csv"), "--dump", dir.filePath("out")});
    expectBadInput(r, "--dump: '" + dir.filePath("out_data.csv") + "' is a directory");
    QCOMPARE(entries(dir.path()), (QStringList{"out_data.csv", "s.json"}));
  }

  // Before: --csv out_particles.csv --dump out wrote a mix of both into one file.
  void clashingTargetsAreRefused() {
    QTemporaryDir dir;
    const QString scene = writeScene(dir, "s.json", kSmall);
    const QString csv = dir.filePath("out_particles.csv");
    const CliResult r = runCli({"run", scene, "--csv", csv, "--dump", dir.filePath("out")});
    expectBadInput(r, "--dump: '" + csv + "' is also the --csv output");
    const CliResult same = runCli(
        {"run", scene, "--csv", dir.filePath("x/../a_data.csv"), "--dump", dir.filePath("a")});
    QCOMPARE(same.code, 2);
    QCOMPARE(entries(dir.path()), QStringList{"s.json"});
  }

  // Before: an unwritable --dump was reported after all the steps; --csv "" exited 1 and
  // --dump "" wrote _particles.csv.
  void pathsAreCheckedBeforeTheFirstStep() {
    QTemporaryDir dir;
    const QString scene = writeScene(dir, "s.json", kLong);
    // The scene runs 1e8 steps: a check after the steps would never answer in time.
    const CliResult r = runCliWithin(
        {"run", scene, "--csv", dir.filePath("d.csv"), "--dump", dir.filePath("missing/out")},
        20000);
    expectBadInput(r, "--dump: cannot write '" + dir.filePath("missing/out_particles.csv") + "'");
    QVERIFY(r.err.contains("allowed: a file in an existing, writable folder"));
    expectBadInput(runCliWithin({"run", scene, "--csv", ""}, 20000),
                   "--csv: empty path; allowed: a file path");
    expectBadInput(runCliWithin({"run", scene, "--dump", ""}, 20000),
                   "--dump: empty prefix; allowed: ");
    expectBadInput(runCliWithin({"run", scene, "--dump", dir.path() + "/"}, 20000),
                   "--dump: prefix ends with '/'");
    QCOMPARE(entries(dir.path()), QStringList{"s.json"});
  }

  void successWritesAllTargets() {
    QTemporaryDir dir;
    const QString scene = writeScene(dir, "s.json", kSmall);
    const CliResult r =
        runCli({"run", scene, "--csv", dir.filePath("d.csv"), "--dump", dir.filePath("out")});
    QCOMPARE(r.code, 0);
    QCOMPARE(entries(dir.path()),
             (QStringList{"d.csv", "out_data.csv", "out_particles.csv", "s.json"}));
  }

  // Before: a killed run left "*.partial-PID" files of up to 24 MB.
  void signalsRemoveTheTemporaries_data() {
    QTest::addColumn<int>("sig");
    QTest::newRow("SIGINT") << SIGINT;
    QTest::newRow("SIGTERM") << SIGTERM;
    QTest::newRow("SIGHUP") << SIGHUP;
  }
  void signalsRemoveTheTemporaries() {
    QFETCH(int, sig);
    QTemporaryDir dir;
    const QString scene = writeScene(dir, "s.json", kLong);
    QProcess p;
    p.start(DRIFTLAB_CLI,
            {"run", scene, "--csv", dir.filePath("d.csv"), "--dump", dir.filePath("out")});
    QVERIFY(p.waitForStarted());
    QTRY_COMPARE_WITH_TIMEOUT(entries(dir.path()).size(), 4, 20000);  // 3 temporaries
    QVERIFY(entries(dir.path()).filter(".driftlab-partial-").size() == 3);
    QThread::msleep(200);  // into the steps
    ::kill(static_cast<pid_t>(p.processId()), sig);
    QVERIFY(p.waitForFinished(20000));
    QCOMPARE(p.exitStatus(), QProcess::CrashExit);  // ended by the signal, as without a handler
    QCOMPARE(entries(dir.path()), QStringList{"s.json"});
  }

  // SIGKILL cannot be handled: the next run in the folder removes what it left.
  void nextRunSweepsTemporariesOfKilledRuns() {
    QTemporaryDir dir;
    const QString scene = writeScene(dir, "s.json", kLong);
    QProcess p;
    p.start(DRIFTLAB_CLI, {"run", scene, "--csv", dir.filePath("d.csv")});
    QVERIFY(p.waitForStarted());
    QTRY_COMPARE_WITH_TIMEOUT(entries(dir.path()).size(), 2, 20000);
    p.kill();
    QVERIFY(p.waitForFinished(20000));
    const QStringList left = entries(dir.path()).filter(".driftlab-partial-");
    QCOMPARE(left.size(), 1);
    // A temporary of a live process (this test) is kept.
    const QString live = dir.filePath("keep.csv.driftlab-partial-" +
                                      QString::number(QCoreApplication::applicationPid()));
    QFile(live).open(QIODevice::WriteOnly);
    const QString small = writeScene(dir, "small.json", kSmall);
    QCOMPARE(runCli({"run", small, "--csv", dir.filePath("e.csv")}).code, 0);
    QVERIFY(!QFile::exists(dir.filePath(left.front())));
    QVERIFY(QFile::exists(live));
  }

  // Case 5 end to end: what ran with exit 0 and nan/inf in the CSV before.
  void exitZeroMeansFiniteOutput_data() {
    QTest::addColumn<QString>("json");
    QTest::newRow("h 1e-200, drift units") << R"({"particles": 50, "target": {"samples": 50},
              "flow": {"bandwidth": 1e-200, "drift_units": true}})";
    QTest::newRow("h 1e-12") << R"({"particles": 50, "target": {"samples": 50},
                                    "flow": {"bandwidth": 1e-12, "drift_units": true}})";
    QTest::newRow("h 1e-6") << R"({"particles": 50, "target": {"samples": 50},
                                   "flow": {"bandwidth": 1e-6}})";
    QTest::newRow("centre 1e300") << R"({"particles": 50, "target": {"samples": 50},
                                         "init": {"center": [1e300]}})";
    QTest::newRow("eta 1e6") << R"({"particles": 20, "target": {"samples": 20},
                                    "integrator": {"eta": 1e6}})";
  }
  void exitZeroMeansFiniteOutput() {
    QFETCH(QString, json);
    QTemporaryDir dir;
    const QString scene = writeScene(dir, "s.json", json);
    const CliResult r = runCli({"run", scene, "--steps", "3", "--csv", dir.filePath("d.csv"),
                                "--dump", dir.filePath("out")});
    QVERIFY2(r.code == 0 || r.code == 2, qPrintable(r.err));
    if (r.code == 2) {
      QCOMPARE(r.err.count('\n'), 1);
      QCOMPARE(entries(dir.path()), QStringList{"s.json"});
      return;
    }
    for (const QString name : {"d.csv", "out_particles.csv", "out_data.csv"}) {
      QFile f(dir.filePath(name));
      QVERIFY(f.open(QIODevice::ReadOnly));
      const QList<QByteArray> lines = f.readAll().split('\n');
      const QList<QByteArray> header = lines.front().split(',');
      for (int i = 1; i < lines.size(); ++i) {
        if (lines[i].isEmpty()) continue;
        const QList<QByteArray> cells = lines[i].split(',');
        for (int k = 0; k < cells.size(); ++k) {
          // nan marks "not computed at this step": sampled diagnostics (every > 1),
          // mixture-only ones and those defined for some flows only (forField); the rest of
          // the registry is computed at every step of a mixture target.
          const driftlab::DiagnosticInfo* info =
              driftlab::diagnostics().find(header.value(k).trimmed().toStdString());
          const bool everyStep = name != QString("d.csv") || !info ||
                                 (info->every == 1 && !info->mixtureOnly && !info->forField);
          bool ok = false;
          const double v = cells[k].toDouble(&ok);
          QVERIFY2(!cells[k].contains("inf"), qPrintable(name + ": " + lines[i]));
          if (everyStep) QVERIFY2(ok && std::isfinite(v), qPrintable(name + ": " + lines[i]));
        }
      }
    }
  }
};

QTEST_GUILESS_MAIN(TestRunOutputs)
#include "tst_run_outputs.moc"
