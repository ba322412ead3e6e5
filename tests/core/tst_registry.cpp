// The registry: unique ids, every entry constructible with its defaults, targets sample in
// their own dimension, Gaussian-mixture scores match finite differences of the density.
#include <QtTest>

#include <set>

#include "brute_force.h"
#include "fields/drift_field.h"
#include "registry/registry.h"
#include "targets/gaussian_mixture.h"
#include "targets/target.h"

using namespace driftlab;

namespace {
template <class R>
bool idsUnique(const R& registry) {
  const auto ids = registry.ids();
  return std::set<std::string>(ids.begin(), ids.end()).size() == ids.size() && !ids.empty();
}
}  // namespace

class TestRegistry : public QObject {
  Q_OBJECT

 private slots:
  void idsAreUnique() {
    QVERIFY(idsUnique(flows()));
    QVERIFY(idsUnique(targets()));
    QVERIFY(idsUnique(initialClouds()));
    QVERIFY(idsUnique(integrators()));
    QVERIFY(idsUnique(backends()));
    QVERIFY(idsUnique(diagnostics()));
  }

  void requiredEntriesExist() {
    for (const char* id : {"conservative", "laplace", "gaussian-meanshift"})
      QVERIFY(flows().find(id));
    for (const char* id : {"8gaussians", "25gaussians", "moons", "swissroll", "checkerboard",
                           "rings", "gmm3d", "swissroll3d", "torus"})
      QVERIFY2(targets().find(id), id);
    for (const char* id : {"gaussian", "uniform", "collapsed", "far"})
      QVERIFY(initialClouds().find(id));
    for (const char* id : {"residual", "center", "entropy", "cross_entropy", "kl",
                           "self_interaction", "ms_per_step"})
      QVERIFY(diagnostics().find(id));
    QVERIFY(integrators().find("euler") && integrators().find("heun"));
  }

  // Every flow declares a positive bandwidth parameter and builds from its defaults.
  void flowsBuildFromDefaults() {
    for (const auto& f : flows().entries()) {
      const ParamSet p = validateParams(f.params, {}, "flow");
      QVERIFY(p.number("bandwidth") > 0);
      QVERIFY(f.make(p) != nullptr);
    }
  }

  // Targets sample finite points in their dimension; the same seed gives the same points.
  void targetsSampleDeterministically() {
    for (const auto& t : targets().entries()) {
      const int dim = t.dim == 0 ? 4 : t.dim;
      const auto target = t.make(validateParams(t.params, {}, "target"), dim);
      QCOMPARE(target->dim(), dim);
      const PointSet a = sampleTarget(*target, 500, 3), b = sampleTarget(*target, 500, 3);
      QVERIFY(a.allFinite());
      QVERIFY(a == b);
      QVERIFY(sampleTarget(*target, 100, 3, 0, 400) == a.bottomRows(100));
    }
  }

  // Exact mixture score = finite-difference gradient of the exact log-density (1e-6).
  void mixtureScoresMatchFiniteDifferences() {
    for (const auto& t : targets().entries()) {
      const auto target = t.make(validateParams(t.params, {}, "target"), t.dim == 0 ? 3 : t.dim);
      const GaussianMixture* mix = target->mixture();
      if (!mix) continue;
      const PointSet probes = test::randomPoints(5, mix->dim(), 9, 1.0);
      for (Eigen::Index i = 0; i < probes.rows(); ++i) {
        std::vector<double> s(mix->dim());
        mix->score(probes.row(i).data(), s.data());
        for (int k = 0; k < mix->dim(); ++k) {
          Eigen::RowVectorXd a = probes.row(i), b = probes.row(i);
          const double eps = 1e-6;
          a[k] += eps;
          b[k] -= eps;
          const double fd = (mix->logDensity(a.data()) - mix->logDensity(b.data())) / (2 * eps);
          QVERIFY2(std::abs(fd - s[k]) < 1e-6 * std::max(1.0, std::abs(s[k])),
                   qPrintable(QString::fromStdString(t.id)));
        }
      }
    }
  }
};

QTEST_APPLESS_MAIN(TestRegistry)
#include "tst_registry.moc"
