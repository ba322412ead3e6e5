// The display grid (core/engine/field_grid.cpp): the extras the analysis layers draw (curl,
// halves, Laplace decomposition) are sampled only on request and agree with the field's own
// Jacobian and parts at the grid points.
#include <QtTest>
#include <chrono>

#include "engine/engine.h"
#include "engine/field_grid.h"
#include "registry/registry.h"

using namespace driftlab;
using namespace std::chrono_literals;

namespace {

SceneConfig scene(const std::string& flow, int dim, std::int64_t n = 300, double bandwidth = 0.5) {
  SceneConfig s;
  s.dim = dim;
  s.targetName = dim == 2 ? "8gaussians" : "gmm3d";
  s.flowName = flow;
  s.flowParams.set("bandwidth", bandwidth);
  s.particles = n;
  s.samples = n;
  s.seed = 3;
  validateScene(s);
  return s;
}

GridRequest request(int dim, int resolution = 16) {
  GridRequest g;
  g.enabled = true;
  g.lo.assign(std::size_t(dim), -3.0);
  g.hi.assign(std::size_t(dim), 3.0);
  g.resolution = resolution;
  return g;
}

double maxAbs(const Vector& v) {
  return v.size() ? v.cwiseAbs().maxCoeff() : 0.0;
}

}  // namespace

class TestFieldGrid : public QObject {
  Q_OBJECT

 private slots:
  void extrasAreEmptyUnlessRequested() {
    Simulation sim(scene("laplace", 2));
    const FieldGrid g = sampleFieldGrid(sim, request(2));
    QCOMPARE(g.points.rows(), Eigen::Index(256));
    QCOMPARE(g.curl.size(), Eigen::Index(0));
    QCOMPARE(g.attraction.rows(), Eigen::Index(0));
    QCOMPARE(g.companion.rows(), Eigen::Index(0));
    QVERIFY(g.hasDecomposition);
    QVERIFY(!g.conservativeField);
  }

  void curlIsTheJacobiansScalarCurl_data() {
    QTest::addColumn<QString>("flow");
    QTest::addColumn<int>("dim");
    QTest::newRow("laplace 2D") << "laplace" << 2;
    QTest::newRow("conservative 2D") << "conservative" << 2;
    QTest::newRow("laplace 3D") << "laplace" << 3;
    QTest::newRow("conservative 3D") << "conservative" << 3;
  }
  void curlIsTheJacobiansScalarCurl() {
    QFETCH(QString, flow);
    QFETCH(int, dim);
    Simulation sim(scene(flow.toStdString(), dim));
    for (int k = 0; k < 5; ++k) sim.step();  // q no longer the initial cloud
    GridRequest r = request(dim, dim == 2 ? 16 : 8);
    r.curl = true;
    const FieldGrid g = sampleFieldGrid(sim, r);
    QCOMPARE(g.curl.size(), g.points.rows());
    const FieldJacobians j = sim.jacobiansAt(g.points);
    double worst = 0.0;
    for (Eigen::Index i = 0; i < g.points.rows(); ++i) {
      const double expected = dim == 2 ? scalarCurl(j, i) : curlNorm(j, i);
      worst = std::max(worst, std::abs(g.curl[i] - expected));
    }
    QVERIFY2(worst <= 1e-12 * std::max(1.0, g.jacobianScale), qPrintable(QString::number(worst)));
    QVERIFY(g.jacobianScale > 0);
    const double ratio = maxAbs(g.curl) / g.jacobianScale;
    qInfo("%s: max |curl| / ||J||_90%% = %.3g", qPrintable(flow), ratio);
    if (flow == "conservative") {
      QVERIFY(g.conservativeField);
      QVERIFY2(ratio <= 1e-9, qPrintable(QString::number(ratio)));
    } else {
      QVERIFY(!g.conservativeField);
      QVERIFY2(ratio >= 1e-2, qPrintable(QString::number(ratio)));
    }
  }

  void halvesAndDecompositionAddUpToTheField() {
    Simulation sim(scene("laplace", 2));
    for (int k = 0; k < 3; ++k) sim.step();
    GridRequest r = request(2);
    r.halves = r.decomposition = true;
    const FieldGrid g = sampleFieldGrid(sim, r);
    const double scale = g.velocity.cwiseAbs().maxCoeff();
    QCOMPARE(g.attraction.rows(), g.points.rows());
    QVERIFY((g.attraction - g.repulsion - g.velocity).cwiseAbs().maxCoeff() <= 1e-10 * scale);
    QCOMPARE(g.companion.rows(), g.points.rows());
    QVERIFY((g.companion + g.residual - g.velocity).cwiseAbs().maxCoeff() <= 1e-10 * scale);
  }

  void decompositionIsLeftEmptyForOtherFlows() {
    Simulation sim(scene("conservative", 2));
    GridRequest r = request(2);
    r.decomposition = true;
    const FieldGrid g = sampleFieldGrid(sim, r);
    QVERIFY(!g.hasDecomposition);
    QCOMPARE(g.companion.rows(), Eigen::Index(0));
    QCOMPARE(g.residual.rows(), Eigen::Index(0));
  }

  // A request for other extras is answered at once, not at the next k-th step.
  void engineResamplesWhenTheExtrasChange() {
    Engine engine(scene("laplace", 2));
    GridRequest r = request(2);
    r.every = 1000;
    engine.post(command::SetGrid{r});
    engine.post(command::StepOnce{});
    QVERIFY(engine.waitFor([](const Snapshot& s) { return s.grid && s.step == 1; }, 5s));
    QCOMPARE(engine.latest()->grid->curl.size(), Eigen::Index(0));
    r.curl = true;
    engine.post(command::SetGrid{r});
    QVERIFY(
        engine.waitFor([](const Snapshot& s) { return s.grid && s.grid->curl.size() > 0; }, 5s));
    QCOMPARE(engine.latest()->grid->step, std::int64_t(1));
  }

  // What the extras cost on the GUI's grids (2D: 64^2 at N = M = 4000; 3D: 24^3 at N = M =
  // 1000, a quarter of the 4000's cost) - reported, not checked.
  void extrasCostOnTheDisplayGrid_data() {
    QTest::addColumn<QString>("flow");
    QTest::addColumn<int>("dim");
    QTest::addColumn<int>("n");
    QTest::newRow("laplace 2D") << "laplace" << 2 << 4000;
    QTest::newRow("conservative 2D") << "conservative" << 2 << 4000;
    QTest::newRow("laplace 3D") << "laplace" << 3 << 1000;
  }
  void extrasCostOnTheDisplayGrid() {
    QFETCH(QString, flow);
    QFETCH(int, dim);
    QFETCH(int, n);
    Simulation sim(scene(flow.toStdString(), dim, n, 0.3));
    GridRequest r = request(dim, dim == 2 ? 64 : 24);
    auto time = [&](const GridRequest& q) {
      const auto t0 = std::chrono::steady_clock::now();
      const FieldGrid g = sampleFieldGrid(sim, q);
      return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0)
          .count();
    };
    time(r);  // warm-up (backend caches)
    const double plain = time(r);
    r.curl = true;
    const double curl = time(r);
    r.curl = false;
    r.halves = true;
    const double halves = time(r);
    r.halves = false;
    r.decomposition = true;
    const double parts = time(r);
    qInfo(
        "%s N=M=%d, %d^%d grid: plain %.0f ms, with curl %.0f ms, with halves %.0f ms, "
        "with decomposition %.0f ms",
        qPrintable(flow), n, r.resolution, dim, plain, curl, halves, parts);
  }
};

QTEST_GUILESS_MAIN(TestFieldGrid)
#include "tst_field_grid.moc"
