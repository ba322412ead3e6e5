// The FFT backend's tail grid (exact node values, cubic interpolation where a cell's
// fourth-difference error estimate is small, finer levels where it is not), checked against
// the double-precision reference with NO density mask: the deep tails between far modes of
// 8gaussians, where the weighted mean switches between modes within ~h^2 / (mode distance).
#include <QtTest>
#include <cmath>
#include <numbers>
#include <random>

#include "evaluators/cell_pruned_sums.h"
#include "evaluators/direct_kernel_sums.h"
#include "evaluators/exact_tail_grid.h"
#include "evaluators/fft_backend.h"

using namespace driftlab;

namespace {

/// 8gaussians data (radius 2, sigma 0.1) and particles from N(0, s^2 I), 2D.
void eightModes(Eigen::Index m, Eigen::Index n, double s, PointSet& Y, PointSet& X) {
  std::mt19937_64 rng(31);
  std::normal_distribution<double> normal;
  Y.resize(m, 2);
  X.resize(n, 2);
  for (Eigen::Index i = 0; i < m; ++i) {
    const double a = 2.0 * std::numbers::pi * double(i % 8) / 8.0;
    Y(i, 0) = 2.0 * std::cos(a) + 0.1 * normal(rng);
    Y(i, 1) = 2.0 * std::sin(a) + 0.1 * normal(rng);
  }
  for (Eigen::Index i = 0; i < n; ++i) X.row(i) << s * normal(rng), s * normal(rng);
}

struct TailErrors {
  double logErr = 0.0;   ///< max |log k - log k_ref|
  double meanErr = 0.0;  ///< max |mean - mean_ref| / max(h, |mean_ref - x|)
};

/// The tail grid's promise, with margin 2 over its tolerances: log k within 2e-2; the mean
/// within 4e-3 h near the data and within 4e-3 |mean - x| (0.4% of the data term) far out.
TailErrors compare(ConstPointRef X, const KernelSums& a, const KernelSums& ref, double h) {
  TailErrors e;
  for (Eigen::Index i = 0; i < a.logSum.size(); ++i) {
    const double scale = std::max(h, (ref.mean.row(i) - X.row(i)).norm());
    e.logErr = std::max(e.logErr, std::abs(a.logSum[i] - ref.logSum[i]));
    e.meanErr = std::max(e.meanErr, (a.mean.row(i) - ref.mean.row(i)).norm() / scale);
  }
  return e;
}

}  // namespace

class TestExactTailGrid : public QObject {
  Q_OBJECT
 private slots:
  // Every data-side sum of the FFT backend, tails included, against the reference: the
  // tail grid's tolerances (1e-2 in log k; in the mean 2e-3 h or 2e-3 |mean - x|) hold
  // with margin 2; most tail queries are answered by the grid, not by exact sums; once the
  // nodes are cached (second call), further calls give bitwise the same sums.
  void tailsBetweenFarModes() {
    const double h = 0.1;
    PointSet Y, X;
    eightModes(8000, 6000, 1.0, Y, X);
    const Kernel kernel{KernelKind::kGaussian, h};
    FftBackend fft;
    KernelSums a, b, c, ref;
    fft.sums(kernel, X, {Y, 7}, false, a);
    const std::int64_t tail = fft.lastTailQueries(), exact = fft.lastExactQueries();
    fft.sums(kernel, X, {Y, 7}, false, b);
    fft.sums(kernel, X, {Y, 7}, false, c);
    directKernelSums(kernel, X, Y, false, ref);
    QVERIFY(a.logSum.allFinite() && a.mean.allFinite());
    for (const KernelSums* s : {&a, &b}) {
      const TailErrors e = compare(X, *s, ref, h);
      QVERIFY2(e.logErr <= 2e-2 && e.meanErr <= 4e-3,
               qPrintable(QString("log %1 mean %2").arg(e.logErr).arg(e.meanErr)));
    }
    QVERIFY2(tail > 3000 && exact < tail / 20,
             qPrintable(QString("tail %1 exact %2").arg(tail).arg(exact)));
    QCOMPARE(b.logSum, c.logSum);
    QCOMPARE(b.mean, c.mean);
  }

  // The hierarchy at work: queries on an arc crossing the switching ray between two modes
  // need the finer levels; the grid answers them there, within tolerance, none exactly.
  void switchingRayUsesFinerLevels() {
    const double h = 0.1;
    PointSet Y, unused;
    eightModes(4000, 0, 1.0, Y, unused);
    // The ray between modes 0 (angle 0) and 1 (angle pi/4) is at angle pi/8.
    const int n = 2000;
    PointSet Q(n, 2);
    for (int i = 0; i < n; ++i) {
      const double r = 1.0, a = std::numbers::pi / 8.0 + 0.4 * (double(i) / n - 0.5);
      Q.row(i) << r * std::cos(a), r * std::sin(a);
    }
    const Kernel kernel{KernelKind::kGaussian, h};
    FftBackend fft;
    KernelSums warm;
    fft.sums(kernel, Q, {Y, 3}, false, warm);  // plans the grids, fills the nodes
    GridGeometry g = fft.plannedGeometry(kernel, {Y, 3}, 1);
    ExactTailGrid tail;
    tail.reset(g, h, 3.0, 16.0 * h);
    CellPrunedSums exact;
    exact.build(Y, h);
    std::vector<Eigen::Index> rows(n);
    for (int i = 0; i < n; ++i) rows[i] = i;
    KernelSums got, ref;
    got.resize(n, 2);
    const auto left = tail.evaluate(kernel, Q, rows, exact, got);
    exact.sums(kernel, Q, left, got);
    directKernelSums(kernel, Q, Y, false, ref);
    const auto& per = tail.lastAnswered();
    QVERIFY2(per[0] > 0 && per[1] + per[2] > 0 && left.empty(),
             qPrintable(QString("levels %1 %2 %3 exact %4")
                            .arg(per[0])
                            .arg(per[1])
                            .arg(per[2])
                            .arg(left.size())));
    const TailErrors e = compare(Q, got, ref, h);
    QVERIFY2(e.logErr <= 2e-2 && e.meanErr <= 4e-3,
             qPrintable(QString("log %1 mean %2").arg(e.logErr).arg(e.meanErr)));
    QVERIFY(tail.knownNodes() > 0);
  }

  // 3D, modes at the corners of [-1, 1]^3 (gmm3d) and particles in the tail between them: the
  // mean switches across the planes x_k = 0, too fast for the whole sums at spacing h/2 and
  // with too few queries per cell for the finer levels. The source groups (one per mode)
  // answer them: no exact sums on the second call, most of it from grouped cells, within
  // the tail grid's tolerances (margin 2) against the reference. Without groups the same
  // queries go mostly to the exact sum.
  void groupsAnswerSwitchingPlanes3d() {
    const double h = 0.2;
    std::mt19937_64 rng(41);
    std::normal_distribution<double> normal;
    PointSet Y(8000, 3), X(3000, 3);
    for (Eigen::Index i = 0; i < Y.rows(); ++i)
      for (int k = 0; k < 3; ++k) Y(i, k) = ((i >> k) & 1 ? 1.0 : -1.0) + 0.1 * normal(rng);
    for (Eigen::Index i = 0; i < X.rows(); ++i)
      for (int k = 0; k < 3; ++k) X(i, k) = 0.35 * normal(rng);  // near the centre: tails
    const Kernel kernel{KernelKind::kGaussian, h};
    KernelSums ref;
    directKernelSums(kernel, X, Y, false, ref);
    for (int levels : {3, 0}) {
      FftOptions o;
      o.tailGroupLevels3d = levels;
      FftBackend fft(o);
      KernelSums a, b;
      fft.sums(kernel, X, {Y, 9}, false, a);
      fft.sums(kernel, X, {Y, 9}, false, b);
      const std::int64_t tail = fft.lastTailQueries(), exact = fft.lastExactQueries();
      QVERIFY(b.logSum.allFinite() && b.mean.allFinite());
      if (levels == 0) {
        QVERIFY2(exact > X.rows() / 2, qPrintable(QString("ungrouped: exact %1").arg(exact)));
        continue;
      }
      QVERIFY2(tail > X.rows() / 2 && exact == 0,
               qPrintable(QString("tail %1 exact %2").arg(tail).arg(exact)));
      // The first call computed the nodes and classified the cells: count its grouped ones.
      fft.sums(kernel, X, {Y, 10}, false, a);  // a new data version: cells classified anew
      QVERIFY2(fft.lastGroupedTailQueries() > X.rows() / 4,
               qPrintable(QString("grouped %1").arg(fft.lastGroupedTailQueries())));
      for (const KernelSums* s : {&a, &b}) {
        const TailErrors e = compare(X, *s, ref, h);
        QVERIFY2(e.logErr <= 2e-2 && e.meanErr <= 4e-3,
                 qPrintable(QString("log %1 mean %2").arg(e.logErr).arg(e.meanErr)));
      }
    }
  }
};

QTEST_APPLESS_MAIN(TestExactTailGrid)
#include "tst_exact_tail_grid.moc"
