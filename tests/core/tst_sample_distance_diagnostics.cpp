// sliced_w2: zero on identical sets, exact W2 in 1D, homogeneous under scaling.
#include <QtTest>

#include <algorithm>

#include "brute_force.h"
#include "diagnostics/sample_distance_diagnostics.h"

using namespace driftlab;

class TestSampleDistanceDiagnostics : public QObject {
  Q_OBJECT

 private slots:
  void identicalSetsAreAtDistanceZero() {
    const PointSet a = test::randomPoints(300, 3, 1);
    PointSet shuffled = a.colwise().reverse();
    QCOMPARE(slicedWasserstein2(a, shuffled, 32, 7), 0.0);
  }

  // In 1D every direction is +-1: sliced W2 = W2 = rms of sorted differences (1e-12).
  void equalsW2InOneDimension() {
    const PointSet a = test::randomPoints(500, 1, 2), b = test::randomPoints(500, 1, 3, 2.0, 1.0);
    std::vector<double> x(a.data(), a.data() + 500), y(b.data(), b.data() + 500);
    std::sort(x.begin(), x.end());
    std::sort(y.begin(), y.end());
    double s = 0;
    for (int i = 0; i < 500; ++i) s += (x[i] - y[i]) * (x[i] - y[i]);
    QVERIFY(std::abs(slicedWasserstein2(a, b, 16, 5) - std::sqrt(s / 500)) < 1e-12);
  }

  void scalesLinearly() {
    const PointSet a = test::randomPoints(400, 2, 4), b = test::randomPoints(400, 2, 5, 1.5);
    const double d = slicedWasserstein2(a, b, 64, 9);
    QVERIFY(d > 0.1);
    QVERIFY(std::abs(slicedWasserstein2(3.0 * a, 3.0 * b, 64, 9) - 3.0 * d) < 1e-12 * d);
  }
};

QTEST_APPLESS_MAIN(TestSampleDistanceDiagnostics)
#include "tst_sample_distance_diagnostics.moc"
