// field_parts: the halves of every flow (attraction - repulsion = v) and the Laplace
// sharp-companion decomposition (companion + residual = V), against the fields themselves,
// against brute force and under the identities that define them.
#include <QtTest>

#include "brute_force.h"
#include "evaluators/direct_kernel_sums.h"
#include "fields/field_parts.h"
#include "fields/mean_shift_field.h"
#include "flow_variants.h"
#include "registry/registry.h"

using namespace driftlab;
using namespace driftlab::test;

namespace {

std::unique_ptr<DriftField> laplace(double tau, bool includeSelf) {
  ParamSet p;
  p.set("bandwidth", tau);
  p.set("normalisation", std::string("separate"));
  p.set("include_self", includeSelf);
  return makeFlow("laplace", p);
}

/// Random queries near the clouds plus a few far from everything.
PointSet queriesFor(int d, unsigned seed) {
  PointSet near = randomPoints(40, d, seed, 1.3);
  PointSet far = randomPoints(4, d, seed + 1, 1.0, 25.0);
  PointSet q(near.rows() + far.rows(), d);
  q << near, far;
  return q;
}

PointSet sum(const LaplaceDecomposition& dec) {
  return dec.companion + dec.residual;
}

}  // namespace

class TestFieldParts : public QObject {
  Q_OBJECT

 private slots:
  // attraction - repulsion = atPoints to 1e-12 of max |v|, every flow and option, d = 1..3.
  void halvesReproduceEveryFlow() {
    DirectBackend backend;
    for (int d = 1; d <= 3; ++d) {
      const PointSet y = randomPoints(60, d, 10 + d, 1.0, 0.4);
      const PointSet x = randomPoints(50, d, 20 + d, 0.7, -0.3);
      const PointSet q = queriesFor(d, 30 + d);
      const FieldInputs base{x, y, 7, backend};
      for (const FlowVariant& c : allFlowVariants()) {
        const auto f = makeFlow(c.flowId(), c.params);
        const auto target = variantTarget(c.flowId(), c.params, d);
        FieldInputs in = base;
        in.target = target.get();
        PointSet v(q.rows(), d);
        f->atPoints(in, q, v);
        const FieldHalves h = halvesAtPoints(*f, in, q);
        QVERIFY2(h.attraction.allFinite() && h.repulsion.allFinite(), c.name.c_str());
        const double err = maxRelativeError(h.attraction - h.repulsion, v);
        QVERIFY2(err < 1e-12,
                 (c.name + " d=" + std::to_string(d) + " relative error " + std::to_string(err))
                     .c_str());
      }
    }
  }

  // The halves are what they say: V+ and V- (Laplace, separate) and the scores s_p, s_q
  // (conservative, score units) by brute force, to 1e-12.
  void halvesMatchBruteForce() {
    DirectBackend backend;
    const PointSet y = randomPoints(70, 2, 1), x = randomPoints(40, 2, 2, 0.5, 1.0);
    const PointSet q = queriesFor(2, 3);
    const FieldInputs in{x, y, 7, backend};
    const double tau = 0.4, h = 0.3;
    const FieldHalves lap = halvesAtPoints(*laplace(tau, false), in, q);
    ParamSet cp;
    cp.set("bandwidth", h);
    const FieldHalves cons = halvesAtPoints(*makeFlow("conservative", cp), in, q);
    const auto logLaplace = [tau](double r) { return -r / tau; };
    const auto logGauss = [h](double r) { return -r * r / (2 * h * h); };
    PointSet vPlus(q.rows(), 2), vMinus(q.rows(), 2), sP(q.rows(), 2), sQ(q.rows(), 2);
    for (Eigen::Index i = 0; i < q.rows(); ++i) {
      vPlus.row(i) = meanShift(q.row(i), y, logLaplace);
      vMinus.row(i) = meanShift(q.row(i), x, logLaplace);
      sP.row(i) = meanShift(q.row(i), y, logGauss) / (h * h);
      sQ.row(i) = meanShift(q.row(i), x, logGauss) / (h * h);
    }
    QVERIFY(maxRelativeError(lap.attraction, vPlus) < 1e-12);
    QVERIFY(maxRelativeError(lap.repulsion, vMinus) < 1e-12);
    QVERIFY(maxRelativeError(cons.attraction, sP) < 1e-12);
    QVERIFY(maxRelativeError(cons.repulsion, sQ) < 1e-12);
  }

  void decompositionOnlyForSeparateLaplace() {
    for (const FlowVariant& c : allFlowVariants()) {
      const auto f = makeFlow(c.flowId(), c.params);
      const bool expected = c.name.rfind("laplace separate", 0) == 0;
      QVERIFY2(hasLaplaceDecomposition(*f) == expected, c.name.c_str());
      if (!expected) {
        DirectBackend backend;
        const PointSet x = randomPoints(5, 2, 1);
        QVERIFY_THROWS_EXCEPTION(std::invalid_argument,
                                 laplaceDecompositionAtParticles(*f, {x, x, 1, backend}));
      }
    }
  }

  // companion + residual = V to 1e-10 of max |V|, at points (far ones included) and at the
  // particles (leave-one-out and include_self), d = 1..3.
  void decompositionReproducesLaplace() {
    DirectBackend backend;
    for (int d = 1; d <= 3; ++d)
      for (bool self : {false, true})
        for (double tau : {0.1, 0.5, 2.0}) {
          const PointSet y = randomPoints(80, d, 40 + d, 1.0, 0.5);
          const PointSet x = randomPoints(60, d, 50 + d, 0.6);
          const PointSet q = queriesFor(d, 60 + d);
          const FieldInputs in{x, y, 7, backend};
          const auto f = laplace(tau, self);
          PointSet vq(q.rows(), d), vx(x.rows(), d);
          f->atPoints(in, q, vq);
          f->atParticles(in, vx);
          const LaplaceDecomposition atQ = laplaceDecompositionAtPoints(*f, in, q);
          const LaplaceDecomposition atX = laplaceDecompositionAtParticles(*f, in);
          QVERIFY(atQ.companion.allFinite() && atQ.residual.allFinite());
          QVERIFY(maxRelativeError(sum(atQ), vq) < 1e-10);
          QVERIFY(maxRelativeError(sum(atX), vx) < 1e-10);
        }
  }

  // The parts against their definitions, by brute force at the particles with leave-one-out:
  // c = sum k# / sum k, s#_p = sum k (y - x) / sum k#, residual = (c_p - c_q) s#_p (1e-12).
  void decompositionMatchesBruteForce() {
    DirectBackend backend;
    const double tau = 0.35;
    const PointSet y = randomPoints(50, 2, 71), x = randomPoints(30, 2, 72, 0.8, 0.4);
    const auto f = laplace(tau, false);
    const LaplaceDecomposition dec = laplaceDecompositionAtParticles(*f, {x, y, 7, backend});
    PointSet companion(x.rows(), 2), residual(x.rows(), 2);
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
      auto sums = [&](const PointSet& c, Eigen::Index skip, double& sk, double& sharp,
                      Eigen::RowVectorXd& disp) {
        sk = sharp = 0.0;
        disp = Eigen::RowVectorXd::Zero(2);
        for (Eigen::Index j = 0; j < c.rows(); ++j) {
          if (j == skip) continue;
          const double r = (c.row(j) - x.row(i)).norm(), k = std::exp(-r / tau);
          sk += k;
          sharp += tau * (r + tau) * k;
          disp += k * (c.row(j) - x.row(i));
        }
      };
      double kp, sharpP, kq, sharpQ;
      Eigen::RowVectorXd dp, dq;
      sums(y, -1, kp, sharpP, dp);
      sums(x, i, kq, sharpQ, dq);
      const double cP = sharpP / kp, cQ = sharpQ / kq;
      companion.row(i) = cQ * (dp / sharpP - dq / sharpQ);
      residual.row(i) = (cP - cQ) * dp / sharpP;
    }
    QVERIFY(maxRelativeError(dec.companion, companion) < 1e-12);
    QVERIFY(maxRelativeError(dec.residual, residual) < 1e-12);
  }

  // A subset of particle rows gives those rows of the full decomposition (leave-one-out by the
  // particle's own index), to 1e-14.
  void decompositionAtParticleRows() {
    DirectBackend backend;
    const PointSet y = randomPoints(50, 3, 73), x = randomPoints(40, 3, 74, 0.7);
    const FieldInputs in{x, y, 7, backend};
    for (bool self : {false, true}) {
      const auto f = laplace(0.3, self);
      const LaplaceDecomposition full = laplaceDecompositionAtParticles(*f, in);
      const std::vector<Eigen::Index> rows{17, 0, 39, 5};
      const LaplaceDecomposition sub = laplaceDecompositionAtParticles(*f, in, rows);
      for (size_t r = 0; r < rows.size(); ++r) {
        QVERIFY((sub.companion.row(r) - full.companion.row(rows[r])).norm() <=
                1e-14 * full.companion.row(rows[r]).norm());
        QVERIFY((sub.residual.row(r) - full.residual.row(rows[r])).norm() <=
                1e-14 * full.residual.row(rows[r]).norm());
      }
    }
  }

  // Particles = data: c_q = c_p wherever both sums run over the same points, so the residual
  // is 0 (to 1e-12 of the companion's scale) at arbitrary points for both self rules, and at
  // the particles when the particle itself counts (include_self). At the particles with
  // leave-one-out V- drops the particle's own kernel from the q sums only, so c_q != c_p
  // there and the residual does not vanish: that is the leave-one-out term, not tested as 0.
  void residualVanishesWhenParticlesEqualData() {
    DirectBackend backend;
    for (int d = 1; d <= 3; ++d) {
      const PointSet y = randomPoints(70, d, 80 + d);
      const PointSet q = queriesFor(d, 90 + d);
      const FieldInputs in{y, y, 7, backend};
      for (bool self : {false, true}) {
        const auto f = laplace(0.5, self);
        const LaplaceDecomposition atQ = laplaceDecompositionAtPoints(*f, in, q);
        const FieldHalves h = halvesAtPoints(*f, in, q);
        QVERIFY(atQ.residual.cwiseAbs().maxCoeff() <= 1e-12 * h.attraction.cwiseAbs().maxCoeff());
      }
      const auto f = laplace(0.5, true);
      const LaplaceDecomposition atX = laplaceDecompositionAtParticles(*f, in);
      PointSet v(y.rows(), d);
      f->atParticles(in, v);
      QVERIFY(atX.residual.cwiseAbs().maxCoeff() <= 1e-12 * std::max(1.0, v.cwiseAbs().maxCoeff()));
      const LaplaceDecomposition loo = laplaceDecompositionAtParticles(*laplace(0.5, false), in);
      QVERIFY(loo.residual.cwiseAbs().maxCoeff() > 1e-6);
    }
  }

  // Queries 1e3 tau away (exp(-r/tau) underflows without log-sum-exp): every part finite,
  // c ~ tau (r + tau), and the identity still holds.
  void farQueriesStayFinite() {
    DirectBackend backend;
    const double tau = 0.25;
    const PointSet y = randomPoints(40, 2, 5), x = randomPoints(30, 2, 6, 0.5);
    PointSet q(3, 2);
    q << 250.0, 0.0, -300.0, 400.0, 1e4, 1e4;
    const auto f = laplace(tau, false);
    const FieldInputs in{x, y, 7, backend};
    const LaplaceDecomposition dec = laplaceDecompositionAtPoints(*f, in, q);
    PointSet v(q.rows(), 2);
    f->atPoints(in, q, v);
    QVERIFY(dec.companion.allFinite() && dec.residual.allFinite());
    QVERIFY(maxRelativeError(sum(dec), v) < 1e-10);
    const FieldHalves h = halvesAtPoints(*f, in, q);
    QVERIFY(h.attraction.allFinite() && h.repulsion.allFinite());
  }
};

QTEST_APPLESS_MAIN(TestFieldParts)
#include "tst_field_parts.moc"
