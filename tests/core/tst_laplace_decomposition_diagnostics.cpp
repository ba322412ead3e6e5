// laplace_residual_term and laplace_residual_share: the decomposition's residual at the
// particles as a root mean square and as a share of |V|, for the laplace fields only.
#include <QtTest>

#include "brute_force.h"
#include "diagnostics/diagnostic_context.h"
#include "diagnostics/laplace_decomposition_diagnostics.h"
#include "evaluators/direct_kernel_sums.h"
#include "fields/field_parts.h"
#include "registry/registry.h"

using namespace driftlab;
using namespace driftlab::test;

namespace {

std::unique_ptr<DriftField> makeFlow(const std::string& id, const std::string& norm,
                                     bool includeSelf = false) {
  const auto& info = flows().require(id, "flow.name");
  ParamSet p;
  p.set("normalisation", norm);
  if (id == "laplace" || id == "gaussian-meanshift") p.set("include_self", includeSelf);
  return info.make(validateParams(info.params, p, "flow"));
}

double rms(const PointSet& v) {
  return std::sqrt(v.squaredNorm() / double(v.rows()));
}

}  // namespace

class TestLaplaceDecompositionDiagnostics : public QObject {
  Q_OBJECT

 private slots:
  void dueForSeparateLaplaceOnly() {
    const DiagnosticInfo& term = diagnostics().require("laplace_residual_term", "d");
    const DiagnosticInfo& share = diagnostics().require("laplace_residual_share", "d");
    for (const auto& f : flows().entries())
      for (const char* norm : {"separate", "joint", "none"}) {
        const auto field = makeFlow(f.id, norm);
        const bool expected = f.id == "laplace" && std::string(norm) == "separate";
        QCOMPARE(term.forField(*field), expected);
        QCOMPARE(share.forField(*field), expected);
      }
  }

  // N below the row cap: the values are the root mean squares of the parts over all particles
  // (to 1e-12), for both self rules; |V| of the parts is the field's V (share to 1e-10).
  void valuesFromTheDecomposition() {
    DirectBackend backend;
    const PointSet y = randomPoints(90, 2, 3, 1.0, 0.4), x = randomPoints(70, 2, 4, 0.6);
    for (bool self : {false, true}) {
      const auto field = makeFlow("laplace", "separate", self);
      PointSet v(x.rows(), 2);
      field->atParticles({x, y, 1, backend}, v);
      DiagnosticContext c(x, v, y, 1, field->bandwidth(), backend, 0.0);
      c.setField(field.get());
      const LaplaceDecomposition parts =
          laplaceDecompositionAtParticles(*field, {x, y, 1, backend});
      const double term = diagnostics().require("laplace_residual_term", "d").compute(c);
      const double share = diagnostics().require("laplace_residual_share", "d").compute(c);
      QVERIFY(std::abs(term - rms(parts.residual)) <= 1e-12 * term);
      QVERIFY(std::abs(share - rms(parts.residual) / rms(parts.companion + parts.residual)) <=
              1e-12 * share);
      QVERIFY(std::abs(share - rms(parts.residual) / rms(v)) <= 1e-10 * share);
      QVERIFY(term > 0.0 && share > 0.0);
    }
  }

  // Above the cap the means run over evenly strided particles: the values equal the parts'
  // root mean squares over those rows, and the estimate is near the full mean (20%).
  void stridedSubsetAboveTheCap() {
    DirectBackend backend;
    const Eigen::Index n = DiagnosticContext::kLaplaceResidualRows + 500;
    const PointSet y = randomPoints(800, 2, 13, 1.0, 0.4), x = randomPoints(int(n), 2, 14, 0.6);
    const auto field = makeFlow("laplace", "separate");
    const PointSet v = PointSet::Zero(n, 2);
    DiagnosticContext c(x, v, y, 1, field->bandwidth(), backend, 0.0);
    c.setField(field.get());
    std::vector<Eigen::Index> rows, all(n);
    for (Eigen::Index i = 0; i < DiagnosticContext::kLaplaceResidualRows; ++i)
      rows.push_back(i * n / DiagnosticContext::kLaplaceResidualRows);
    for (Eigen::Index i = 0; i < n; ++i) all[i] = i;
    const FieldInputs in{x, y, 1, backend};
    const LaplaceResidualNorms sub = laplaceResidualNorms(*field, in, rows);
    const LaplaceResidualNorms full = laplaceResidualNorms(*field, in, all);
    const double term = diagnostics().require("laplace_residual_term", "d").compute(c);
    QCOMPARE(term, sub.residual);
    QVERIFY(std::abs(term - full.residual) <= 0.2 * full.residual);
  }

  // Particles = data with include_self: c_q = c_p at every particle, the term is 0.
  void zeroWhenParticlesEqualData() {
    DirectBackend backend;
    const PointSet x = randomPoints(60, 3, 5);
    const auto field = makeFlow("laplace", "separate", true);
    PointSet v(x.rows(), 3);
    field->atParticles({x, x, 1, backend}, v);
    DiagnosticContext c(x, v, x, 1, field->bandwidth(), backend, 0.0);
    c.setField(field.get());
    QVERIFY(diagnostics().require("laplace_residual_term", "d").compute(c) <= 1e-12);
    QCOMPARE(diagnostics().require("laplace_residual_share", "d").compute(c), 0.0);
  }

  void shareGuards() {
    QCOMPARE(laplaceResidualShare(0.0, 0.0), 0.0);
    QCOMPARE(laplaceResidualShare(0.0, 2.0), 0.0);
    QCOMPARE(laplaceResidualShare(1.0, 4.0), 0.25);
    QCOMPARE(laplaceResidualShare(1.0, 0.0), 1e12);
  }
};

QTEST_APPLESS_MAIN(TestLaplaceDecompositionDiagnostics)
#include "tst_laplace_decomposition_diagnostics.moc"
