// The vectorised direct kernel against the double-precision stabilised reference
// (directKernelSums): both kernels, d = 1..8, far queries, leave-one-out, thread counts.
#include <omp.h>

#include <QtTest>
#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include "evaluators/direct_kernel_sums.h"
#include "evaluators/fast_direct_kernel_sums.h"
#include "evaluators/simd_double.h"

using namespace driftlab;

namespace {

PointSet randomPoints(Eigen::Index n, int d, double scale, double shift, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::normal_distribution<double> normal;
  PointSet p(n, d);
  for (Eigen::Index i = 0; i < n; ++i)
    for (int k = 0; k < d; ++k) p(i, k) = shift + scale * normal(rng);
  return p;
}

/// Largest relative difference: logSum relative to max(1, |logSum|), mean relative to
/// max(h, |q|, |mean - q|) (the scale of the numbers that were subtracted).
double relativeError(const KernelSums& a, const KernelSums& b, ConstPointRef q, double h) {
  double worst = 0.0;
  for (Eigen::Index i = 0; i < q.rows(); ++i) {
    if (std::isinf(a.logSum[i]) || std::isinf(b.logSum[i])) {
      if (a.logSum[i] != b.logSum[i]) return std::numeric_limits<double>::infinity();
    } else {
      worst = std::max(worst,
                       std::abs(a.logSum[i] - b.logSum[i]) / std::max(1.0, std::abs(a.logSum[i])));
    }
    const double scale = std::max({h, q.row(i).norm(), (a.mean.row(i) - q.row(i)).norm()});
    worst = std::max(worst, (a.mean.row(i) - b.mean.row(i)).norm() / scale);
  }
  return worst;
}

}  // namespace

class TestFastDirectKernelSums : public QObject {
  Q_OBJECT

 private slots:
  // Tolerance 1e-12 relative (measured: ~1e-14) for d = 1..8, Gaussian and Laplace, with
  // and without leave-one-out; the queries include points 60 h and 1000 h away.
  void matchesReferenceAllDimensions() {
    for (int d = 1; d <= 8; ++d)
      for (KernelKind kind : {KernelKind::kGaussian, KernelKind::kLaplace})
        for (bool excludeSelf : {false, true}) {
          const double h = 0.3;
          PointSet s = randomPoints(157, d, 1.0, 0.2, 10 + d);
          PointSet q = excludeSelf ? s : randomPoints(101, d, 1.3, 0.0, 20 + d);
          q(3, 0) += 60.0 * h;
          q(7, d - 1) -= 1000.0 * h;
          KernelSums ref, fast;
          const Kernel kernel{kind, h};
          directKernelSums(kernel, q, s, excludeSelf, ref);
          fastDirectKernelSums(kernel, q, s, excludeSelf, fast);
          const double err = relativeError(ref, fast, q, h);
          QVERIFY2(err <= 1e-12, qPrintable(QString("d=%1 kind=%2 self=%3 err=%4")
                                                .arg(d)
                                                .arg(int(kind))
                                                .arg(excludeSelf)
                                                .arg(err)));
        }
  }

  // A query 1e4 h from every source: the unshifted sum underflows, the redo keeps it exact:
  // logSum = -r^2 / 2h^2 to 1e-12 relative, mean = the (single) source.
  void farQueryStaysExact() {
    const double h = 0.1;
    PointSet s(1, 2), q(1, 2);
    s << 0.5, -0.25;
    q << 0.5 + 1e4 * h, -0.25;
    KernelSums out;
    fastDirectKernelSums({KernelKind::kGaussian, h}, q, s, false, out);
    QVERIFY(std::abs(out.logSum[0] - (-0.5 * 1e8)) <= 1e-12 * 0.5e8);
    QVERIFY((out.mean.row(0) - s.row(0)).norm() <= 1e-12);
    fastDirectKernelSums({KernelKind::kLaplace, h}, q, s, false, out);
    QVERIFY(std::abs(out.logSum[0] - (-1e4)) <= 1e-12 * 1e4);
    QVERIFY((out.mean.row(0) - s.row(0)).norm() <= 1e-12);
  }

  // One source left out of itself: empty sum (logSum = -inf), zero displacement.
  void emptySums() {
    PointSet s(1, 3);
    s << 1.0, 2.0, 3.0;
    KernelSums out;
    fastDirectKernelSums({KernelKind::kGaussian, 0.5}, s, s, true, out);
    QVERIFY(std::isinf(out.logSum[0]) && out.logSum[0] < 0);
    QCOMPARE(out.mean(0, 2), 3.0);
  }

  // Every query's sum runs in source order on one thread: 1 and 2 threads agree bitwise.
  void threadCountIndependent() {
    for (int d : {2, 3, 5}) {
      PointSet s = randomPoints(3001, d, 1.0, 0.0, 3);
      KernelSums one, two;
      omp_set_num_threads(1);
      fastDirectKernelSums({KernelKind::kGaussian, 0.2}, s, s, true, one);
      omp_set_num_threads(2);
      fastDirectKernelSums({KernelKind::kGaussian, 0.2}, s, s, true, two);
      QCOMPARE((one.logSum - two.logSum).cwiseAbs().maxCoeff(), 0.0);
      QCOMPARE((one.mean - two.mean).cwiseAbs().maxCoeff(), 0.0);
    }
  }

  // The explicit-self overload (used on subsets) matches leave-one-out to 1e-13 relative.
  void selfIndexOverloadMatchesLeaveOneOut() {
    PointSet s = randomPoints(500, 2, 1.0, 0.0, 4);
    KernelSums all, subset;
    const Kernel kernel{KernelKind::kGaussian, 0.15};
    fastDirectKernelSums(kernel, s, s, true, all);
    const std::vector<Eigen::Index> rows = {0, 17, 250, 251, 499};
    PointSet q(rows.size(), 2);
    for (size_t r = 0; r < rows.size(); ++r) q.row(r) = s.row(rows[r]);
    fastDirectKernelSums(kernel, q, s, rows.data(), subset);
    for (size_t r = 0; r < rows.size(); ++r) {
      QVERIFY(std::abs(all.logSum[rows[r]] - subset.logSum[r]) <=
              1e-13 * std::abs(all.logSum[rows[r]]) + 1e-13);
      QVERIFY((all.mean.row(rows[r]) - subset.mean.row(r)).norm() <= 1e-13);
    }
  }

  // The exp2 polynomial: relative error <= 1e-15 against std::exp2 on [-1020, 0].
  void exp2PolynomialAccuracy() {
    double worst = 0.0;
    for (int i = 0; i <= 200000; i += simd::kSimdLanes) {
      simd::VecD t;
      for (int l = 0; l < simd::kSimdLanes; ++l)
        t[l] = -1020.0 * std::min(i + l, 200000) / 200000.0;
      const simd::VecD e = simd::exp2NonPositive(t);
      for (int l = 0; l < simd::kSimdLanes; ++l)
        worst = std::max(worst, std::abs(e[l] / std::exp2(t[l]) - 1.0));
    }
    QVERIFY2(worst <= 1e-15, qPrintable(QString::number(worst)));
  }

  // The vectorised log used for grid sums: error <= 1e-15 max(1, |log x|) on [1e-300, 1e300],
  // std::log for zero, subnormal and infinite entries.
  void logPolynomialAccuracy() {
    std::vector<double> v, w;
    for (int i = 0; i <= 60000; ++i) v.push_back(std::pow(10.0, -300.0 + 600.0 * i / 60000.0));
    v.insert(v.end(), {1.0, std::sqrt(2.0), std::sqrt(0.5), 0.0, 1e-310,
                       std::numeric_limits<double>::infinity()});
    w = v;
    simd::logInPlace(w.data(), std::int64_t(w.size()));
    double worst = 0.0;
    for (size_t i = 0; i < v.size(); ++i) {
      const double r = std::log(v[i]);
      if (std::isinf(r)) {
        QCOMPARE(w[i], r);
        continue;
      }
      worst = std::max(worst, std::abs(w[i] - r) / std::max(1.0, std::abs(r)));
    }
    QVERIFY2(worst <= 1e-15, qPrintable(QString::number(worst)));
  }
};

QTEST_APPLESS_MAIN(TestFastDirectKernelSums)
#include "tst_fast_direct_kernel_sums.moc"
