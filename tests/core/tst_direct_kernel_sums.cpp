// The exact direct kernel sums against a brute-force log-sum-exp, in every dimension.
#include <omp.h>

#include <QtTest>

#include "brute_force.h"
#include "evaluators/direct_kernel_sums.h"

using namespace driftlab;
using namespace driftlab::test;

class TestDirectKernelSums : public QObject {
  Q_OBJECT

 private slots:
  // logSum and mean against brute force, Gaussian and Laplace, d = 1..8, with and without
  // leave-one-out (relative 1e-12 on the displacement, absolute 1e-12 on logSum).
  void matchesBruteForce() {
    for (int d = 1; d <= 8; ++d) {
      for (KernelKind kind : {KernelKind::kGaussian, KernelKind::kLaplace}) {
        for (bool exclude : {false, true}) {
          const Kernel kernel{kind, 0.7};
          const PointSet s = randomPoints(600, d, 100 + d);  // > one block of 256
          const PointSet q = exclude ? s : randomPoints(33, d, 200 + d, 1.5);
          KernelSums out;
          directKernelSums(kernel, q, s, exclude, out);
          auto logk = [&](double r) { return kernel.logValue(r * r); };
          for (Eigen::Index i = 0; i < q.rows(); ++i) {
            std::vector<double> logs;
            for (Eigen::Index j = 0; j < s.rows(); ++j)
              if (!(exclude && i == j)) logs.push_back(logk((q.row(i) - s.row(j)).norm()));
            QVERIFY(std::abs(out.logSum[i] - logSumExp(logs)) <
                    1e-12 * (1 + std::abs(logSumExp(logs))));
            const Eigen::RowVectorXd disp = meanShift(q.row(i), s, logk, exclude ? i : -1);
            QVERIFY((out.mean.row(i) - q.row(i) - disp).norm() < 1e-12 * (1 + disp.norm()));
          }
        }
      }
    }
  }

  // A query 1000 bandwidths from every source: logSum finite and the mean is the nearest
  // source (its weight dominates by exp(-huge)).
  void farQueriesStayFinite() {
    PointSet s(3, 2), q(1, 2);
    s << 0, 0, 1, 0, 0, 1;
    q << 100.0, 0.0;
    KernelSums out;
    directKernelSums({KernelKind::kGaussian, 0.1}, q, s, false, out);
    QVERIFY(std::isfinite(out.logSum[0]));
    QVERIFY((out.mean.row(0) - s.row(1)).norm() < 1e-12);
    directKernelSums({KernelKind::kLaplace, 0.01}, q, s, false, out);
    QVERIFY(std::isfinite(out.logSum[0]));
    QVERIFY((out.mean.row(0) - s.row(1)).norm() < 1e-12);
  }

  // One source with leave-one-out: empty sum gives logSum = -inf and zero displacement.
  void emptySumIsZeroDisplacement() {
    PointSet s(1, 3);
    s << 1, 2, 3;
    KernelSums out;
    directKernelSums({KernelKind::kGaussian, 1.0}, s, s, true, out);
    QVERIFY(out.logSum[0] == -INFINITY);
    QVERIFY(out.mean.row(0) == s.row(0));
  }

  // Results do not depend on the thread count (bitwise).
  void independentOfThreadCount() {
    const PointSet s = randomPoints(3000, 2, 7), q = randomPoints(500, 2, 8);
    KernelSums a, b;
    omp_set_num_threads(1);
    directKernelSums({KernelKind::kLaplace, 0.3}, q, s, false, a);
    omp_set_num_threads(2);
    directKernelSums({KernelKind::kLaplace, 0.3}, q, s, false, b);
    QVERIFY(a.logSum == b.logSum);
    QVERIFY(a.mean == b.mean);
  }
};

QTEST_APPLESS_MAIN(TestDirectKernelSums)
#include "tst_direct_kernel_sums.moc"
