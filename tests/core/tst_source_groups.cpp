// Source groups (k-d leaves, source_groups.h): every point in exactly one group, each cut at
// the widest gap in the middle half of its ranks (so clusters of unequal counts are not
// sliced), group sizes at least a quarter of the parent's, the same groups for any input
// order, and no grouping for too few points.
#include <QtTest>

#include <algorithm>
#include <random>
#include <set>
#include <vector>

#include "evaluators/source_groups.h"

using namespace driftlab;

namespace {

/// 8 clusters at the corners of [-1, 1]^3, sigma 0.1, counts 300 + 60 k (unequal).
PointSet cornerClusters(std::vector<int>& label) {
  std::mt19937_64 rng(5);
  std::normal_distribution<double> normal;
  std::vector<std::array<double, 3>> rows;
  label.clear();
  for (int c = 0; c < 8; ++c)
    for (int i = 0; i < 300 + 60 * c; ++i) {
      std::array<double, 3> p;
      for (int k = 0; k < 3; ++k) p[k] = ((c >> k) & 1 ? 1.0 : -1.0) + 0.1 * normal(rng);
      rows.push_back(p);
      label.push_back(c);
    }
  PointSet Y(static_cast<Eigen::Index>(rows.size()), 3);
  for (std::size_t r = 0; r < rows.size(); ++r)
    for (int k = 0; k < 3; ++k) Y(Eigen::Index(r), k) = rows[r][k];
  return Y;
}

std::multiset<std::vector<double>> rowsOf(const PointSet& P) {
  std::multiset<std::vector<double>> s;
  for (Eigen::Index i = 0; i < P.rows(); ++i)
    s.insert({P.row(i).data(), P.row(i).data() + P.cols()});
  return s;
}

}  // namespace

class TestSourceGroups : public QObject {
  Q_OBJECT
 private slots:
  // 8 clusters of unequal size split in 3 levels: each group is one whole cluster (a median
  // cut would have sliced the clusters); together the groups hold every point once.
  void clustersAreNotSliced() {
    std::vector<int> label;
    const PointSet Y = cornerClusters(label);
    const auto groups = kdSplit(Y, 3);
    QCOMPARE(int(groups.size()), 8);
    QCOMPARE(kdGroupCount(Y.rows(), 3), 8);
    std::multiset<std::vector<double>> all;
    std::set<std::vector<int>> corners;
    for (const PointSet& g : groups) {
      QVERIFY(g.rows() > 0);
      // One cluster: every point within 0.6 of one corner (clusters are 2 apart).
      std::vector<int> corner(3);
      for (int k = 0; k < 3; ++k) corner[k] = g(0, k) > 0 ? 1 : -1;
      for (Eigen::Index i = 0; i < g.rows(); ++i)
        for (int k = 0; k < 3; ++k) QVERIFY(std::abs(g(i, k) - corner[k]) < 0.6);
      corners.insert(corner);
      for (const auto& r : rowsOf(g)) all.insert(r);
    }
    QCOMPARE(int(corners.size()), 8);
    QVERIFY(all == rowsOf(Y));
  }

  // Continuous data (no gaps): every side of every cut keeps at least a quarter of its
  // parent, so 4 levels over m points leave groups of at least m / 4^4.
  void groupSizesAreBounded() {
    std::mt19937_64 rng(9);
    std::uniform_real_distribution<double> uniform(-1.0, 1.0);
    PointSet Y(5000, 2);
    for (Eigen::Index i = 0; i < Y.rows(); ++i) Y.row(i) << uniform(rng), 3.0 * uniform(rng);
    const auto groups = kdSplit(Y, 4);
    QCOMPARE(int(groups.size()), 16);
    Eigen::Index total = 0;
    for (const PointSet& g : groups) {
      QVERIFY2(g.rows() >= 5000 / 256, qPrintable(QString::number(g.rows())));
      total += g.rows();
    }
    QCOMPARE(total, Y.rows());
  }

  // The same groups (as sets of points) whatever the input order.
  void independentOfInputOrder() {
    std::vector<int> label;
    const PointSet Y = cornerClusters(label);
    PointSet R(Y.rows(), 3);
    for (Eigen::Index i = 0; i < Y.rows(); ++i) R.row(i) = Y.row(Y.rows() - 1 - i);
    const auto a = kdSplit(Y, 3), b = kdSplit(R, 3);
    QCOMPARE(a.size(), b.size());
    for (std::size_t g = 0; g < a.size(); ++g) QVERIFY(rowsOf(a[g]) == rowsOf(b[g]));
  }

  // Too few points, or levels out of range: not grouped.
  void tooFewPointsAreNotGrouped() {
    PointSet Y = PointSet::Random(63, 3);
    QCOMPARE(kdGroupCount(63, 3), 0);
    QVERIFY(kdSplit(Y, 3).empty());
    QCOMPARE(kdGroupCount(64, 3), 8);
    QCOMPARE(int(kdSplit(PointSet::Random(64, 3), 3).size()), 8);
    QCOMPARE(kdGroupCount(1000, 0), 0);
    QCOMPARE(kdGroupCount(1 << 20, 9), 0);
  }
};

QTEST_APPLESS_MAIN(TestSourceGroups)
#include "tst_source_groups.moc"
