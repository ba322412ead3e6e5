// nonconservative and stein (core/diagnostics/field_diagnostics.cpp): against brute force with
// finite-difference divergences, exact one-particle values, and Stein's identity for p_h.
#include <QtTest>

#include <memory>
#include <numbers>

#include "brute_force.h"
#include "diagnostics/diagnostic_context.h"
#include "diagnostics/field_diagnostics.h"
#include "evaluators/direct_kernel_sums.h"
#include "fields/conservative_field.h"
#include "fields/f_divergence_field.h"
#include "fields/mean_shift_field.h"
#include "fields/mmd_field.h"
#include "fields/sharp_laplace_field.h"
#include "flow_variants.h"
#include "registry/registry.h"

using namespace driftlab;
using namespace driftlab::test;

namespace {

std::vector<std::pair<QString, std::shared_ptr<DriftField>>> someFlows(double bw) {
  using N = MeanShiftNormalisation;
  const Kernel laplace{KernelKind::kLaplace, bw}, gaussian{KernelKind::kGaussian, bw};
  return {
      {"conservative", std::make_shared<ConservativeField>(bw, false)},
      {"laplace separate", std::make_shared<MeanShiftField>(laplace, N::kSeparate, false)},
      {"laplace joint", std::make_shared<MeanShiftField>(laplace, N::kJoint, false)},
      {"laplace joint self", std::make_shared<MeanShiftField>(laplace, N::kJoint, true)},
      {"laplace none self", std::make_shared<MeanShiftField>(laplace, N::kNone, true)},
      {"gaussian-meanshift self", std::make_shared<MeanShiftField>(gaussian, N::kSeparate, true)},
      {"sharp-laplace", std::make_shared<SharpLaplaceField>(bw)},
      {"mmd", std::make_shared<MmdField>(bw)},
      {"f-divergence mixed",
       std::make_shared<FDivergenceField>(bw, std::array<double, 4>{0.4, 0.3, 0.2, 0.1})}};
}

double diagnostic(const std::string& id, const DriftField& field, const PointSet& x,
                  const PointSet& y, KernelSumBackend& backend) {
  PointSet v(x.rows(), x.cols());
  field.atParticles({x, y, 3, backend}, v);
  DiagnosticContext ctx(x, v, y, 3, field.bandwidth(), backend, 0.0);
  ctx.setField(&field);
  return diagnostics().require(id, "diagnostic").compute(ctx);
}

/// Divergence of particle i's own velocity as it moves within the set: Richardson central
/// differences of atParticles row i (step eps).
double movedDivergence(const DriftField& f, const PointSet& x, const PointSet& y, Eigen::Index i,
                       KernelSumBackend& backend, double eps) {
  double div = 0.0;
  for (Eigen::Index b = 0; b < x.cols(); ++b) {
    auto at = [&](double step) {
      PointSet xs = x;
      xs(i, b) += step;
      PointSet v(x.rows(), x.cols());
      f.atParticles({xs, y, 3, backend}, v);
      return v(i, b);
    };
    div += 2 * (at(eps / 2) - at(-eps / 2)) / eps - (at(eps) - at(-eps)) / (2 * eps);
  }
  return div;
}

}  // namespace

class TestFieldDiagnostics : public QObject {
  Q_OBJECT
  ReferenceBackend m_backend;

 private slots:
  // stein = (1/N) sum_i [s_p . v + div v](x_i) with s_p by brute force and div v by finite
  // differences that move particle i within the set (d = 2, tau/h = 0.6): relative 1e-6 of
  // (1/N) sum_i (|s_p . v| + |div v|).
  void steinMatchesBruteForce() {
    const double bw = 0.6;
    const PointSet y = randomPoints(25, 2, 41), x = randomPoints(18, 2, 42, 1.2, 0.3);
    auto gaussianLog = [bw](double r) { return -r * r / (2 * bw * bw); };
    for (const auto& [name, field] : someFlows(bw)) {
      PointSet v(x.rows(), 2);
      field->atParticles({x, y, 3, m_backend}, v);
      double ref = 0.0, scale = 0.0;
      for (Eigen::Index i = 0; i < x.rows(); ++i) {
        const double flux = meanShift(x.row(i), y, gaussianLog).dot(v.row(i)) / (bw * bw);
        const double div = movedDivergence(*field, x, y, i, m_backend, 2e-5);
        ref += (flux + div) / double(x.rows());
        scale += (std::abs(flux) + std::abs(div)) / double(x.rows());
      }
      const double stein = diagnostic("stein", *field, x, y, m_backend);
      QVERIFY2(std::abs(stein - ref) <= 1e-6 * scale,
               qPrintable(name + QString(": %1 vs %2").arg(stein).arg(ref)));
    }
  }

  // One particle x, one datum y, r = |y - x|, d = 3: conservative |y - x|^2/h^4 - d/h^2 (the self
  // term alone is -d/h^2), gaussian-meanshift (include_self) r^2/h^2 - d, mmd
  // K_h(r) (2 r^2/h^2 - d) / h^2 (the own kernel's gradient never moves). Relative 1e-12.
  void steinExactForOneParticleOneDatum() {
    const double h = 0.7;
    PointSet x(1, 3), y(1, 3);
    x << 0.1, -0.2, 0.3;
    y << 0.5, 0.4, -0.1;
    const double r2 = (y - x).squaredNorm(), d = 3;
    const double k = std::pow(2 * std::numbers::pi * h * h, -d / 2) * std::exp(-r2 / (2 * h * h));
    const double expected[3] = {r2 / std::pow(h, 4) - d / (h * h), r2 / (h * h) - d,
                                k * (2 * r2 / (h * h) - d) / (h * h)};
    const ConservativeField conservative(h, false);
    const MeanShiftField meanShift({KernelKind::kGaussian, h}, MeanShiftNormalisation::kSeparate,
                                   true);
    const MmdField mmd(h);
    const DriftField* fields[3] = {&conservative, &meanShift, &mmd};
    for (int f = 0; f < 3; ++f) {
      const double stein = diagnostic("stein", *fields[f], x, y, m_backend);
      QVERIFY2(std::abs(stein - expected[f]) <= 1e-12 * std::abs(expected[f]),
               qPrintable(QString("%1: %2 vs %3").arg(f).arg(stein).arg(expected[f])));
    }
  }

  // Stein's identity for p_h: integral p_h (s_p . v + div v) dx = integral (p_h v)' dx = 0 for
  // any field, here at points (trace J, every particle a fixed centre). 1D, composite 5-point
  // Gauss-Legendre between consecutive kernel centres (the Laplace kinks) over the support
  // +- 12 h: |integral| <= 1e-9 of integral p_h (|s_p v| + |v'|).
  void steinIntegrandIntegratesToZeroUnderPh() {
    const double bw = 0.5;
    const PointSet y = randomPoints(25, 1, 51), x = randomPoints(20, 1, 52, 1.3, 0.4);
    std::vector<double> breaks(x.data(), x.data() + x.size());
    breaks.insert(breaks.end(), y.data(), y.data() + y.size());
    std::sort(breaks.begin(), breaks.end());
    breaks.insert(breaks.begin(), breaks.front() - 12 * bw);
    breaks.push_back(breaks.back() + 12 * bw);
    const double node[5] = {-0.9061798459386640, -0.5384693101056831, 0.0, 0.5384693101056831,
                            0.9061798459386640};
    const double weight[5] = {0.2369268850561891, 0.4786286704993665, 0.5688888888888889,
                              0.4786286704993665, 0.2369268850561891};
    std::vector<double> at, w;
    for (size_t s = 0; s + 1 < breaks.size(); ++s) {
      const int pieces = 40;
      const double len = (breaks[s + 1] - breaks[s]) / pieces;
      for (int k = 0; k < pieces; ++k)
        for (int g = 0; g < 5; ++g) {
          at.push_back(breaks[s] + len * (k + 0.5 + 0.5 * node[g]));
          w.push_back(0.5 * len * weight[g]);
        }
    }
    const PointSet grid = Eigen::Map<const PointSet>(at.data(), Eigen::Index(at.size()), 1);
    KernelSums p;
    directKernelSums({KernelKind::kGaussian, bw}, grid, y, false, p);
    for (const auto& [name, field] : someFlows(bw)) {
      const FieldJacobians j = jacobiansAtPoints(*field, {x, y, 3, m_backend}, grid);
      const Vector integrand = steinIntegrand(j, grid, y, bw);
      double total = 0.0, scale = 0.0;
      for (Eigen::Index k = 0; k < grid.rows(); ++k) {
        const double pw = std::exp(logKde(grid.row(k), y, bw)) * w[size_t(k)];
        const double score = (p.mean(k, 0) - grid(k, 0)) / (bw * bw);
        total += pw * integrand[k];
        scale += pw * (std::abs(score * j.velocity(k, 0)) + std::abs(j.jacobian(k, 0)));
      }
      QVERIFY2(std::abs(total) <= 1e-9 * scale,
               qPrintable(name + QString(": %1 of %2").arg(total).arg(scale)));
    }
  }

  // nonconservative: <= 1e-10 for the gradient flows, > 1e-3 for laplace separate and joint;
  // NaN without a field (the simulation always sets one).
  // The sample of particles (N above the cap): the permuted evaluation gives exactly the rows
  // of the full one (velocity, Jacobian and self term, relative 1e-12), for every flow.
  void sampledJacobiansAreTheFullOnesRows() {
    const PointSet y = randomPoints(70, 2, 71), x = randomPoints(50, 2, 72, 1.2, 0.3);
    for (const auto& [name, field] : someFlows(0.5)) {
      const FieldInputs in{x, y, 3, m_backend};
      const FieldJacobians full = jacobiansAtParticles(*field, in);
      const Vector self = field->selfDivergence(in, x.rows());
      const ParticleJacobianSample sample = sampleParticleJacobians(*field, in, 16);
      QCOMPARE(sample.rows.size(), std::size_t(16));
      for (std::size_t k = 0; k < sample.rows.size(); ++k) {
        const Eigen::Index i = sample.rows[k];
        QCOMPARE(i, Eigen::Index(k * 50 / 16));
        QVERIFY(sample.points.row(k) == x.row(i));
        const double jScale = full.jacobian.row(i).norm() + 1e-300;
        QVERIFY2((sample.jacobians.jacobian.row(k) - full.jacobian.row(i)).norm() <= 1e-12 * jScale,
                 qPrintable(name));
        QVERIFY2((sample.jacobians.velocity.row(k) - full.velocity.row(i)).norm() <=
                     1e-12 * (full.velocity.row(i).norm() + 1e-300),
                 qPrintable(name));
        QVERIFY2(
            std::abs(sample.selfDivergence[k] - self[i]) <= 1e-12 * (std::abs(self[i]) + 1e-300),
            qPrintable(name));
      }
      const ParticleJacobianSample all = sampleParticleJacobians(*field, in, 1000);
      QCOMPARE(all.rows.size(), std::size_t(50));
      QVERIFY(all.jacobians.jacobian == full.jacobian);
    }
  }

  void nonconservativePerFlow() {
    const PointSet y = randomPoints(60, 2, 61), x = randomPoints(40, 2, 62, 1.2, 0.3);
    for (const auto& [name, field] : someFlows(0.5)) {
      const double index = diagnostic("nonconservative", *field, x, y, m_backend);
      QVERIFY2(std::isfinite(index), qPrintable(name));
      if (field->conservative()) QVERIFY2(index <= 1e-10, qPrintable(name));
      if (name == "laplace separate" || name.startsWith("laplace joint"))
        QVERIFY2(index > 1e-3, qPrintable(name + ": " + QString::number(index)));
    }
    PointSet v = PointSet::Zero(x.rows(), 2);
    DiagnosticContext ctx(x, v, y, 3, 0.5, m_backend, 0.0);
    QVERIFY(std::isnan(diagnostics().require("nonconservative", "d").compute(ctx)));
    QVERIFY(std::isnan(diagnostics().require("stein", "d").compute(ctx)));
  }
};

QTEST_APPLESS_MAIN(TestFieldDiagnostics)
#include "tst_field_diagnostics.moc"
