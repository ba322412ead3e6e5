// Scale-out of `driftlab sweep`: 3 shards + `sweep-merge` give the unsharded CSV byte for byte
// and the same summary; `--resume` keeps finished rows (from the CSV or the journal of an
// interrupted run) and runs only the rest; `--plan` prints one command per job, and running
// them + merging reproduces the CSV. All runs use --threads 1 so their sums are identical.
#include <QtTest>

#include "cli_process.h"

namespace {
using Result = driftlab::test::CliResult;
using driftlab::test::runCli;

QByteArray readAll(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray("<missing " + path.toUtf8() + ">");
}

int countLines(const QString& text, const QString& needle) {
  int n = 0;
  for (const auto& line : text.split('\n')) n += line.contains(needle);
  return n;
}
}  // namespace

class TestSweepScaleOut : public QObject {
  Q_OBJECT

  QTemporaryDir m_dir;
  QString m_scene;
  QByteArray m_full, m_summary;
  /// d = 1, laplace (settles within a few time units), N = 60..240, 2 seeds: 6 jobs.
  QStringList sweep() const {
    return {"sweep", m_scene,    "--particles", "60,120,240",  "--seeds", "2",         "--max-time",
            "10",    "--window", "1",           "--tolerance", "0.05",    "--threads", "1"};
  }
  QString path(const QString& name) const { return m_dir.filePath(name); }

 private slots:
  void initTestCase() {
    m_scene = driftlab::test::writeScene(
        m_dir, "s.json",
        R"({"dim": 1, "target": {"name": "gaussian", "samples": 60}, "particles": 60,
            "flow": {"name": "laplace"}, "integrator": {"eta": 0.05}})");
    const Result r = runCli(sweep() + QStringList{"--csv", path("full.csv")});
    QCOMPARE(r.code, 0);
    QCOMPARE(countLines(r.err, "sweep: job "), 6);
    m_full = readAll(path("full.csv"));
    m_summary = r.out.toUtf8();
    QCOMPARE(m_full.count('\n'), 7);
  }

  void shardsMergeToTheUnshardedCsv() {
    QStringList parts;
    int jobs = 0;
    for (int i = 0; i < 3; ++i) {
      const QString csv = path(QString("shard%1.csv").arg(i));
      const Result r =
          runCli(sweep() + QStringList{"--shard", QString("%1/3").arg(i), "--csv", csv});
      QCOMPARE(r.code, 0);
      jobs += QJsonDocument::fromJson(r.out.toUtf8()).object()["jobs"].toInt();
      QCOMPARE(countLines(r.err, "sweep: job "), 2);  // jobs i and i + 3
      parts << csv;
    }
    QCOMPARE(jobs, 6);
    std::reverse(parts.begin(), parts.end());  // the order of the inputs does not matter
    const Result m =
        runCli(QStringList{"sweep-merge"} + parts + QStringList{"--csv", path("m.csv")});
    QCOMPARE(m.code, 0);
    QCOMPARE(readAll(path("m.csv")), m_full);
    QCOMPARE(m.out.toUtf8(), m_summary);
    // A missing shard is said, not hidden.
    const Result part = runCli({"sweep-merge", parts[0], parts[1], "--csv", path("p.csv")});
    QCOMPARE(part.code, 0);
    QVERIFY2(part.err.contains("warning: jobs 0, 3 are missing"), qPrintable(part.err));
  }

  // Shard 0 of 2 leaves jobs 0, 2, 4 in the CSV; --resume runs only 1, 3, 5.
  void resumeSkipsFinishedJobs() {
    const QString csv = path("resume.csv");
    QCOMPARE(runCli(sweep() + QStringList{"--shard", "0/2", "--csv", csv}).code, 0);
    const Result r = runCli(sweep() + QStringList{"--resume", "--csv", csv});
    QCOMPARE(r.code, 0);
    QCOMPARE(countLines(r.err, "kept from"), 3);
    QCOMPARE(countLines(r.err, ": stationary root residual"), 3);
    QCOMPARE(readAll(csv), m_full);
    QCOMPARE(r.out.toUtf8(), m_summary);
    // Everything finished: a second resume runs nothing.
    const Result again = runCli(sweep() + QStringList{"--resume", "--csv", csv});
    QCOMPARE(countLines(again.err, "kept from"), 6);
    QCOMPARE(countLines(again.err, ": stationary root residual"), 0);
    QVERIFY(!QFile::exists(csv + ".journal"));
  }

  // An interrupted run leaves no CSV but a journal (its last line cut short); --resume keeps
  // the complete rows and drops the cut one.
  void resumeFromAJournal() {
    const QString csv = path("journal.csv");
    const QList<QByteArray> lines = m_full.split('\n');
    QFile j(csv + ".journal");
    QVERIFY(j.open(QIODevice::WriteOnly));
    j.write(lines[0] + "\n" + lines[1] + "\n" + lines[2] + "\n" + lines[3].left(20));
    j.close();
    const Result r = runCli(sweep() + QStringList{"--resume", "--csv", csv});
    QCOMPARE(r.code, 0);
    QCOMPARE(countLines(r.err, "kept from"), 2);
    QCOMPARE(countLines(r.err, ": stationary root residual"), 4);
    QCOMPARE(readAll(csv), m_full);
    QVERIFY(!QFile::exists(csv + ".journal"));
    // Rows of another sweep are refused, and the CSV is left as it was.
    const Result other = runCli(
        {"sweep", m_scene, "--particles", "60,90", "--seeds", "2", "--resume", "--csv", csv});
    QCOMPARE(other.code, 2);
    QVERIFY2(other.err.contains("--resume:"), qPrintable(other.err));
    QCOMPARE(readAll(csv), m_full);
  }

  // SIGTERM in the middle of a sweep (the N = 4000 jobs take seconds; the N = 60 ones are done
  // first): the old CSV is untouched, no temporary is left, and the journal holds the two
  // finished rows whole, which --resume would keep.
  void interruptedRunKeepsTheOldCsv() {
    const QString csv = path("int.csv");
    QFile old(csv);
    QVERIFY(old.open(QIODevice::WriteOnly));
    old.write("old contents\n");
    old.close();
    QProcess p;
    p.start(DRIFTLAB_CLI, {"sweep", m_scene, "--particles", "60,4000", "--seeds", "2", "--max-time",
                           "10", "--window", "1", "--threads", "1", "--csv", csv});
    QElapsedTimer clock;
    clock.start();
    while (readAll(csv + ".journal").count('\n') < 3 && clock.elapsed() < 60000) QTest::qWait(2);
    QVERIFY(p.state() == QProcess::Running);  // still on the N = 4000 jobs
    p.terminate();
    QVERIFY(p.waitForFinished(10000));
    QCOMPARE(readAll(csv), QByteArray("old contents\n"));
    const QList<QByteArray> journal = readAll(csv + ".journal").trimmed().split('\n');
    QCOMPARE(journal.size(), 3);
    QVERIFY(journal[1].startsWith("0,laplace,1,60,0,1,"));
    QVERIFY(journal[2].startsWith("1,laplace,1,60,0,2,"));
    QCOMPARE(QDir(m_dir.path()).entryList({"int.csv.driftlab-partial*"}, QDir::Files).size(), 0);
  }

  // One command per job; each run by a shell, then merged: the unsharded CSV.
  void planRunsJobByJob() {
    const Result plan = runCli(sweep() + QStringList{"--plan", "--csv", path("plan.csv")});
    QCOMPARE(plan.code, 0);
    const QStringList commands = plan.out.trimmed().split('\n');
    QCOMPARE(commands.size(), 6);
    QVERIFY(plan.err.contains("sweep-merge"));
    QStringList csvs;
    for (int k = 0; k < commands.size(); ++k) {
      QVERIFY2(commands[k].contains(QString("--shard %1/6").arg(k)), qPrintable(commands[k]));
      QProcess sh;
      sh.start("sh", {"-c", commands[k]});
      QVERIFY(sh.waitForFinished(60000));
      QCOMPARE(sh.exitCode(), 0);
      csvs << path(QString("plan.job-%1.csv").arg(k));
    }
    const Result m =
        runCli(QStringList{"sweep-merge"} + csvs + QStringList{"--csv", path("pm.csv")});
    QCOMPARE(m.code, 0);
    QCOMPARE(readAll(path("pm.csv")), m_full);
  }
};

QTEST_GUILESS_MAIN(TestSweepScaleOut)
#include "tst_sweep_scale_out.moc"
