// inspectPoint (the Inspector's numbers) against each flow's own DriftField evaluation.
#include <QtTest>

#include "brute_force.h"
#include "evaluators/direct_kernel_sums.h"
#include "fields/drift_field.h"
#include "fields/point_inspection.h"
#include "registry/registry.h"

using namespace driftlab;
using namespace driftlab::test;

namespace {

ParamSet flowParams(const std::string& flow, double bandwidth, const std::string& norm = "",
                    bool driftUnits = false) {
  ParamSet given;
  given.set("bandwidth", bandwidth);
  if (!norm.empty()) given.set("normalisation", norm);
  if (driftUnits) given.set("drift_units", true);
  return validateParams(flows().require(flow, "flow").params, given, "flow");
}

double relErr(const Eigen::RowVectorXd& a, const Eigen::RowVectorXd& b) {
  return (a - b).norm() / std::max(b.norm(), 1e-300);
}

}  // namespace

class TestPointInspection : public QObject {
  Q_OBJECT

 private slots:
  void matchesFieldAtParticlesAndPoints_data() {
    QTest::addColumn<QString>("flow");
    QTest::addColumn<QString>("norm");
    QTest::addColumn<bool>("driftUnits");
    QTest::addColumn<int>("dim");
    QTest::addColumn<double>("bandwidth");
    QTest::newRow("conservative 2d") << "conservative"
                                     << "" << false << 2 << 0.3;
    QTest::newRow("conservative 3d drift units") << "conservative"
                                                 << "" << true << 3 << 0.5;
    QTest::newRow("laplace 2d") << "laplace"
                                << "separate" << false << 2 << 0.4;
    QTest::newRow("laplace 3d") << "laplace"
                                << "separate" << false << 3 << 0.6;
    QTest::newRow("laplace none") << "laplace"
                                  << "none" << false << 2 << 0.4;
    QTest::newRow("gaussian-meanshift 2d") << "gaussian-meanshift"
                                           << "separate" << false << 2 << 0.3;
    QTest::newRow("gaussian-meanshift 5d") << "gaussian-meanshift"
                                           << "separate" << false << 5 << 0.9;
    QTest::newRow("gaussian-meanshift none") << "gaussian-meanshift"
                                             << "none" << false << 2 << 0.3;
    QTest::newRow("sharp-laplace") << "sharp-laplace"
                                   << "" << false << 2 << 0.4;
    QTest::newRow("mmd") << "mmd"
                         << "" << false << 2 << 0.5;
  }
  // V at every particle (leave-one-out as the flow defines it) and at free points agrees with
  // the flow's atParticles / atPoints to 1e-10 relative; weights sum to 1 on each side.
  void matchesFieldAtParticlesAndPoints() {
    QFETCH(QString, flow);
    QFETCH(QString, norm);
    QFETCH(bool, driftUnits);
    QFETCH(int, dim);
    QFETCH(double, bandwidth);
    const PointSet data = randomPoints(150, dim, 11);
    const PointSet particles = randomPoints(90, dim, 12, 1.4, 0.3);
    const PointSet probes = randomPoints(12, dim, 13, 1.5);
    const ParamSet params =
        flowParams(flow.toStdString(), bandwidth, norm.toStdString(), driftUnits);
    const auto field = flows().require(flow.toStdString(), "flow").make(params);
    DirectBackend backend;
    PointSet vp(particles.rows(), dim), vq(probes.rows(), dim);
    field->atParticles({particles, data, 3, backend}, vp);
    field->atPoints({particles, data, 3, backend}, probes, vq);
    double worst = 0.0, worstSum = 0.0;
    for (Eigen::Index i = 0; i < particles.rows(); ++i) {
      const auto r =
          inspectPoint(flow.toStdString(), params, bandwidth, data, particles, particles.row(i), i);
      QVERIFY(r.available);
      worst = std::max(worst, relErr(r.v, vp.row(i)));
      worstSum = std::max(
          {worstSum, std::abs(r.dataWeights.sum() - 1), std::abs(r.particleWeights.sum() - 1)});
      QVERIFY((r.v - (r.vPlus - r.vMinus)).norm() <= 1e-15 * r.v.norm() + 1e-300);
      if (r.selfLeftOut) QCOMPARE(r.particleWeights[i], 0.0);
    }
    for (Eigen::Index i = 0; i < probes.rows(); ++i) {
      const auto r =
          inspectPoint(flow.toStdString(), params, bandwidth, data, particles, probes.row(i));
      worst = std::max(worst, relErr(r.v, vq.row(i)));
    }
    qInfo("%s: max relative |V - field| = %.3g, max |sum w - 1| = %.3g", qPrintable(flow), worst,
          worstSum);
    QVERIFY2(worst < 1e-10, qPrintable(QString::number(worst)));
    QVERIFY2(worstSum < 1e-12, qPrintable(QString::number(worstSum)));
  }

  // Weights and nearest centres against a hand computation; the list is sorted by weight.
  void weightsAndNearestCentres() {
    PointSet data(3, 2), particles(3, 2);
    data << 0.0, 0.0, 1.0, 0.0, 3.0, 0.0;
    particles << 0.2, 0.0, 2.0, 0.0, 0.0, 1.0;
    const double h = 0.5;
    const auto r = inspectPoint("gaussian-meanshift", flowParams("gaussian-meanshift", h), h, data,
                                particles, particles.row(0), 0);
    const Eigen::Vector3d logk(-0.04 / (2 * h * h), -0.64 / (2 * h * h), -7.84 / (2 * h * h));
    const Eigen::Vector3d w = (logk.array() - logSumExp({logk[0], logk[1], logk[2]})).exp();
    QVERIFY((r.dataWeights - w).norm() < 1e-15);
    QCOMPARE(r.nearestData.size(), size_t(3));
    QCOMPARE(r.nearestData[0].index, Eigen::Index(0));
    QCOMPARE(r.nearestData[1].index, Eigen::Index(1));
    QVERIFY(r.nearestData[0].weight >= r.nearestData[1].weight);
    // Self left out: two particle centres, the particle's own weight is 0 and not listed.
    QCOMPARE(r.nearestParticles.size(), size_t(2));
    for (const auto& c : r.nearestParticles) QVERIFY(c.index != 0);
  }

  // laplace: the sharp-companion parts add up to V, and the conservative part is the
  // sharp-laplace field evaluated over the same centres (free point: self included).
  void sharpCompanionDecomposition() {
    const PointSet data = randomPoints(120, 2, 21);
    const PointSet particles = randomPoints(80, 2, 22, 1.2, 0.5);
    const double tau = 0.5;
    const PointSet probe = randomPoints(1, 2, 23);
    const auto r =
        inspectPoint("laplace", flowParams("laplace", tau), tau, data, particles, probe.row(0));
    QVERIFY(r.hasSharpParts);
    QVERIFY(relErr(r.sharpCompanion + r.sharpResidual, r.v) < 1e-13);
    const auto sharp = inspectPoint("sharp-laplace", flowParams("sharp-laplace", tau), tau, data,
                                    particles, probe.row(0));
    // c_q (s#_p - s#_q) = c_q V_sharp with c_q = S#_q / S_q.
    const double cq = sharp.vMinus.norm() > 0 ? r.vMinus.norm() / sharp.vMinus.norm() : 0.0;
    QVERIFY(relErr(r.sharpCompanion, cq * sharp.v) < 1e-12);
    const auto at = inspectPoint("laplace", flowParams("laplace", tau), tau, data, particles,
                                 particles.row(4), 4);
    QVERIFY(relErr(at.sharpCompanion + at.sharpResidual, at.v) < 1e-13);
  }

  void uncoveredFlowsSayNotAvailable() {
    const PointSet data = randomPoints(20, 2, 1), particles = randomPoints(20, 2, 2);
    const auto joint = inspectPoint("laplace", flowParams("laplace", 0.4, "joint"), 0.4, data,
                                    particles, particles.row(0), 0);
    QVERIFY(!joint.available);
    QVERIFY(QString::fromStdString(joint.reason).contains("not available"));
    const auto fdiv = inspectPoint("f-divergence", flowParams("f-divergence", 0.3), 0.3, data,
                                   particles, particles.row(0), 0);
    QVERIFY(!fdiv.available);
  }

  // Above the cap each side is subsampled; the weights still sum to 1 and the note says so.
  void capSubsamples() {
    const PointSet data = randomPoints(1000, 2, 31), particles = randomPoints(500, 2, 32);
    InspectionOptions options;
    options.maxCentres = 300;
    const auto r = inspectPoint("conservative", flowParams("conservative", 0.3), 0.3, data,
                                particles, particles.row(0), 0, options);
    QCOMPARE(r.dataStride, Eigen::Index(4));
    QCOMPARE(r.particleStride, Eigen::Index(2));
    QVERIFY(std::abs(r.dataWeights.sum() - 1) < 1e-12);
    QCOMPARE(r.dataWeights[1], 0.0);
    QVERIFY(QString::fromStdString(r.note).contains("subset"));
  }

  // The GUI recomputes for every snapshot: at the cap (200k a side) one inspection is a few
  // milliseconds of direct sums.
  void timeAtTheCap() {
    const PointSet data = randomPoints(200000, 2, 41), particles = randomPoints(200000, 2, 42);
    for (const char* flow : {"conservative", "laplace"}) {
      QElapsedTimer clock;
      clock.start();
      const auto r =
          inspectPoint(flow, flowParams(flow, 0.3), 0.3, data, particles, particles.row(0), 0);
      const double ms = double(clock.nsecsElapsed()) / 1e6;
      qInfo("%s at N = M = 200000 (2D): %.1f ms", flow, ms);
      QVERIFY(r.available && r.dataStride == 1);
      QVERIFY(ms < 2000.0);
    }
  }
};

QTEST_APPLESS_MAIN(TestPointInspection)
#include "tst_point_inspection.moc"
