// The probability-flow ODE (pf-ode, issue 18): the velocity against an independent brute-force
// reference and its Jacobian against finite differences; for a single Gaussian target the
// closed-form solution, reached by Euler at order 1 and by the exponential integrator at order
// >= 1.8; on 8gaussians the exponential integrator's final sliced W2 from the exact flow below
// Euler's at equal steps; the scene refusals; the run stops exactly at t_min and the engine stops
// Play.
#include <QtTest>
#include <chrono>
#include <cmath>
#include <numbers>

#include "base/input_error.h"
#include "brute_force.h"
#include "diagnostics/sample_distance_diagnostics.h"
#include "diffusion/diffusion_schedule.h"
#include "engine/engine.h"
#include "engine/simulation.h"
#include "evaluators/direct_kernel_sums.h"
#include "fields/pf_ode_field.h"
#include "flow_variants.h"
#include "registry/registry.h"
#include "scene/scene_config.h"
#include "scene/scene_json.h"

using namespace driftlab;
using namespace std::chrono_literals;

namespace {

/// The schedule by its textbook formulas, coded apart from DiffusionSchedule.
struct ReferenceSchedule {
  bool vp = true;
  double bmin = 0.1, bmax = 20.0, smin = 0.01, smax = 10.0;
  double alpha(double t) const {
    return vp ? std::exp(-0.5 * (bmin * t + 0.5 * (bmax - bmin) * t * t)) : 1.0;
  }
  double sigma(double t) const {
    return vp ? std::sqrt(1.0 - alpha(t) * alpha(t)) : smin * std::pow(smax / smin, t);
  }
  /// f and g^2 of dx = f x dt + g dW.
  double f(double t) const { return vp ? -0.5 * (bmin + t * (bmax - bmin)) : 0.0; }
  double g2(double t) const {
    return vp ? bmin + t * (bmax - bmin) : 2.0 * sigma(t) * sigma(t) * std::log(smax / smin);
  }
};

/// log p_t(x) of the mixture pushed through x_t = alpha x_0 + sigma eps, by loops.
double noisedLogDensity(const GaussianMixture& m, double a, double s, const Eigen::RowVectorXd& x) {
  const int d = m.dim();
  std::vector<double> logs;
  for (int k = 0; k < m.components(); ++k) {
    const double var = a * a * m.sigma(k) * m.sigma(k) + s * s;
    double r2 = 0.0;
    for (int c = 0; c < d; ++c) r2 += std::pow(x[c] - a * m.means()(k, c), 2);
    logs.push_back(std::log(m.weight(k)) - 0.5 * d * std::log(2 * std::numbers::pi * var) -
                   r2 / (2 * var));
  }
  const double mx = *std::max_element(logs.begin(), logs.end());
  double sum = 0.0;
  for (double l : logs) sum += std::exp(l - mx);
  return mx + std::log(sum);
}

/// Brute-force v = -(f x - 0.5 g^2 score_t): the score from responsibilities by loops.
Eigen::RowVectorXd referenceVelocity(const GaussianMixture& m, const ReferenceSchedule& r, double t,
                                     const Eigen::RowVectorXd& x) {
  const double a = r.alpha(t), s = r.sigma(t);
  const double logp = noisedLogDensity(m, a, s, x);
  Eigen::RowVectorXd score = Eigen::RowVectorXd::Zero(x.size());
  for (int k = 0; k < m.components(); ++k) {
    const double var = a * a * m.sigma(k) * m.sigma(k) + s * s;
    double r2 = 0.0;
    for (int c = 0; c < m.dim(); ++c) r2 += std::pow(x[c] - a * m.means()(k, c), 2);
    const double resp =
        std::exp(std::log(m.weight(k)) - 0.5 * m.dim() * std::log(2 * std::numbers::pi * var) -
                 r2 / (2 * var) - logp);
    for (int c = 0; c < m.dim(); ++c) score[c] += resp * (a * m.means()(k, c) - x[c]) / var;
  }
  return 0.5 * r.g2(t) * score - r.f(t) * x;
}

SceneConfig pfScene(const std::string& schedule, const std::string& integrator, int steps,
                    const std::string& target = "8gaussians", std::int64_t n = 2000) {
  SceneConfig s;
  s.targetName = target;
  s.flowName = "pf-ode";
  s.flowParams.set("schedule", schedule);
  s.flowParams.set("steps", double(steps));
  s.integratorName = integrator;
  s.initParams.set("scale", schedule == "vp" ? 1.0 : 10.0);
  s.particles = n;
  s.samples = 2000;
  s.steps = steps;
  validateScene(s);
  return s;
}

/// Runs to the end of the grid; returns the number of steps taken.
int runToEnd(Simulation& sim) {
  int k = 0;
  while (!sim.finished()) {
    sim.step();
    ++k;
  }
  return k;
}

/// Least-squares slope of -log err against log n.
double fittedOrder(const std::vector<int>& n, const std::vector<double>& err) {
  double mx = 0, my = 0;
  for (size_t i = 0; i < n.size(); ++i) {
    mx += std::log(n[i]) / n.size();
    my += std::log(err[i]) / n.size();
  }
  double sxy = 0, sxx = 0;
  for (size_t i = 0; i < n.size(); ++i) {
    sxy += (std::log(n[i]) - mx) * (std::log(err[i]) - my);
    sxx += std::pow(std::log(n[i]) - mx, 2);
  }
  return -sxy / sxx;
}

double diagnostic(const DiagnosticRow& row, const std::string& id) {
  const auto& e = diagnostics().entries();
  for (size_t k = 0; k < e.size(); ++k)
    if (e[k].id == id) return row.values[k];
  return NAN;
}

}  // namespace

class TestPfOde : public QObject {
  Q_OBJECT

 private slots:
  // The schedule: lambda inverts (1e-12), f = d log alpha / dt and g^2 = d sigma^2 / dt - 2 f
  // sigma^2 by central differences (relative 1e-6), the reference formulas to 1e-14.
  void scheduleIdentities() {
    for (bool vp : {true, false}) {
      const DiffusionSchedule s(vp ? DiffusionKind::kVp : DiffusionKind::kVe, vp ? 0.1 : 0.01,
                                vp ? 20.0 : 10.0, 1.0);
      const ReferenceSchedule r{vp};
      for (double t : {1e-3, 0.01, 0.2, 0.5, 0.9, 1.0}) {
        QVERIFY(std::abs(s.alpha(t) - r.alpha(t)) <= 1e-14);
        QVERIFY(std::abs(s.sigma(t) - r.sigma(t)) <= 1e-13 * r.sigma(t) + 1e-15);
        QVERIFY(std::abs(s.timeOfLambda(s.lambda(t)) - t) <= 1e-12);
        const double e = 1e-6 * std::max(t, 1e-3);
        const double dla = (std::log(s.alpha(t + e)) - std::log(s.alpha(t - e))) / (2 * e);
        const double ds2 = (std::pow(s.sigma(t + e), 2) - std::pow(s.sigma(t - e), 2)) / (2 * e);
        QVERIFY(std::abs(dla - s.drift(t)) <= 1e-6 * std::max(1.0, std::abs(dla)));
        const double g2 = ds2 - 2 * s.drift(t) * std::pow(s.sigma(t), 2);
        QVERIFY2(std::abs(g2 - s.g2(t)) <= 1e-6 * s.g2(t), qPrintable(QString::number(t)));
      }
      for (bool logSnr : {false, true}) {
        const auto grid = diffusionTimeGrid(s, 1e-3, 50, logSnr);
        QCOMPARE(grid.size(), size_t(51));
        QCOMPARE(grid.front(), 1.0);
        QCOMPARE(grid.back(), 1e-3);
        for (size_t i = 1; i < grid.size(); ++i) QVERIFY(grid[i] < grid[i - 1]);
      }
    }
  }

  // Velocity at points = the brute-force reference (relative 1e-12 of max |v| + |f x|), d = 1..3,
  // VP and VE at several simulation times; Jacobian = Richardson central differences (relative
  // 1e-6).
  void velocityAndJacobianMatchReference() {
    DirectBackend backend;
    for (int d = 1; d <= 3; ++d) {
      const test::TestMixtureTarget target(d);
      const PointSet q = test::randomPoints(25, d, 40 + d, 1.5);
      for (bool vp : {true, false}) {
        ParamSet p;
        p.set("schedule", std::string(vp ? "vp" : "ve"));
        const auto field = test::makeFlow("pf-ode", p);
        const ReferenceSchedule r{vp};
        for (double time : {0.0, 0.5, 0.9, 0.99}) {
          FieldInputs in{q, q, 1, backend, nullptr, &target, time};
          PointSet v(q.rows(), d), vj(q.rows(), d), jac(q.rows(), d * d);
          field->atPoints(in, q, v);
          field->jacobian(in, q, false, vj, jac);
          PointSet ref(q.rows(), d);
          for (Eigen::Index i = 0; i < q.rows(); ++i)
            ref.row(i) = referenceVelocity(*target.mixture(), r, 1.0 - time, q.row(i));
          // Relative to the terms' size: at t = T the VP drift and score terms nearly cancel.
          const GaussianMixture noised =
              noisedMixture(*target.mixture(), r.alpha(1.0 - time), r.sigma(1.0 - time));
          QVERIFY(std::abs(noised.logDensity(q.row(0).data()) -
                           noisedLogDensity(*target.mixture(), r.alpha(1.0 - time),
                                            r.sigma(1.0 - time), q.row(0))) <= 1e-12);
          const double scale = ref.rowwise().norm().maxCoeff() +
                               std::abs(r.f(1.0 - time)) * q.rowwise().norm().maxCoeff();
          QVERIFY2((v - ref).cwiseAbs().maxCoeff() <= 1e-12 * scale,
                   qPrintable(QString("d=%1 vp=%2 time=%3").arg(d).arg(vp).arg(time)));
          QVERIFY((vj - v).cwiseAbs().maxCoeff() <= 1e-13 * scale);
          // Richardson-extrapolated central differences (step 1e-3): at t = T the VP field
          // is a near-cancelling difference, too flat for a tiny step's rounding.
          const double eps = 1e-3;
          auto central = [&](Eigen::Index i, int b, double h) {
            PointSet a = q.row(i), c = q.row(i);
            a(0, b) += h;
            c(0, b) -= h;
            PointSet va(1, d), vc(1, d);
            field->atPoints(in, a, va);
            field->atPoints(in, c, vc);
            return PointSet((va - vc) / (2 * h));
          };
          double worst = 0.0;
          for (Eigen::Index i = 0; i < q.rows(); ++i)
            for (int b = 0; b < d; ++b) {
              const PointSet fd = (4 * central(i, b, 0.5 * eps) - central(i, b, eps)) / 3;
              for (int k = 0; k < d; ++k)
                worst = std::max(
                    worst, std::abs(fd(0, k) - jac(i, k * d + b)) / (jac.row(i).norm() + 1e-8));
            }
          QVERIFY2(worst <= 1e-6, qPrintable(QString("jacobian FD error %1 d=%2 vp=%3 time=%4")
                                                 .arg(worst)
                                                 .arg(d)
                                                 .arg(vp)
                                                 .arg(time)));
        }
      }
    }
    // Without a mixture target: a one-line InputError naming target.name.
    const auto field = test::makeFlow("pf-ode", {});
    const PointSet q = test::randomPoints(3, 2, 1);
    PointSet v(3, 2);
    try {
      field->atPoints({q, q, 1, backend}, q, v);
      QFAIL("no error");
    } catch (const InputError& e) {
      QCOMPARE(QString::fromStdString(e.field()), QString("target.name"));
    }
  }

  // Single Gaussian N(mu, s^2 I): x_t = alpha_t mu + sd_t / sd_T (x_T - alpha_T mu),
  // sd_t = sqrt(alpha_t^2 s^2 + sigma_t^2). Errors at t_min (max over particles) for 16..128
  // steps: Euler's fitted order in [0.8, 1.3], the exponential integrator's >= 1.8.
  void closedFormConvergenceOrders_data() {
    QTest::addColumn<QString>("schedule");
    QTest::addColumn<QString>("grid");
    QTest::newRow("vp uniform") << "vp"
                                << "uniform";
    QTest::newRow("ve uniform") << "ve"
                                << "uniform";
    QTest::newRow("vp log-snr") << "vp"
                                << "log-snr";
    QTest::newRow("ve log-snr") << "ve"
                                << "log-snr";
  }
  void closedFormConvergenceOrders() {
    QFETCH(QString, schedule);
    QFETCH(QString, grid);
    const bool vp = schedule == "vp";
    const ReferenceSchedule r{vp};
    const double s = 0.5, T = 1.0, tMin = 1e-3;
    const Eigen::RowVector2d mu(1.0, -0.5);
    const std::vector<int> counts{16, 32, 64, 128};
    for (const char* integrator : {"euler", "exponential"}) {
      std::vector<double> errors;
      for (int n : counts) {
        SceneConfig sc;
        sc.targetName = "gaussian";
        sc.targetParams.set("sigma", s);
        sc.targetParams.set("mean", std::vector<double>{mu[0], mu[1]});
        sc.flowName = "pf-ode";
        sc.flowParams.set("schedule", schedule.toStdString());
        sc.flowParams.set("steps", double(n));
        sc.flowParams.set("time_grid", grid.toStdString());
        sc.integratorName = integrator;
        sc.initParams.set("scale", vp ? 1.0 : 10.0);
        sc.particles = 64;
        sc.samples = 10;
        validateScene(sc);
        Simulation sim(sc);
        QCOMPARE(runToEnd(sim), n);
        auto sd = [&](double t) {
          return std::sqrt(std::pow(r.alpha(t) * s, 2) + std::pow(r.sigma(t), 2));
        };
        const PointSet& x0 = sim.initialPositions();
        double err = 0.0;
        for (Eigen::Index i = 0; i < x0.rows(); ++i) {
          const Eigen::RowVector2d exact =
              r.alpha(tMin) * mu +
              sd(tMin) / sd(T) * (Eigen::RowVector2d(x0.row(i)) - r.alpha(T) * mu);
          err = std::max(err, (Eigen::RowVector2d(sim.particles().row(i)) - exact).norm());
        }
        errors.push_back(err);
      }
      const double order = fittedOrder(counts, errors);
      qInfo("%s %s %-11s errors %.3e %.3e %.3e %.3e  order %.2f", qPrintable(schedule),
            qPrintable(grid), integrator, errors[0], errors[1], errors[2], errors[3], order);
      if (std::string(integrator) == "euler")
        QVERIFY2(order >= 0.8 && order <= 1.3, qPrintable(QString::number(order)));
      else
        QVERIFY2(order >= 1.8, qPrintable(QString::number(order)));
    }
  }

  // 8gaussians, N = 2000, 10 / 20 / 40 steps: the sliced W2 (64 directions) from the exact
  // PF-ODE output of the same initial particles (1000 exponential steps on the log-SNR grid) is
  // lower for the exponential integrator than for Euler, VP and VE. (The sliced_w2 diagnostic
  // against a fresh 2000-point target sample has a sampling floor of ~0.1-0.2 that hides the
  // discretisation error; it is reported, not asserted.)
  void exponentialBeatsEulerOnMixture() {
    for (const char* schedule : {"vp", "ve"}) {
      SceneConfig fine = pfScene(schedule, "exponential", 1000);
      fine.flowParams.set("time_grid", std::string("log-snr"));
      validateScene(fine);
      Simulation reference(fine);
      runToEnd(reference);
      for (int steps : {10, 20, 40}) {
        double w2[2], diag[2];
        int k = 0;
        for (const char* integrator : {"euler", "exponential"}) {
          Simulation sim(pfScene(schedule, integrator, steps));
          QCOMPARE(runToEnd(sim), steps);
          QVERIFY(sim.initialPositions() == reference.initialPositions());
          w2[k] = slicedWasserstein2(sim.particles(), reference.particles(), 64, 7);
          diag[k++] = diagnostic(sim.diagnostics(0.0), "sliced_w2");
        }
        qInfo(
            "%s, %2d steps: sliced W2 to the exact flow: euler %.4f, exponential %.4f; "
            "sliced_w2 to the target: euler %.4f, exponential %.4f",
            schedule, steps, w2[0], w2[1], diag[0], diag[1]);
        QVERIFY(std::isfinite(diag[0]) && std::isfinite(diag[1]));
        QVERIFY2(w2[1] < w2[0], qPrintable(QString("%1 %2 steps").arg(schedule).arg(steps)));
      }
    }
  }

  // The curve a user reads: the sliced_w2 diagnostic to the target itself. With N = 20000 its
  // sampling floor (~0.04) is below the discretisation error of a few steps, and at equal step
  // counts (4 and 6, VP on the log-SNR grid) the exponential integrator ends lower than Euler.
  // Measured: 4 steps euler 0.156, exponential 0.064; 6 steps 0.089 and 0.048.
  void exponentialLowersSlicedW2ToTarget() {
    for (int steps : {4, 6}) {
      double w2[2];
      int k = 0;
      for (const char* integrator : {"euler", "exponential"}) {
        SceneConfig s = pfScene("vp", integrator, steps, "8gaussians", 20000);
        s.flowParams.set("time_grid", std::string("log-snr"));
        validateScene(s);
        Simulation sim(s);
        QCOMPARE(runToEnd(sim), steps);
        w2[k++] = sim.diagnosticNow("sliced_w2");
      }
      qInfo("%d steps: sliced_w2 to the target: euler %.4f, exponential %.4f", steps, w2[0], w2[1]);
      QVERIFY2(w2[1] < 0.8 * w2[0], qPrintable(QString("%1 steps").arg(steps)));
    }
  }

  // The presets (8gaussians, N = 2000, their own parameters) lower sliced_w2 to the target by at
  // least half by t_min (issue 18's bar for every flow), and reach every mode.
  void presetsHalveSlicedW2() {
    for (const char* name : {"pf-ode-vp", "pf-ode-ve", "pf-ode-euler-vs-exponential"}) {
      const SceneConfig s =
          loadSceneFile(std::string(DRIFTLAB_SOURCE_DIR) + "/resources/scenes/" + name + ".json");
      QCOMPARE(s.particles, std::int64_t(2000));
      Simulation sim(s);
      const double first = diagnostic(sim.diagnostics(0.0), "sliced_w2");
      const int steps = runToEnd(sim);
      QVERIFY(steps <= s.steps);
      const DiagnosticRow last = sim.diagnostics(0.0);
      const double w2 = diagnostic(last, "sliced_w2");
      qInfo("%s: sliced_w2 %.4f -> %.4f in %d steps, mode_coverage %.3f, hq_fraction %.3f", name,
            first, w2, steps, diagnostic(last, "mode_coverage"), diagnostic(last, "hq_fraction"));
      QVERIFY2(w2 <= 0.5 * first, name);
      QCOMPARE(diagnostic(last, "mode_coverage"), 1.0);
    }
  }

  // pf-ode on moons: refused naming target.name; exponential with conservative: refused naming
  // integrator.name; t_min >= T: flow.t_min.
  void scenesAreRefused() {
    auto fieldOf = [](SceneConfig s) -> std::string {
      try {
        validateScene(s);
      } catch (const InputError& e) {
        const std::string what = e.what();
        return what.find('\n') == std::string::npos ? e.field() : "two lines: " + what;
      }
      return "accepted";
    };
    SceneConfig moons;
    moons.targetName = "moons";
    moons.flowName = "pf-ode";
    QCOMPARE(fieldOf(moons), std::string("target.name"));
    SceneConfig conservative;
    conservative.integratorName = "exponential";
    QCOMPARE(fieldOf(conservative), std::string("integrator.name"));
    SceneConfig late;
    late.flowName = "pf-ode";
    late.flowParams.set("T", 0.5);
    late.flowParams.set("t_min", 0.5);
    QCOMPARE(fieldOf(late), std::string("flow.t_min"));
    SceneConfig ok;
    ok.flowName = "pf-ode";
    ok.integratorName = "exponential";
    QCOMPARE(fieldOf(ok), std::string("accepted"));
  }

  // `steps` steps reach t_min exactly (time T - t_min to 1e-12, diffusion_time = t_min), then
  // step() throws StateError and changes nothing; the engine's Play stops by itself there.
  void stopsAtTMin() {
    const SceneConfig s = pfScene("vp", "exponential", 25, "8gaussians", 200);
    Simulation sim(s);
    QCOMPARE(diagnostic(sim.diagnostics(0.0), "diffusion_time"), 1.0);
    QCOMPARE(runToEnd(sim), 25);
    QCOMPARE(sim.stepIndex(), std::int64_t(25));
    QVERIFY(std::abs(sim.time() - (1.0 - 1e-3)) <= 1e-12);
    QVERIFY(std::abs(diagnostic(sim.diagnostics(0.0), "diffusion_time") - 1e-3) <= 1e-12);
    const PointSet before = sim.particles();
    QVERIFY_THROWS_EXCEPTION(StateError, sim.step());
    QVERIFY(sim.particles() == before && sim.stepIndex() == 25);

    Engine engine(s, /*running=*/true);
    QVERIFY(engine.waitFor([](const Snapshot& p) { return p.finished && !p.running; }, 60s));
    QCOMPARE(engine.latest()->step, std::int64_t(25));
    engine.post(command::StepOnce{});
    engine.post(command::Play{});
    engine.post(command::Ping{});
    QVERIFY(engine.waitFor(
        [](const Snapshot& p) { return p.finished && !p.running && p.step == 25; }, 10s));
    QVERIFY(engine.latest()->error.empty());
    // A non-diffusion flow's diffusion_time is not computed.
    SceneConfig other;
    other.particles = 50;
    other.samples = 50;
    validateScene(other);
    Simulation plain(other);
    QVERIFY(!plain.finished());
    QVERIFY(std::isnan(diagnostic(plain.diagnostics(0.0), "diffusion_time")));
  }
};

QTEST_APPLESS_MAIN(TestPfOde)
#include "tst_pf_ode.moc"
