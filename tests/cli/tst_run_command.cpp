// `driftlab run`: CSV and dump formats, determinism, exit codes and bad-input messages.
#include <QtTest>

#include "cli_process.h"

#include "fields/drift_field.h"
#include "registry/registry.h"

using namespace driftlab;

namespace {

using Result = driftlab::test::CliResult;
using driftlab::test::runCli;
using driftlab::test::writeScene;

QList<QStringList> readCsv(const QString& path) {
  QFile f(path);
  f.open(QIODevice::ReadOnly);
  QList<QStringList> rows;
  for (const QByteArray& line : f.readAll().split('\n'))
    if (!line.isEmpty()) rows.append(QString::fromUtf8(line).split(','));
  return rows;
}

const QString kSmall = R"({"particles": 300, "target": {"name": "8gaussians", "samples": 400},
  "flow": {"name": "laplace", "bandwidth": 0.5}, "steps": 20})";

}  // namespace

class TestRunCommand : public QObject {
  Q_OBJECT

 private slots:
  void csvHasHeaderAndOneRowPerStep() {
    QTemporaryDir dir;
    const QString scene = writeScene(dir, "s.json", kSmall);
    const Result r = runCli({"run", scene, "--steps", "7", "--csv", dir.filePath("d.csv")});
    QCOMPARE(r.code, 0);
    QVERIFY(r.out.contains(dir.filePath("d.csv")));
    const auto rows = readCsv(dir.filePath("d.csv"));
    QStringList header{"step", "time"};
    for (const auto& id : diagnostics().ids()) header << QString::fromStdString(id);
    QCOMPARE(rows.front(), header);
    QCOMPARE(rows.size(), 1 + 8);  // steps 0..7
    QCOMPARE(rows[1][0], QString("0"));
    QCOMPARE(rows.back()[0], QString("7"));
  }

  // Same seed: identical CSVs (all columns but the wall-clock ms_per_step); --threads 1
  // and 2 agree to 1e-12 relative.
  void deterministic() {
    QTemporaryDir dir;
    const QString scene = writeScene(dir, "s.json", kSmall);
    QCOMPARE(runCli({"run", scene, "--csv", dir.filePath("a.csv"), "--threads", "2"}).code, 0);
    QCOMPARE(runCli({"run", scene, "--csv", dir.filePath("b.csv"), "--threads", "2"}).code, 0);
    QCOMPARE(runCli({"run", scene, "--csv", dir.filePath("c.csv"), "--threads", "1"}).code, 0);
    const auto a = readCsv(dir.filePath("a.csv")), b = readCsv(dir.filePath("b.csv")),
               c = readCsv(dir.filePath("c.csv"));
    const int msColumn = a.front().indexOf("ms_per_step");
    QVERIFY(msColumn > 0);
    QCOMPARE(a.size(), 22);
    for (int i = 0; i < a.size(); ++i) {
      for (int k = 0; k < a[i].size(); ++k) {
        if (k == msColumn) continue;
        QCOMPARE(a[i][k], b[i][k]);
        if (i == 0) continue;
        if (a[i][k] == "nan" && c[i][k] == "nan") continue;  // not computed at this step
        const double x = a[i][k].toDouble(), y = c[i][k].toDouble();
        QVERIFY2(std::abs(x - y) <= 1e-12 * std::max(1.0, std::abs(x)),
                 qPrintable(QString("row %1 col %2: %3 vs %4").arg(i).arg(k).arg(x).arg(y)));
      }
    }
  }

  void dumpWritesParticlesAndData() {
    QTemporaryDir dir;
    const QString scene = writeScene(dir, "s.json", kSmall);
    const QString prefix = dir.filePath("out");
    QCOMPARE(runCli({"run", scene, "--steps", "3", "--dump", prefix}).code, 0);
    const auto p = readCsv(prefix + "_particles.csv"), y = readCsv(prefix + "_data.csv");
    QCOMPARE(p.front(), (QStringList{"x0", "x1", "v0", "v1"}));
    QCOMPARE(p.size(), 301);
    QCOMPARE(y.front(), (QStringList{"y0", "y1"}));
    QCOMPARE(y.size(), 401);
  }

  // Bad input: exit 2, exactly one stderr line naming the field, no CSV left behind.
  void badInputIsRejected_data() {
    QTest::addColumn<QString>("json");
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QString>("field");
    QTest::newRow("malformed JSON") << "{\"particles\": 30," << QStringList{} << "scene:";
    QTest::newRow("unknown flow") << R"({"flow": {"name": "nope"}})" << QStringList{}
                                  << "flow.name:";
    QTest::newRow("zero bandwidth")
        << R"({"flow": {"bandwidth": 0.0}})" << QStringList{} << "flow.bandwidth:";
    QTest::newRow("negative bandwidth") << R"({"flow": {"name": "laplace", "bandwidth": -2}})"
                                        << QStringList{} << "flow.bandwidth:";
    QTest::newRow("negative N") << R"({"particles": -10})" << QStringList{} << "particles:";
    QTest::newRow("N too large") << R"({"particles": 100000000000})" << QStringList{}
                                 << "particles:";
    QTest::newRow("bad steps option") << "{}" << QStringList{"--steps", "-3"} << "--steps:";
    // No scene reaches a NaN state any more: the step control survives any eta, and the
    // scene's bounds (vector entries within 1e6, bandwidth >= 1e-4) keep distances finite;
    // tst_simulation checks the rejection of non-finite states.
    QTest::newRow("eta too large") << R"({"particles": 30, "integrator": {"eta": 1e300}})"
                                   << QStringList{} << "integrator.eta: got 1e+300";
  }
  void badInputIsRejected() {
    QFETCH(QString, json);
    QFETCH(QStringList, extra);
    QFETCH(QString, field);
    QTemporaryDir dir;
    const QString scene = writeScene(dir, "bad.json", json);
    const QString csv = dir.filePath("out.csv");
    const Result r =
        runCli(QStringList{"run", scene, "--csv", csv, "--dump", dir.filePath("dump")} + extra);
    QCOMPARE(r.code, 2);
    QVERIFY2(r.err.startsWith("driftlab run: " + field), qPrintable(r.err));
    QCOMPARE(r.err.count('\n'), 1);
    QCOMPARE(QDir(dir.path()).entryList(QDir::Files), QStringList{"bad.json"});
  }

  // Issue 13: conservative, Euler or Heun, eta 0.05 at h = 0.01 (eta / h^2 = 500: an
  // uncontrolled step overshoots 500-fold). Exit 0; every value due at its step finite (NaN
  // only where the registry's `every` skips the step or the entry is for other flows);
  // eta_effective in (0, 0.05] after step 0 and the time column its running sum (1e-12 relative);
  // the residual never above its value at step 0 (measured: it falls), and no particle further than
  // 4 from the origin (the 8 modes sit at radius 2 or so, the initial cloud is N(0, I)).
  void smallBandwidthStaysBounded_data() {
    QTest::addColumn<QString>("integrator");
    QTest::newRow("euler") << "euler";
    QTest::newRow("heun") << "heun";
  }
  void smallBandwidthStaysBounded() {
    QFETCH(QString, integrator);
    QTemporaryDir dir;
    const QString scene = writeScene(dir, "h.json",
                                     QString(R"({"particles": 500,
      "target": {"name": "8gaussians", "samples": 1000},
      "flow": {"name": "conservative", "bandwidth": 0.01},
      "integrator": {"name": "%1", "eta": 0.05}, "backend": "direct", "steps": 150})")
                                         .arg(integrator));
    const QString prefix = dir.filePath("out");
    const Result r = runCli({"run", scene, "--csv", dir.filePath("h.csv"), "--dump", prefix});
    QCOMPARE(r.code, 0);
    const auto rows = readCsv(dir.filePath("h.csv"));
    QCOMPARE(rows.size(), 1 + 151);
    const auto& entries = diagnostics().entries();
    // Due: the step is on the entry's schedule and the entry applies to `conservative`.
    const auto& flowInfo = flows().require("conservative", "flow.name");
    const auto field = flowInfo.make(validateParams(flowInfo.params, {}, "flow"));
    const int res = rows.front().indexOf("residual"), eta = rows.front().indexOf("eta_effective");
    QVERIFY(res > 0 && eta > 0);
    double time = 0.0;
    for (int i = 1; i < rows.size(); ++i) {
      const std::int64_t step = rows[i][0].toLongLong();
      for (int k = 2; k < rows[i].size(); ++k) {
        const auto& d = entries[k - 2];
        const bool due = step % d.every == 0 && (!d.forField || d.forField(*field));
        QVERIFY2(due == std::isfinite(rows[i][k].toDouble()),
                 qPrintable(QString("step %1 %2 = %3").arg(step).arg(rows.front()[k], rows[i][k])));
      }
      const double e = rows[i][eta].toDouble();
      QVERIFY(step == 0 ? e == 0.0 : e > 0.0 && e <= 0.05);
      time += e;
      QVERIFY(std::abs(rows[i][1].toDouble() - time) <= 1e-12 * std::max(time, 1e-300));
      QVERIFY(rows[i][res].toDouble() <= rows[1][res].toDouble());
    }
    QVERIFY(rows.back()[eta].toDouble() < 0.05);  // the control binds at this h
    const auto particles = readCsv(prefix + "_particles.csv");
    QCOMPARE(particles.size(), 501);
    for (int i = 1; i < particles.size(); ++i)
      QVERIFY(std::hypot(particles[i][0].toDouble(), particles[i][1].toDouble()) < 4.0);
  }

  // pf-ode with --steps beyond its grid: stops at t_min (steps 0..25 in the CSV, diffusion_time
  // 0.001 last), exit 0, one line on stderr saying so; exponential with laplace: exit 2 naming
  // integrator.name.
  void pfOdeStopsAtTMin() {
    QTemporaryDir dir;
    const QString scene = writeScene(dir, "p.json", R"({"particles": 200,
      "target": {"name": "8gaussians", "samples": 200},
      "flow": {"name": "pf-ode", "steps": 25}, "integrator": {"name": "exponential"}})");
    const Result r = runCli({"run", scene, "--steps", "40", "--csv", dir.filePath("p.csv")});
    QCOMPARE(r.code, 0);
    QCOMPARE(r.err.trimmed().count('\n'), 0);
    QVERIFY2(r.err.contains("after 25 of 40 steps"), qPrintable(r.err));
    const auto rows = readCsv(dir.filePath("p.csv"));
    QCOMPARE(rows.size(), 1 + 26);
    const int t = rows.front().indexOf("diffusion_time");
    QVERIFY(t > 0);
    QCOMPARE(rows[1][t].toDouble(), 1.0);
    QVERIFY(std::abs(rows.back()[t].toDouble() - 1e-3) < 1e-12);
    const QString bad = writeScene(dir, "b.json", R"({"particles": 200,
      "flow": {"name": "laplace"}, "integrator": {"name": "exponential"}})");
    const Result refused = runCli({"run", bad});
    QCOMPARE(refused.code, 2);
    QVERIFY2(refused.err.contains("integrator.name"), qPrintable(refused.err));
    QCOMPARE(refused.err.trimmed().count('\n'), 0);
  }

  void missingSceneFile() {
    const Result r = runCli({"run", "/nonexistent/scene.json"});
    QCOMPARE(r.code, 2);
    QVERIFY(r.err.contains("scene: cannot read"));
  }
};

QTEST_GUILESS_MAIN(TestRunCommand)
#include "tst_run_command.moc"
