// The sweep's summary on synthetic points: groups per (flow, dim) or per N for bandwidth
// sweeps, the fit recovers a known slope, warnings fire when the slope moves with time, when
// seeds disagree and when runs did not settle, and stay quiet otherwise. CSV rows round-trip.
#include <QtTest>

#include "base/input_error.h"
#include "sweep/sweep_csv.h"
#include "sweep/sweep_summary.h"

using namespace driftlab;

namespace {
/// Jobs over N = 100..800 and 3 seeds; r = N^slope, the half-time value N^halfSlope.
std::vector<SweepPoint> synthetic(const std::string& flow, int dim, double slope, double halfSlope,
                                  int firstJob = 0) {
  std::vector<SweepPoint> out;
  int job = firstJob;
  for (std::int64_t n : {100, 200, 400, 800})
    for (std::uint64_t seed = 1; seed <= 3; ++seed) {
      SweepPoint p;
      p.job = job++;
      p.flow = flow;
      p.dim = dim;
      p.particles = n;
      p.seed = seed;
      const double factor = 1.0 + 0.01 * double(seed);
      p.meanRootResidual = factor * std::pow(double(n), slope);
      p.halfTimeRootResidual = 2 * factor * std::pow(double(n), halfSlope);
      p.stopTime = 10;
      p.converged = true;
      out.push_back(p);
    }
  return out;
}
}  // namespace

class TestSweepSummary : public QObject {
  Q_OBJECT

 private slots:
  void groupsPerFlowAndDim() {
    auto pts = synthetic("conservative", 1, -0.2, -0.2);
    auto more = synthetic("laplace", 2, -0.3, -0.3, 12);
    pts.insert(pts.end(), more.begin(), more.end());
    const SweepSummary s = summarizeSweep(pts);
    QCOMPARE(s.groups.size(), size_t(2));
    QCOMPARE(s.axis, SweepAxis::Particles);
    QCOMPARE(s.groups[1].flow, std::string("laplace"));
    QVERIFY(std::abs(s.groups[0].fit.slope + 0.2) < 1e-12);
    QVERIFY(std::abs(s.groups[1].fit.slope + 0.3) < 1e-12);
    QCOMPARE(s.groups[1].fit.theory, -1.0 / 6.0);
    QCOMPARE(s.groups[0].levels.size(), size_t(4));
    QCOMPARE(s.groups[0].local.size(), size_t(3));
    for (const auto& g : s.groups) QVERIFY(g.warnings.empty());
    const QString json = QString::fromStdString(sweepSummaryJson(s));
    QVERIFY(json.contains("\"groups\""));
    QVERIFY(!QJsonDocument::fromJson(json.toUtf8()).isNull());
  }

  // Half-time slope -0.25 against -0.2 at T_stop (theory -1/5): moved 0.05 > 0.1 * 0.2.
  // A move of 0.01 stays below the threshold.
  void warnsWhenTheSlopeMovesWithTime() {
    const SweepSummary moved = summarizeSweep(synthetic("conservative", 1, -0.2, -0.25));
    QCOMPARE(moved.groups[0].warnings.size(), size_t(1));
    QVERIFY(moved.groups[0].warnings[0].find("moves with time") != std::string::npos);
    QVERIFY(std::abs(moved.groups[0].halfTimeFit.slope + 0.25) < 1e-12);
    const SweepSummary steady = summarizeSweep(synthetic("conservative", 1, -0.2, -0.21));
    QVERIFY(steady.groups[0].warnings.empty());
  }

  void warnsWhenSeedsDisagreeOrRunsDidNotSettle() {
    auto pts = synthetic("conservative", 2, -0.2, -0.2);
    pts[4].meanRootResidual *= 18;  // N = 200, seed 2: 18x its twins
    pts[4].halfTimeRootResidual *= 18;
    pts[7].converged = false;
    const SweepSummary s = summarizeSweep(pts);
    int disagree = 0, unsettled = 0;
    for (const auto& w : s.groups[0].warnings) {
      disagree += w.find("N=200: seeds disagree") != std::string::npos;
      unsettled += w.find("1 of 12 runs did not become stationary") != std::string::npos;
    }
    QCOMPARE(disagree, 1);
    QCOMPARE(unsettled, 1);
    QCOMPARE(s.converged, 11);
  }

  // One N, several h: the axis is the bandwidth and each N is a group.
  void bandwidthSweepGroupsByN() {
    std::vector<SweepPoint> pts;
    int job = 0;
    for (double h : {0.1, 0.2, 0.4})
      for (std::uint64_t seed = 1; seed <= 2; ++seed) {
        SweepPoint p;
        p.job = job++, p.flow = "conservative", p.dim = 2, p.particles = 500, p.seed = seed;
        p.requestedBandwidth = h, p.meanRootResidual = p.halfTimeRootResidual = h * h;
        p.converged = true;
        pts.push_back(p);
      }
    const SweepSummary s = summarizeSweep(pts);
    QCOMPARE(s.axis, SweepAxis::Bandwidth);
    QCOMPARE(s.groups.size(), size_t(1));
    QCOMPARE(s.groups[0].fixed, 500.0);
    QVERIFY(std::abs(s.groups[0].fit.slope - 2.0) < 1e-12);
  }

  void csvRowsRoundTrip() {
    SweepPoint p = synthetic("laplace", 3, -1.0 / 7.0, -0.1)[5];
    p.bandwidth = 0.1 + 0.2;  // not a short decimal
    p.eta = 1.0 / 3.0;
    p.steps = 1234;
    const std::string line = formatSweepRow(p);
    const SweepPoint q = parseSweepRow(line, "test");
    QCOMPARE(formatSweepRow(q), line);
    QCOMPARE(q.bandwidth, p.bandwidth);
    QCOMPARE(q.meanRootResidual, p.meanRootResidual);
    QVERIFY(rowMatchesJob(q, {5, "laplace", 3, 200, 0.0, 3}));
    QVERIFY(!rowMatchesJob(q, {5, "laplace", 3, 200, 0.0, 2}));
    QVERIFY_THROWS_EXCEPTION(InputError, parseSweepRow("1,2,3", "test"));
    // Out-of-range integers are input errors, not undefined conversions.
    std::string big = line;
    big.replace(0, 1, "1e300");
    QVERIFY_THROWS_EXCEPTION(InputError, parseSweepRow(big, "test"));
    std::string seed = formatSweepRow(q);
    const auto fifth = [&] {
      size_t pos = 0;
      for (int i = 0; i < 5; ++i) pos = seed.find(',', pos) + 1;
      return pos;
    }();
    seed.replace(fifth, seed.find(',', fifth) - fifth, "18446744073709551615");
    QCOMPARE(parseSweepRow(seed, "test").seed, ~std::uint64_t(0));
    seed.replace(fifth, seed.find(',', fifth) - fifth, "18446744073709551616");
    QVERIFY_THROWS_EXCEPTION(InputError, parseSweepRow(seed, "test"));
  }
};

QTEST_APPLESS_MAIN(TestSweepSummary)
#include "tst_sweep_summary.moc"
