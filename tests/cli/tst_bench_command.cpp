// `driftlab bench`: one JSON line with the documented keys, errors for grid backends, the
// --peak report, and one-line bad-input errors with exit code 2. No wall-clock assertions.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QtTest>

#include "cli_process.h"

namespace {

using Result = driftlab::test::CliResult;
using driftlab::test::runCli;

/// The output must be exactly one line holding one JSON object.
QJsonObject parseOneLine(const Result& r) {
  const QStringList lines = r.out.split('\n', Qt::SkipEmptyParts);
  if (lines.size() != 1) return {};
  const QJsonDocument doc = QJsonDocument::fromJson(lines.front().toUtf8());
  return doc.isObject() ? doc.object() : QJsonObject{};
}

bool hasKeys(const QJsonObject& o, const QStringList& keys) {
  for (const QString& k : keys)
    if (!o.contains(k)) return false;
  return true;
}

const QStringList kCommonKeys = {"flow",      "backend",     "dim",          "particles",
                                 "samples",   "ms_per_eval", "gpairs_per_s", "backend_id",
                                 "bandwidth", "target"};

}  // namespace

class TestBenchCommand : public QObject {
  Q_OBJECT

 private slots:
  void directPrintsOneJsonLine() {
    const Result r =
        runCli({"bench", "--flow", "conservative", "--dim", "2", "--particles", "600", "--samples",
                "500", "--bandwidth", "0.2", "--backend", "direct", "--evals", "2"});
    QCOMPARE(r.code, 0);
    const QJsonObject o = parseOneLine(r);
    QVERIFY2(hasKeys(o, kCommonKeys), qPrintable(r.out));
    QCOMPARE(o["flow"].toString(), QString("conservative"));
    QCOMPARE(o["target"].toString(), QString("8gaussians"));  // the 2D default
    QCOMPARE(o["particles"].toInt(), 600);
    QCOMPARE(o["samples"].toInt(), 500);
    QVERIFY(o["ms_per_eval"].toDouble() > 0.0);
    QVERIFY(!o.contains("max_err_h"));  // the reference itself: no error columns
  }

  // Grid backend in 2D: error columns present. Over all particles (far tail ones included,
  // where the field is large) spacing h/4 gives median err_h below 2e-4 and errors within 1%
  // of the local velocity scale (measured: max_rel_err 1.2e-3, rms_rel_err 1.2e-4).
  void fftReportsErrors() {
    const Result r =
        runCli({"bench", "--flow", "conservative", "--dim", "2", "--particles", "3000", "--samples",
                "3000", "--bandwidth", "0.1", "--backend", "fft", "--evals", "2"});
    QCOMPARE(r.code, 0);
    const QJsonObject o = parseOneLine(r);
    QVERIFY2(hasKeys(o, kCommonKeys + QStringList{"max_err_h", "median_err_h", "max_rel_err"}),
             qPrintable(r.out));
    QCOMPARE(o["backend_id"].toString(), QString("fft"));
    QVERIFY(o["median_err_h"].toDouble() <= 2e-4);
    QVERIFY(o["max_rel_err"].toDouble() <= 1e-2);
    // Errors over every particle (3000 <= the full-reference limit), none left out, and
    // relative to the local velocity scale beside the absolute ones.
    QCOMPARE(o["reference_particles"].toInt(), 3000);
    QVERIFY(o["median_rel_err"].toDouble() <= o["p99_rel_err"].toDouble());
    QVERIFY(o["p99_rel_err"].toDouble() <= o["max_rel_err"].toDouble());
    QVERIFY(o["rms_rel_err"].toDouble() > 0.0);
    QVERIFY(o["rms_rel_err"].toDouble() <= 1e-2);
    // The grids' FFT lengths, one per axis.
    const QJsonArray data = o["data_grid"].toArray(), particles = o["particle_grid"].toArray();
    QCOMPARE(data.size(), 2);
    QCOMPARE(particles.size(), 2);
    for (const auto& n : data) QVERIFY(n.toInt() >= 16);
    for (const auto& n : particles) QVERIFY(n.toInt() >= 16);
  }

  // 3D: the default target is the registry's 3D mixture; auto names what it ran.
  void autoIn3d() {
    const Result r =
        runCli({"bench", "--flow", "gaussian-meanshift", "--dim", "3", "--particles", "800",
                "--samples", "800", "--bandwidth", "0.3", "--backend", "auto", "--evals", "1"});
    QCOMPARE(r.code, 0);
    const QJsonObject o = parseOneLine(r);
    QVERIFY2(hasKeys(o, kCommonKeys + QStringList{"max_err_h", "median_err_h"}), qPrintable(r.out));
    QCOMPARE(o["target"].toString(), QString("gmm3d"));
    QVERIFY(o["backend_id"].toString().startsWith("auto:"));
    QVERIFY(o["max_err_h"].toDouble() <= 2e-3);
  }

  void peakReportsShare() {
    const Result r = runCli({"bench", "--peak"});
    QCOMPARE(r.code, 0);
    const QJsonObject o = parseOneLine(r);
    QVERIFY2(hasKeys(o, {"peak_gfma_per_s", "peak_gflops", "direct_gaussian_2d_gpairs_per_s",
                         "direct_laplace_2d_gpairs_per_s", "direct_flops_per_pair",
                         "direct_share_of_peak"}),
             qPrintable(r.out));
    QVERIFY(o["peak_gfma_per_s"].toDouble() > 0.0);
    QVERIFY(o["direct_share_of_peak"].toDouble() > 0.0);
    QCOMPARE(o["direct_flops_per_pair"].toInt(), 36);
  }

  void badInputIsOneLineAndExit2() {
    const QList<QPair<QStringList, QString>> cases = {
        {{"bench", "--backend", "gpu"}, "--backend"},
        {{"bench", "--bandwidth", "-1"}, "--bandwidth"},
        {{"bench", "--flow", "nope"}, "--flow"},
        {{"bench", "--dim", "9"}, "--dim"},
        {{"bench", "--particles", "0"}, "--particles"},
        {{"bench", "--dim", "3", "--target", "8gaussians"}, "target.name"},
        {{"bench", "--frobnicate", "1"}, "--frobnicate"},
    };
    for (const auto& [args, field] : cases) {
      const Result r = runCli(args);
      QCOMPARE(r.code, 2);
      QVERIFY(r.out.isEmpty());
      QCOMPARE(r.err.count('\n'), 1);
      QVERIFY2(r.err.contains(field) && r.err.contains("allowed"), qPrintable(r.err));
    }
  }
};

QTEST_APPLESS_MAIN(TestBenchCommand)
#include "tst_bench_command.moc"
