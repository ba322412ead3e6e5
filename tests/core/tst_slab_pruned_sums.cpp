// Slab-pruned exact sums (slab_pruned_sums.h) and the outlier faces (outlier_trim.h) against
// the double-precision direct reference: queries beyond each face of a trimmed box, with and
// without leave-one-out, a query far from every source (its slab sum is too small: summed
// over all sources), and queries inside the box; error <= 1e-12 in log sum (relative to
// max(1, |log sum|): a straggler's log sum is ~ -10^4) and 1e-12 h in the mean.
#include <QtTest>

#include <cmath>
#include <random>
#include <vector>

#include "evaluators/direct_kernel_sums.h"
#include "evaluators/slab_pruned_sums.h"

using namespace driftlab;

namespace {

PointSet normalCloud(Eigen::Index m, int d, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal;
  PointSet P(m, d);
  for (Eigen::Index i = 0; i < m; ++i)
    for (int k = 0; k < d; ++k) P(i, k) = normal(rng);
  return P;
}

GridBox cube(int d, double half) {
  GridBox box;
  box.trimmed = true;
  for (int k = 0; k < d; ++k) {
    box.lo[k] = -half;
    box.hi[k] = half;
  }
  return box;
}

/// slabPrunedSums at queries[rows] against the direct reference: empty when every answer is
/// finite and within 1e-12 (|log sum difference| / max(1, |log sum|), |mean difference| / h),
/// else what failed.
QString checkAgainstReference(const Kernel& kernel, const PointSet& queries,
                              const std::vector<Eigen::Index>& rows, const PointSet& sources,
                              const GridBox& box, bool excludeSelf) {
  KernelSums got, ref;
  got.resize(queries.rows(), queries.cols());
  slabPrunedSums(kernel, queries, rows, sources, box, excludeSelf, got);
  directKernelSums(kernel, queries, sources, excludeSelf, ref);
  double logErr = 0.0, meanErr = 0.0;
  for (const Eigen::Index i : rows) {
    if (!std::isfinite(got.logSum[i]) || !got.mean.row(i).allFinite())
      return QString("row %1 not finite").arg(i);
    logErr = std::max(
        logErr, std::abs(got.logSum[i] - ref.logSum[i]) / std::max(1.0, std::abs(ref.logSum[i])));
    meanErr = std::max(meanErr, (got.mean.row(i) - ref.mean.row(i)).norm() / kernel.scale);
  }
  if (logErr <= 1e-12 && meanErr <= 1e-12) return {};
  return QString("log error %1, mean error %2 h").arg(logErr).arg(meanErr);
}

}  // namespace

class TestSlabPrunedSums : public QObject {
  Q_OBJECT
 private slots:
  void faces() {
    const GridBox box = cube(3, 1.0);
    const double below[3] = {-1.5, 0.2, 1.2}, above[3] = {0.1, 0.0, 1.7};
    const double inside[3] = {0.9, -0.9, 0.0}, corner[3] = {1.3, -1.6, 1.1};
    QCOMPARE(outsideFace(below, box, 3), 0);    // 0.5 below axis 0 beats 0.2 above axis 2
    QCOMPARE(outsideFace(above, box, 3), 5);    // above axis 2
    QCOMPARE(outsideFace(inside, box, 3), -1);  // inside
    QCOMPARE(outsideFace(corner, box, 3), 2);   // 0.6 below axis 1 is the farthest
    const double nan[3] = {std::nan(""), 0.0, 0.0};
    QCOMPARE(outsideFace(nan, box, 3), -1);
  }

  void matchesReference_data() {
    QTest::addColumn<int>("dim");
    QTest::addColumn<bool>("excludeSelf");
    QTest::newRow("2d") << 2 << false;
    QTest::newRow("2d leave-one-out") << 2 << true;
    QTest::newRow("3d") << 3 << false;
    QTest::newRow("3d leave-one-out") << 3 << true;
  }

  void matchesReference() {
    QFETCH(int, dim);
    QFETCH(bool, excludeSelf);
    const double h = 0.2;
    const Kernel kernel{KernelKind::kGaussian, h};
    PointSet sources = normalCloud(20000, dim, 7);
    sources(0, 0) = 40.0;  // a straggler ~190 h from the others: its slab sum is tiny
    const GridBox box = cube(dim, 2.5);
    std::vector<Eigen::Index> rows, outside;
    for (Eigen::Index i = 0; i < sources.rows(); ++i) {
      const bool out = outsideFace(sources.row(i).data(), box, dim) >= 0;
      if (out) outside.push_back(i);
      if (out || i % 997 == 0) rows.push_back(i);  // the outliers and some inside
    }
    QVERIFY(outside.size() > 50);
    const QString failure = checkAgainstReference(kernel, sources, rows, sources, box, excludeSelf);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
  }

  // Queries that are not sources, one beyond each face and one 20 h beyond the cloud (its
  // slab holds no source: the full sum answers it, v ~ (nearest - x) / h^2).
  void foreignQueries() {
    const double h = 0.2;
    const Kernel kernel{KernelKind::kGaussian, h};
    const PointSet sources = normalCloud(5000, 3, 9);
    const GridBox box = cube(3, 2.0);
    PointSet queries(7, 3);
    queries.setZero();
    for (int f = 0; f < 6; ++f) queries(f, f / 2) = f % 2 ? 2.6 : -2.6;
    queries.row(6) << 9.0, 0.0, 0.0;
    const std::vector<Eigen::Index> rows = {0, 1, 2, 3, 4, 5, 6};
    const QString failure = checkAgainstReference(kernel, queries, rows, sources, box, false);
    QVERIFY2(failure.isEmpty(), qPrintable(failure));
  }
};

QTEST_APPLESS_MAIN(TestSlabPrunedSums)
#include "tst_slab_pruned_sums.moc"
