// mmd2 and energy: brute force on small sets, ~0 within the null spread for two samples of one
// target, large for different targets, and the registry entries' wiring.
#include <QtTest>

#include "brute_force.h"
#include "diagnostics/diagnostic_context.h"
#include "diagnostics/sample_distance_diagnostics.h"
#include "diagnostics/two_sample_statistics.h"
#include "evaluators/direct_kernel_sums.h"
#include "registry/registry.h"
#include "targets/target.h"

using namespace driftlab;
using namespace driftlab::test;

namespace {

double bruteMmd2(const PointSet& a, const PointSet& b, const std::vector<double>& bw) {
  auto k = [&](Eigen::RowVectorXd u, Eigen::RowVectorXd v) {
    double s = 0;
    for (double w : bw) s += std::exp(-(u - v).squaredNorm() / (2 * w * w));
    return s;
  };
  const Eigen::Index n = a.rows(), m = b.rows();
  double aa = 0, bb = 0, ab = 0;
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j)
      if (i != j) aa += k(a.row(i), a.row(j));
  for (Eigen::Index i = 0; i < m; ++i)
    for (Eigen::Index j = 0; j < m; ++j)
      if (i != j) bb += k(b.row(i), b.row(j));
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < m; ++j) ab += k(a.row(i), b.row(j));
  return aa / double(n * (n - 1)) + bb / double(m * (m - 1)) - 2 * ab / double(n * m);
}

double bruteEnergy(const PointSet& a, const PointSet& b) {
  const Eigen::Index n = a.rows(), m = b.rows();
  double aa = 0, bb = 0, ab = 0;
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j)
      if (i != j) aa += (a.row(i) - a.row(j)).norm();
  for (Eigen::Index i = 0; i < m; ++i)
    for (Eigen::Index j = 0; j < m; ++j)
      if (i != j) bb += (b.row(i) - b.row(j)).norm();
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < m; ++j) ab += (a.row(i) - b.row(j)).norm();
  return 2 * ab / double(n * m) - aa / double(n * (n - 1)) - bb / double(m * (m - 1));
}

std::unique_ptr<Target> makeTarget(const char* id) {
  const auto& t = targets().require(id, "target");
  return t.make(validateParams(t.params, {}, "target"), t.dim);
}

struct Spread {
  double mean = 0, sd = 0;
};

Spread spread(const std::vector<double>& v) {
  Spread s;
  for (double x : v) s.mean += x / double(v.size());
  for (double x : v) s.sd += (x - s.mean) * (x - s.mean) / double(v.size() - 1);
  s.sd = std::sqrt(s.sd);
  return s;
}

std::vector<double> bandwidths(const PointSet& reference) {
  return mmdBandwidths(reference);
}

}  // namespace

class TestTwoSampleStatistics : public QObject {
  Q_OBJECT

 private slots:
  void matchBruteForce() {
    for (int d : {1, 2, 5}) {
      const PointSet a = randomPoints(7, d, 1 + d), b = randomPoints(11, d, 2 + d, 1.5, 0.3);
      const std::vector<double> bw{0.3, 1.0, 2.7};
      const double mmd = mmd2Unbiased(a, b, bw), ref = bruteMmd2(a, b, bw);
      QVERIFY(std::abs(mmd - ref) <= 1e-12 * std::max(1.0, std::abs(ref)));
      // The diagnostic's ladder {1/8, ..., 2} x median (one exp per pair, powers for the rest).
      const std::vector<double> ladder = mmdBandwidths(b);
      QVERIFY(std::abs(mmd2Unbiased(a, b, ladder) - bruteMmd2(a, b, ladder)) <= 1e-12);
      const double e = energyDistance(a, b), eref = bruteEnergy(a, b);
      QVERIFY(std::abs(e - eref) <= 1e-12 * std::max(1.0, std::abs(eref)));
      // Symmetric in its arguments.
      QVERIFY(std::abs(mmd2Unbiased(b, a, bw) - mmd) <= 1e-12);
      QVERIFY(std::abs(energyDistance(b, a) - e) <= 1e-12);
    }
  }

  // One particle: its law is the point mass, whose within term is k(a, a) (energy: 0).
  void singleParticleIsAPointMass() {
    const PointSet a = randomPoints(1, 2, 3), b = randomPoints(9, 2, 4);
    const std::vector<double> bw{0.5, 1.0};
    double ab = 0, bb = 0, eab = 0, ebb = 0;
    for (int j = 0; j < 9; ++j) {
      for (double w : bw) ab += std::exp(-(a.row(0) - b.row(j)).squaredNorm() / (2 * w * w));
      eab += (a.row(0) - b.row(j)).norm();
      for (int k = 0; k < 9; ++k)
        if (k != j) {
          for (double w : bw) bb += std::exp(-(b.row(k) - b.row(j)).squaredNorm() / (2 * w * w));
          ebb += (b.row(k) - b.row(j)).norm();
        }
    }
    QVERIFY(std::abs(mmd2Unbiased(a, b, bw) - (2.0 + bb / 72 - 2 * ab / 9)) < 1e-12);
    QVERIFY(std::abs(energyDistance(a, b) - (2 * eab / 9 - ebb / 72)) < 1e-12);
  }

  // Two independent samples of 8gaussians (500 each, 60 repetitions): the mean over the
  // repetitions is within 3 standard errors (sd / sqrt(60)) of 0 for both statistics. Against
  // moons (a different shape) every value exceeds the null mean by > 20 null sd; against
  // 25gaussians (same spread, other modes) mmd2 by > 10 sd and energy by > 4 sd (the energy
  // distance weighs all scales like |x - y|, so mode structure moves it less).
  void nullSpreadAndPower() {
    const auto eight = makeTarget("8gaussians"), grid = makeTarget("25gaussians"),
               moons = makeTarget("moons");
    const int reps = 60, n = 500;
    std::vector<double> mmdNull, energyNull, mmdMoons, energyMoons, mmdGrid, energyGrid;
    for (int r = 0; r < reps; ++r) {
      const PointSet a = sampleTarget(*eight, n, 1000 + r), b = sampleTarget(*eight, n, 5000 + r);
      const PointSet c = sampleTarget(*moons, n, 9000 + r), g = sampleTarget(*grid, n, 9000 + r);
      mmdNull.push_back(mmd2Unbiased(a, b, bandwidths(b)));
      energyNull.push_back(energyDistance(a, b));
      mmdMoons.push_back(mmd2Unbiased(c, b, bandwidths(b)));
      energyMoons.push_back(energyDistance(c, b));
      mmdGrid.push_back(mmd2Unbiased(g, b, bandwidths(b)));
      energyGrid.push_back(energyDistance(g, b));
    }
    const Spread m0 = spread(mmdNull), e0 = spread(energyNull);
    auto sds = [](const std::vector<double>& v, Spread null) {
      return (*std::min_element(v.begin(), v.end()) - null.mean) / null.sd;
    };
    qInfo(
        "null (n = %d, %d reps): mmd2 mean %.3g sd %.3g (%.2f SE), energy mean %.3g sd %.3g "
        "(%.2f SE)",
        n, reps, m0.mean, m0.sd, m0.mean / m0.sd * std::sqrt(double(reps)), e0.mean, e0.sd,
        e0.mean / e0.sd * std::sqrt(double(reps)));
    qInfo(
        "smallest value in null sd: moons mmd2 %.0f energy %.0f; 25gaussians mmd2 %.1f "
        "energy %.1f",
        sds(mmdMoons, m0), sds(energyMoons, e0), sds(mmdGrid, m0), sds(energyGrid, e0));
    QVERIFY(std::abs(m0.mean) <= 3 * m0.sd / std::sqrt(double(reps)));
    QVERIFY(std::abs(e0.mean) <= 3 * e0.sd / std::sqrt(double(reps)));
    QVERIFY(sds(mmdMoons, m0) > 20 && sds(energyMoons, e0) > 20);
    QVERIFY(sds(mmdGrid, m0) > 10 && sds(energyGrid, e0) > 4);
  }

  // The registry entries: particles strided to the cap against the context's fresh sample of
  // the same size, bandwidths from the fresh sample's median.
  void diagnosticsUseCappedFreshSample() {
    const auto target = makeTarget("8gaussians");
    const PointSet x = sampleTarget(*target, 3 * kSampleDistanceCap + 7, 77);
    const PointSet v = PointSet::Zero(x.rows(), 2);
    DirectBackend backend;
    DiagnosticContext c(x, v, x, 1, 0.3, backend, 0.0, target.get());
    c.setSampling(12, 40);
    const PointSet fresh = c.freshTargetSample(kSampleDistanceCap);
    const PointSet sub = stridedSubset(x, kSampleDistanceCap);
    QCOMPARE(sub.rows(), kSampleDistanceCap);
    QCOMPARE(diagnostics().require("mmd2", "d").compute(c),
             mmd2Unbiased(sub, fresh, bandwidths(fresh)));
    QCOMPARE(diagnostics().require("energy", "d").compute(c), energyDistance(sub, fresh));
  }

  void medianHeuristic() {
    PointSet a(3, 1);
    a << 0.0, 1.0, 3.0;  // distances 1, 2, 3
    QCOMPARE(medianPairwiseDistance(a), 2.0);
    QCOMPARE(medianPairwiseDistance(a.topRows(1)), 0.0);
  }
};

QTEST_APPLESS_MAIN(TestTwoSampleStatistics)
#include "tst_two_sample_statistics.moc"
