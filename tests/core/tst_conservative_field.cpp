// ConservativeField against finite differences of log p_h - log q_h and its identities.
#include <QtTest>

#include "brute_force.h"
#include "evaluators/direct_kernel_sums.h"
#include "fields/conservative_field.h"

using namespace driftlab;
using namespace driftlab::test;

class TestConservativeField : public QObject {
  Q_OBJECT

 private slots:
  void matchesFiniteDifferenceGradient_data() {
    QTest::addColumn<int>("dim");
    QTest::addColumn<double>("h");
    QTest::newRow("1d") << 1 << 0.4;
    QTest::newRow("2d") << 2 << 0.5;
    QTest::newRow("3d") << 3 << 0.7;
    QTest::newRow("5d") << 5 << 1.0;
  }
  // Tolerance: relative 1e-5 (central differences with eps = 1e-5 have O(eps^2) truncation
  // and ~1e-11 / eps round-off).
  void matchesFiniteDifferenceGradient() {
    QFETCH(int, dim);
    QFETCH(double, h);
    const PointSet data = randomPoints(60, dim, 1);
    const PointSet particles = randomPoints(40, dim, 2, 1.3, 0.4);
    const PointSet probes = randomPoints(10, dim, 3, 1.2);
    DirectBackend backend;
    ConservativeField field(h, false);
    PointSet v(probes.rows(), dim), vp(particles.rows(), dim);
    field.atPoints({particles, data, 7, backend}, probes, v);
    field.atParticles({particles, data, 7, backend}, vp);
    for (Eigen::Index i = 0; i < probes.rows(); ++i) {
      const auto g = fdGradientLogRatio(probes.row(i), data, particles, h, 1e-5);
      QVERIFY2((v.row(i) - g).norm() <= 1e-5 * std::max(1.0, g.norm()),
               qPrintable(QString("probe %1: |v - fd| = %2").arg(i).arg((v.row(i) - g).norm())));
    }
    for (Eigen::Index i = 0; i < particles.rows(); ++i) {
      const auto g = fdGradientLogRatio(particles.row(i), data, particles, h, 1e-5);
      QVERIFY((vp.row(i) - g).norm() <= 1e-5 * std::max(1.0, g.norm()));
    }
  }

  // p = q (particles are the data, self included): v = 0 to round-off.
  void vanishesWhenParticlesEqualData() {
    const PointSet pts = randomPoints(300, 2, 4);
    DirectBackend backend;
    ConservativeField field(0.3, false);
    PointSet v(pts.rows(), 2);
    field.atParticles({pts, pts, 9, backend}, v);
    QVERIFY2(v.cwiseAbs().maxCoeff() < 1e-12, qPrintable(QString::number(v.cwiseAbs().maxCoeff())));
  }

  // drift_units multiplies the score difference by h^2.
  void driftUnitsScaleByBandwidthSquared() {
    const PointSet data = randomPoints(50, 2, 5);
    const PointSet particles = randomPoints(30, 2, 6, 1.5);
    DirectBackend backend;
    PointSet a(30, 2), b(30, 2);
    ConservativeField(0.4, false).atParticles({particles, data, 1, backend}, a);
    ConservativeField(0.4, true).atParticles({particles, data, 1, backend}, b);
    QVERIFY(maxRelativeError(b, 0.16 * a) < 1e-14);
  }

  // A particle 20 bandwidths from every data point still gets a finite velocity pointing
  // at the nearest data point: v = (y_nearest - x) / h^2 up to exp(-20 h-units) corrections.
  void farParticleStillPointsAtNearestData() {
    const double h = 0.1;
    PointSet data(3, 2);
    data << 0.0, 0.0, 0.5, 0.5, -0.5, 0.3;
    PointSet particles(1, 2);
    particles << 2.0 + 20 * h, 0.0;  // 20 h beyond x = 2, nearest data (0.5, 0.5)
    DirectBackend backend;
    PointSet v(1, 2);
    ConservativeField(h, false).atParticles({particles, data, 1, backend}, v);
    QVERIFY(v.allFinite());
    const Eigen::RowVector2d expected = (data.row(1) - particles.row(0)) / (h * h);
    QVERIFY2((v.row(0) - expected).norm() < 1e-6 * expected.norm(),
             qPrintable(QString("v = (%1, %2)").arg(v(0, 0)).arg(v(0, 1))));
  }

  // Invariance: translating everything leaves v unchanged; scaling x and h by s scales
  // the score by 1/s.
  void translationAndScaling() {
    const PointSet data = randomPoints(40, 3, 7);
    const PointSet particles = randomPoints(25, 3, 8, 1.2);
    DirectBackend backend;
    PointSet v(25, 3), vt(25, 3), vs(25, 3);
    ConservativeField(0.5, false).atParticles({particles, data, 1, backend}, v);
    const PointSet dataT = data.array() + 37.0, partT = particles.array() + 37.0;
    ConservativeField(0.5, false).atParticles({partT, dataT, 2, backend}, vt);
    QVERIFY(maxRelativeError(vt, v) < 1e-9);
    const PointSet dataS = 3.0 * data, partS = 3.0 * particles;
    ConservativeField(1.5, false).atParticles({partS, dataS, 3, backend}, vs);
    QVERIFY(maxRelativeError(3.0 * vs, v) < 1e-12);
  }
};

QTEST_APPLESS_MAIN(TestConservativeField)
#include "tst_conservative_field.moc"
