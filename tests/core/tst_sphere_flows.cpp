// Flows on the sphere S^2 (SPEC §2): every kernel flow allowed there keeps its particles on the
// sphere, its tangent field has the exact Jacobian, the vMF sampler and the sphere cloud have
// the right laws, and the flows approach the vmf-mixture target.
#include <QtTest>
#include <algorithm>
#include <cmath>
#include <numbers>

#include "base/input_error.h"
#include "diagnostics/sample_distance_diagnostics.h"
#include "engine/simulation.h"
#include "evaluators/direct_kernel_sums.h"
#include "fields/tangent_field.h"
#include "geometry/sphere_manifold.h"
#include "registry/registry.h"
#include "targets/target.h"
#include "targets/vmf_mixture.h"

using namespace driftlab;

namespace {

/// A sphere scene on vmf-mixture: flow `flow` with its defaults, particles from a cap of
/// half-angle 60 degrees about the north pole (away from the ring of modes).
SceneConfig sphereScene(const std::string& flow, const std::string& integrator,
                        std::int64_t n = 300, std::int64_t m = 400) {
  SceneConfig s;
  s.dim = 3;
  s.manifold = "sphere";
  s.targetName = "vmf-mixture";
  s.initName = "sphere";
  s.initParams.set("spread", 60.0);
  s.flowName = flow;
  s.integratorName = integrator;
  s.particles = n;
  s.samples = m;
  validateScene(s);
  return s;
}

double maxRadiusError(const PointSet& X) {
  return (X.rowwise().norm().array() - 1.0).abs().maxCoeff();
}

/// Flows the registry allows on the sphere (the others are refused by validateScene).
std::vector<std::string> sphereFlows() {
  std::vector<std::string> ids;
  for (const auto& f : flows().entries())
    if (f.onSphere) ids.push_back(f.id);
  return ids;
}

double slicedToTarget(const Simulation& sim) {
  const PointSet Y = sampleTarget(sim.target(), sim.particles().rows(), 77, 5);
  return slicedWasserstein2(sim.particles(), Y, 64, 11);
}

}  // namespace

class TestSphereFlows : public QObject {
  Q_OBJECT

 private slots:
  // Every allowed flow, Euler and Heun, 50 steps: | |x_i| - 1 | <= 1e-12 for every particle.
  void flowsKeepParticlesOnTheSphere() {
    QVERIFY(!sphereFlows().empty());
    for (const std::string& flow : sphereFlows())
      for (const char* integrator : {"euler", "heun"}) {
        const SceneConfig s = sphereScene(flow, integrator);
        Simulation sim(s);
        QVERIFY(maxRadiusError(sim.particles()) <= 1e-12);
        for (int k = 0; k < 50; ++k) sim.step();
        const double err = maxRadiusError(sim.particles());
        QVERIFY2(err <= 1e-12,
                 qPrintable(QString("%1 %2: %3").arg(flow.c_str(), integrator).arg(err)));
        // The velocities are tangent: x . v = 0 to rounding.
        const PointSet& V = sim.velocities();
        const double radial =
            (sim.particles().cwiseProduct(V)).rowwise().sum().cwiseAbs().maxCoeff();
        QVERIFY2(radial <= 1e-12 * std::max(1.0, V.cwiseAbs().maxCoeff()), flow.c_str());
      }
  }

  // Flows whose registry entry says onSphere = false are refused with one line naming
  // `manifold` (none in this branch's registry refuse it, so this loop may be empty).
  void refusedFlowsGiveAnInputError() {
    for (const auto& f : flows().entries()) {
      if (f.onSphere) continue;
      SceneConfig s = sphereScene("conservative", "euler");
      s.flowName = f.id;
      s.flowParams = {};
      try {
        validateScene(s);
        QFAIL(f.id.c_str());
      } catch (const InputError& e) {
        QCOMPARE(QString::fromStdString(e.field()), QString("manifold"));
      }
    }
  }

  // d/dx [(I - x x^T) v(x)] = P J - (x.v) I - x v^T against central differences of atPoints
  // (step 1e-6; tolerance 1e-6 max(1, |J|)), for every flow, at points on and off the sphere.
  void tangentJacobianMatchesFiniteDifferences() {
    RandomStream rng(5, StreamPurpose::kDiagnostic, 0);
    auto unitRows = [&](int n, double radius) {
      PointSet P(n, 3);
      for (int i = 0; i < n; ++i)
        for (int k = 0; k < 3; ++k) P(i, k) = rng.normal();
      retractToSphere(P);
      return PointSet(radius * P);
    };
    const PointSet X = unitRows(40, 1.0), Y = unitRows(50, 1.0);
    PointSet Q(6, 3);
    Q.topRows(3) = unitRows(3, 1.0);
    Q.bottomRows(3) = unitRows(3, 1.3);
    DirectBackend backend;
    const FieldInputs in{X, Y, 1, backend};
    for (const auto& f : flows().entries()) {
      if (!f.onSphere) continue;  // refused on the sphere (refusedFlowsGiveAnInputError)
      ParamSet p = validateParams(f.params, {}, "flow");
      p.set("bandwidth", 0.5);
      const TangentField field(f.make(p));
      PointSet v(Q.rows(), 3), jac(Q.rows(), 9), vp(Q.rows(), 3);
      field.jacobian(in, Q, false, v, jac);
      field.atPoints(in, Q, vp);
      QVERIFY2((v - vp).cwiseAbs().maxCoeff() <= 1e-12 * std::max(1.0, vp.cwiseAbs().maxCoeff()),
               f.id.c_str());
      const double eps = 1e-6;
      for (int b = 0; b < 3; ++b) {
        PointSet plus = Q, minus = Q, up(Q.rows(), 3), um(Q.rows(), 3);
        plus.col(b).array() += eps;
        minus.col(b).array() -= eps;
        field.atPoints(in, plus, up);
        field.atPoints(in, minus, um);
        const PointSet fd = (up - um) / (2 * eps);
        for (Eigen::Index i = 0; i < Q.rows(); ++i)
          for (int a = 0; a < 3; ++a) {
            const double exact = jac(i, a * 3 + b);
            QVERIFY2(std::abs(fd(i, a) - exact) <= 1e-6 * std::max(1.0, std::abs(exact)),
                     qPrintable(QString("%1 J[%2][%3] at %4: %5 vs fd %6")
                                    .arg(f.id.c_str())
                                    .arg(a)
                                    .arg(b)
                                    .arg(i)
                                    .arg(exact)
                                    .arg(fd(i, a))));
          }
      }
    }
  }

  // One vMF component, n = 20000: |mean of the samples| = A(kappa) = coth(kappa) - 1/kappa
  // within 4 standard errors. SE = sqrt(Var(mu.x) / n) with the exact variance on S^2,
  // Var(mu.x) = 1 - 2 A / kappa - A^2 (the orthogonal components add a bias of order
  // 1 / (kappa n) <= 5e-5, below a tenth of the SE).
  void vmfMeanResultantLengthMatchesConcentration() {
    const TargetInfo& info = targets().require("vmf-mixture", "target");
    const int n = 20000;
    for (double kappa : {1.0, 5.0, 20.0}) {
      ParamSet p;
      p.set("means", std::vector<double>{0.3, -0.2, 0.9});
      p.set("kappa", std::vector<double>{kappa});
      const auto target = info.make(validateParams(info.params, p, "target"), 3);
      const PointSet S = sampleTarget(*target, n, 17);
      QVERIFY(maxRadiusError(S) <= 1e-12);
      const double r = S.colwise().mean().norm();
      const double a = vmfMeanResultantLength(kappa);
      const double se = std::sqrt((1.0 - 2.0 * a / kappa - a * a) / n);
      qInfo("kappa %g: |mean| %.5f, A(kappa) %.5f, SE %.5f, z %.2f", kappa, r, a, se, (r - a) / se);
      QVERIFY2(std::abs(r - a) <= 4 * se, qPrintable(QString::number(kappa)));
      // The mean points along the (normalised) mean direction.
      const Eigen::RowVector3d mu = Eigen::RowVector3d(0.3, -0.2, 0.9).normalized();
      QVERIFY(S.colwise().mean().normalized().dot(mu) > 0.99);
    }
    QVERIFY(std::abs(vmfCosine(1e-8, 0.75) - 0.5) < 1e-6);  // kappa -> 0: w uniform on [-1, 1]
    QVERIFY(vmfCosine(1e4, 1e-300) >= -1.0);
  }

  // The uniform sphere cloud: unit rows, mean within 4 SE of 0 (SE = sqrt(1/(3n))), and z
  // uniform on [-1, 1]: Kolmogorov-Smirnov D <= 1.63 / sqrt(n) (the 1% level). The cap of
  // spread 40 degrees about +z: z >= cos(40 degrees).
  void sphereCloudIsUniform() {
    const InitInfo& info = initialClouds().require("sphere", "init");
    const auto target =
        targets()
            .require("vmf-mixture", "t")
            .make(validateParams(targets().require("vmf-mixture", "t").params, {}, "t"), 3);
    const int n = 20000;
    const auto cloud = info.make(validateParams(info.params, {}, "init"), 3, *target);
    const PointSet X = sampleCloud(*cloud, 3, n, 23);
    QVERIFY(maxRadiusError(X) <= 1e-12);
    const double se = std::sqrt(1.0 / (3.0 * n));
    QVERIFY2(X.colwise().mean().cwiseAbs().maxCoeff() <= 4 * se,
             qPrintable(QString::number(X.colwise().mean().cwiseAbs().maxCoeff())));
    std::vector<double> z(X.col(2).data(), X.col(2).data() + 0);
    for (int i = 0; i < n; ++i) z.push_back(X(i, 2));
    std::sort(z.begin(), z.end());
    double d = 0;
    for (int i = 0; i < n; ++i) {
      const double F = (z[i] + 1.0) / 2.0;
      d = std::max({d, std::abs(F - double(i) / n), std::abs(F - double(i + 1) / n)});
    }
    qInfo("KS D = %.5f (1%% critical %.5f)", d, 1.63 / std::sqrt(double(n)));
    QVERIFY(d <= 1.63 / std::sqrt(double(n)));

    ParamSet p;
    p.set("spread", 40.0);
    const auto cap = info.make(validateParams(info.params, p, "init"), 3, *target);
    const PointSet C = sampleCloud(*cap, 3, 2000, 23);
    QVERIFY(C.col(2).minCoeff() >= std::cos(40.0 * std::numbers::pi / 180.0) - 1e-12);
    QVERIFY(maxRadiusError(C) <= 1e-12);
    try {
      info.make(validateParams(info.params, {}, "init"), 2, *target);
      QFAIL("dim 2 accepted");
    } catch (const InputError& e) {
      QVERIFY(!QString(e.what()).contains('\n'));
    }
  }

  // On the sphere `nonconservative` measures the tangential Jacobian P J P: symmetric for the
  // projected gradient (conservative, <= 1e-10), not for laplace (> 1e-3); `stein` (an R^d
  // identity) is not computed there.
  void sphereFieldDiagnostics() {
    auto index = [](const std::string& id) {
      const auto ids = diagnostics().ids();
      return std::size_t(std::find(ids.begin(), ids.end(), id) - ids.begin());
    };
    for (const char* flow : {"conservative", "laplace"}) {
      Simulation sim(sphereScene(flow, "euler", 200, 300));
      for (int k = 0; k < 10; ++k) sim.step();
      const DiagnosticRow row = sim.diagnostics(0.0);
      const double asym = row.values.at(index("nonconservative"));
      qInfo("%s on the sphere: nonconservative %.3g", flow, asym);
      QVERIFY(std::isfinite(asym));
      QVERIFY2(std::string(flow) == "laplace" ? asym > 1e-3 : asym <= 1e-10, flow);
      QVERIFY(!row.computed.at(index("stein")) && std::isnan(row.values.at(index("stein"))));
      QVERIFY(std::isfinite(row.values.at(index("sliced_w2"))));
      QVERIFY(std::isfinite(row.values.at(index("kl"))));
    }
  }

  // Every allowed flow (Euler, default parameters, eta 0.05; gaussian-meanshift, a
  // displacement in length units, eta 0.8 = 0.05 / h^2 as in its preset) at least halves
  // sliced_w2 to the vMF target within 300 steps from the polar cap (N = M = 400).
  void flowsLowerSlicedW2() {
    for (const std::string& flow : sphereFlows()) {
      SceneConfig s = sphereScene(flow, "euler", 400, 400);
      if (flow == "gaussian-meanshift") s.eta = 0.8;
      Simulation sim(s);
      const double before = slicedToTarget(sim);
      for (int k = 0; k < 300; ++k) sim.step();
      const double after = slicedToTarget(sim);
      qInfo("%s: sliced_w2 %.4f -> %.4f", flow.c_str(), before, after);
      QVERIFY2(after <= 0.5 * before, flow.c_str());
    }
  }
};

QTEST_APPLESS_MAIN(TestSphereFlows)
#include "tst_sphere_flows.moc"
