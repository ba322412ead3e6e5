// Fuzzing `driftlab run` (issue 14): generated scenes (every flow x normalisation x
// dimension, special values, truncation, nesting, unicode, byte flips, view state, random
// combinations) must end with exit 0 and only finite output, or exit 2 with exactly one
// line and no file; never a signal, exit 1 or a hang. Most inputs run in process (the same
// runCommand the executable calls); every 25th through the executable itself.
// DRIFTLAB_FUZZ_INPUTS / DRIFTLAB_FUZZ_SEED size the run (the `fuzz` label runs a long one).
#include <QtTest>
#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "cli/run_command.h"
#include "cli_process.h"
#include "fuzz_scenes.h"
#include "registry/registry.h"

using namespace driftlab;
using driftlab::test::FuzzCase;
using driftlab::test::FuzzSceneGenerator;

namespace {

long long envOr(const char* name, long long fallback) {
  const char* v = std::getenv(name);
  return v ? std::atoll(v) : fallback;
}

QByteArray readAll(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

/// Exit-0 output: dump files all finite; CSV cells finite except nan where a diagnostic is
/// not computed (not scheduled at this step, or nan from step 0 on: not defined here).
QString checkFiniteOutput(const QString& dir) {
  const auto& entries = diagnostics().entries();
  const QList<QByteArray> csv = readAll(dir + "/d.csv").split('\n');
  if (csv.size() < 2) return "no CSV rows";
  std::vector<bool> defined;
  for (int i = 1; i < csv.size(); ++i) {
    if (csv[i].isEmpty()) continue;
    const QList<QByteArray> cells = csv[i].split(',');
    if (cells.size() != int(entries.size()) + 2) return "CSV row width: " + csv[i];
    const long long step = cells[0].toLongLong();
    for (std::size_t k = 0; k < entries.size(); ++k) {
      const QByteArray& c = cells[int(k) + 2];
      if (defined.size() < entries.size()) defined.push_back(c != "nan");
      if (c == "nan" && (!defined[k] || step % std::max(1, entries[k].every) != 0)) continue;
      bool ok = false;
      const double v = c.toDouble(&ok);
      if (!ok || !std::isfinite(v)) return "CSV cell '" + c + "' in " + csv[i];
    }
  }
  for (const char* name : {"/out_particles.csv", "/out_data.csv"}) {
    const QList<QByteArray> lines = readAll(dir + name).split('\n');
    if (lines.size() < 2) return QString("empty ") + name;
    for (int i = 1; i < lines.size(); ++i)
      for (const QByteArray& c : lines[i].split(',')) {
        if (lines[i].isEmpty()) break;
        bool ok = false;
        const double v = c.toDouble(&ok);
        if (!ok || !std::isfinite(v)) return QString(name) + ": '" + c + "'";
      }
  }
  return {};
}

struct Tally {
  int ok = 0, bad = 0;
  double seconds = 0.0;
};

}  // namespace

class TestCliFuzz : public QObject {
  Q_OBJECT

 private slots:
  void generatedScenesExitCleanly() {
#ifdef DRIFTLAB_SANITIZED
    constexpr long long kDefaultInputs = 400;  // ASan / TSan slow every run 3-10x
    constexpr int kMaxThreads = 1;  // TSan cannot see libgomp's barriers (tests/tsan.supp)
#else
    constexpr long long kDefaultInputs = 2500;
    constexpr int kMaxThreads = 2;
#endif
    const long long inputs = envOr("DRIFTLAB_FUZZ_INPUTS", kDefaultInputs);
    const auto seed = static_cast<std::uint64_t>(envOr("DRIFTLAB_FUZZ_SEED", 14));
    FuzzSceneGenerator gen(seed);
    QTemporaryDir root;
    QVERIFY(root.isValid());
    std::map<std::string, Tally> tally;
    QElapsedTimer timer;
    timer.start();
    for (long long i = 0; i < inputs; ++i) {
      const FuzzCase input = gen.next();
      const QString dir = root.filePath(QString::number(i));
      QVERIFY(QDir().mkpath(dir + "/out"));
      const QString scene = dir + "/scene.json";
      {
        QFile f(scene);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(input.text.data(), qint64(input.text.size()));
      }
      const QString out = dir + "/out";
      const QStringList args{
          scene,        "--steps",      "3",
          "--csv",      out + "/d.csv", "--dump",
          out + "/out", "--threads",    QString::number(i % 5 == 0 ? kMaxThreads : 1)};
      int code = -1;
      QString err;
      QElapsedTimer one;
      one.start();
      if (i % 25 == 0) {
        QProcess p;
        p.start(DRIFTLAB_CLI, QStringList{"run"} + args);
        // Generous: the grid backend takes up to ~10 s on tiny 3D scenes on a loaded machine.
        const bool finished = p.waitForFinished(120000);
        if (!finished) p.kill(), p.waitForFinished();
        QVERIFY2(finished,
                 qPrintable("timeout: " + QString::fromStdString(input.text.substr(0, 300))));
        QVERIFY2(p.exitStatus() == QProcess::NormalExit,
                 qPrintable("signal: " + QString::fromStdString(input.text.substr(0, 300))));
        code = p.exitCode();
        err = QString::fromUtf8(p.readAllStandardError());
      } else {
        std::vector<std::string> a;
        for (const QString& s : args) a.push_back(s.toStdString());
        std::ostringstream o, e;
        code = runCommand(a, o, e);
        err = QString::fromStdString(e.str());
      }
      const QString what = QString("input %1 (%2): %3 -> exit %4, stderr: %5")
                               .arg(i)
                               .arg(QString::fromStdString(input.kind))
                               .arg(QString::fromStdString(input.text.substr(0, 300)))
                               .arg(code)
                               .arg(err.left(300));
      tally[input.kind].seconds += one.nsecsElapsed() * 1e-9;
      if (one.elapsed() > 2000) qInfo("slow (%lld ms): %s", one.elapsed(), qPrintable(what));
      QVERIFY2(code == 0 || code == 2, qPrintable(what));
      const QStringList files = QDir(out).entryList(QDir::Files | QDir::Hidden);
      if (code == 2) {
        QVERIFY2(err.count('\n') == 1 && err.endsWith('\n') && err.startsWith("driftlab run: "),
                 qPrintable(what));
        QVERIFY2(err.contains("; allowed: "), qPrintable(what));
        QVERIFY2(files.isEmpty(), qPrintable(what + " left " + files.join(' ')));
        ++tally[input.kind].bad;
      } else {
        QVERIFY2(files.size() == 3, qPrintable(what + " wrote " + files.join(' ')));
        const QString problem = checkFiniteOutput(out);
        QVERIFY2(problem.isEmpty(), qPrintable(what + ": " + problem));
        ++tally[input.kind].ok;
      }
      QDir(dir).removeRecursively();
    }
    QString summary;
    for (const auto& [kind, t] : tally)
      summary += QString(" %1: %2 ok / %3 refused (%4 s);")
                     .arg(QString::fromStdString(kind))
                     .arg(t.ok)
                     .arg(t.bad)
                     .arg(t.seconds, 0, 'f', 1);
    qInfo("%lld inputs (seed %llu) in %.1f s:%s", inputs, static_cast<unsigned long long>(seed),
          timer.elapsed() / 1000.0, qPrintable(summary));
    QVERIFY(tally.size() >= 8);  // every class was generated
  }
};

QTEST_GUILESS_MAIN(TestCliFuzz)
#include "tst_cli_fuzz.moc"
