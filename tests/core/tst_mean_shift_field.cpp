// MeanShiftField (laplace, gaussian-meanshift) against brute force and identities.
#include <QtTest>

#include "brute_force.h"
#include "evaluators/direct_kernel_sums.h"
#include "fields/conservative_field.h"
#include "fields/mean_shift_field.h"

using namespace driftlab;
using namespace driftlab::test;

namespace {

/// Brute-force official "joint" algorithm with full matrices (double precision):
/// logits log k(dist) over [data, particles], the diagonal masked iff maskSelf,
/// A = sqrt(softmax_row softmax_col), W+ = A+ rowsum(A-), W- = A- rowsum(A+), V = W+ y - W- x.
template <class LogKernel>
PointSet jointReference(const PointSet& x, const PointSet& y, LogKernel logk, bool maskSelf) {
  const Eigen::Index n = x.rows(), m = y.rows();
  Eigen::MatrixXd logits(n, m + n);
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = 0; j < m; ++j) logits(i, j) = logk((x.row(i) - y.row(j)).norm());
    for (Eigen::Index k = 0; k < n; ++k)
      logits(i, m + k) = i == k && maskSelf ? -INFINITY : logk((x.row(i) - x.row(k)).norm());
  }
  Eigen::MatrixXd rowSm(n, m + n), colSm(n, m + n);
  for (Eigen::Index i = 0; i < n; ++i) {
    const double mx = logits.row(i).maxCoeff();
    const Eigen::RowVectorXd e = (logits.row(i).array() - mx).exp();
    rowSm.row(i) = e / e.sum();
  }
  for (Eigen::Index c = 0; c < m + n; ++c) {
    const double mx = logits.col(c).maxCoeff();
    const Eigen::VectorXd e = (logits.col(c).array() - mx).exp();
    colSm.col(c) = e / e.sum();
  }
  const Eigen::MatrixXd A = (rowSm.array() * colSm.array()).sqrt();
  const Eigen::MatrixXd Ap = A.leftCols(m), An = A.rightCols(n);
  const Eigen::VectorXd sp = Ap.rowwise().sum(), sn = An.rowwise().sum();
  const Eigen::MatrixXd Wp = Ap.array().colwise() * sn.array();
  const Eigen::MatrixXd Wn = An.array().colwise() * sp.array();
  return Wp * y - Wn * x;
}

PointSet officialJoint(const PointSet& x, const PointSet& y, double tau) {
  return jointReference(
      x, y, [tau](double r) { return -r / tau; }, true);
}

PointSet evaluate(const MeanShiftField& f, const PointSet& x, const PointSet& y) {
  DirectBackend backend;
  PointSet v(x.rows(), x.cols());
  f.atParticles({x, y, 5, backend}, v);
  return v;
}

double circulation(const DriftField& f, const PointSet& x, const PointSet& y,
                   Eigen::RowVector2d centre, double radius) {
  const int k = 256;
  PointSet loop(k, 2);
  for (int i = 0; i < k; ++i) {
    const double a = 2 * std::numbers::pi * i / k;
    loop.row(i) = centre + radius * Eigen::RowVector2d(std::cos(a), std::sin(a));
  }
  DirectBackend backend;
  PointSet v(k, 2);
  f.atPoints({x, y, 5, backend}, loop, v);
  double c = 0.0;
  for (int i = 0; i < k; ++i) {
    const double a = 2 * std::numbers::pi * i / k;
    c += v.row(i).dot(Eigen::RowVector2d(-std::sin(a), std::cos(a))) * radius * 2 *
         std::numbers::pi / k;
  }
  return c;
}

}  // namespace

class TestMeanShiftField : public QObject {
  Q_OBJECT

 private slots:
  // separate normalisation, leave-one-out: V = V+ - V- by brute force (relative 1e-12).
  void laplaceSeparateMatchesBruteForce() {
    const double tau = 0.6;
    const PointSet y = randomPoints(70, 3, 11), x = randomPoints(50, 3, 12, 1.4);
    const PointSet v = evaluate(
        MeanShiftField({KernelKind::kLaplace, tau}, MeanShiftNormalisation::kSeparate, false), x,
        y);
    auto logk = [tau](double r) { return -r / tau; };
    PointSet ref(x.rows(), 3);
    for (Eigen::Index i = 0; i < x.rows(); ++i)
      ref.row(i) = meanShift(x.row(i), y, logk) - meanShift(x.row(i), x, logk, i);
    QVERIFY(maxRelativeError(v, ref) < 1e-12);
  }

  // none normalisation: (1/M) sum k (y - x) - (1/(N-1)) sum_{k != i} k (x_k - x).
  void laplaceNoneMatchesBruteForce() {
    const double tau = 0.8;
    const PointSet y = randomPoints(40, 2, 13), x = randomPoints(30, 2, 14, 1.2);
    const PointSet v = evaluate(
        MeanShiftField({KernelKind::kLaplace, tau}, MeanShiftNormalisation::kNone, false), x, y);
    PointSet ref = PointSet::Zero(x.rows(), 2);
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
      for (Eigen::Index j = 0; j < y.rows(); ++j)
        ref.row(i) += std::exp(-(y.row(j) - x.row(i)).norm() / tau) * (y.row(j) - x.row(i)) / 40.0;
      for (Eigen::Index k = 0; k < x.rows(); ++k)
        if (k != i)
          ref.row(i) -=
              std::exp(-(x.row(k) - x.row(i)).norm() / tau) * (x.row(k) - x.row(i)) / 29.0;
    }
    QVERIFY(maxRelativeError(v, ref) < 1e-12);
  }

  // joint normalisation = official algorithm computed with full matrices (relative 1e-10).
  void jointMatchesOfficialAlgorithm_data() {
    QTest::addColumn<int>("dim");
    QTest::addColumn<double>("tau");
    QTest::newRow("2d") << 2 << 0.5;
    QTest::newRow("3d small tau") << 3 << 0.1;
    QTest::newRow("6d") << 6 << 2.0;
  }
  void jointMatchesOfficialAlgorithm() {
    QFETCH(int, dim);
    QFETCH(double, tau);
    const PointSet y = randomPoints(64, dim, 21), x = randomPoints(48, dim, 22, 1.3, 0.2);
    const PointSet v = evaluate(
        MeanShiftField({KernelKind::kLaplace, tau}, MeanShiftNormalisation::kJoint, false), x, y);
    const PointSet ref = officialJoint(x, y, tau);
    QVERIFY2(maxRelativeError(v, ref) < 1e-10,
             qPrintable(QString::number(maxRelativeError(v, ref))));
  }

  // include_self is one formula in rows and columns: true = the joint algorithm with no mask
  // (the particle's own logit in its row softmax and in its column softmax), false = the
  // official mask in both; Laplace and Gaussian kernels, relative 1e-10. At the particles'
  // positions, atPoints equals atParticles when nothing is masked (1e-12).
  void jointIncludeSelfIsOneFormula_data() {
    QTest::addColumn<bool>("gaussian");
    QTest::addColumn<bool>("includeSelf");
    QTest::newRow("laplace, include_self") << false << true;
    QTest::newRow("laplace, leave out") << false << false;
    QTest::newRow("gaussian, include_self") << true << true;
    QTest::newRow("gaussian, leave out") << true << false;
  }
  void jointIncludeSelfIsOneFormula() {
    QFETCH(bool, gaussian);
    QFETCH(bool, includeSelf);
    const double bw = gaussian ? 0.35 : 0.5;
    const PointSet y = randomPoints(60, 2, 51), x = randomPoints(45, 2, 52, 1.2, 0.3);
    const Kernel kernel{gaussian ? KernelKind::kGaussian : KernelKind::kLaplace, bw};
    const MeanShiftField f(kernel, MeanShiftNormalisation::kJoint, includeSelf);
    const PointSet v = evaluate(f, x, y);
    const auto logk = [&](double r) { return kernel.logValue(r * r); };
    const PointSet ref = jointReference(x, y, logk, !includeSelf);
    const PointSet other = jointReference(x, y, logk, includeSelf);
    qInfo("relative error %.2e; the other mask differs by %.2e", maxRelativeError(v, ref),
          maxRelativeError(other, ref));
    QVERIFY(maxRelativeError(v, ref) < 1e-10);
    QVERIFY(maxRelativeError(other, ref) > 1e-3);
    DirectBackend backend;
    PointSet atPoints(x.rows(), 2);
    f.atPoints({x, y, 5, backend}, x, atPoints);
    if (includeSelf) QVERIFY(maxRelativeError(atPoints, v) < 1e-12);
  }

  // Gaussian mean shift with self included = h^2 x conservative field (relative 1e-12).
  void gaussianMeanShiftWithSelfIsScaledConservative() {
    const double h = 0.35;
    const PointSet y = randomPoints(80, 2, 31), x = randomPoints(60, 2, 32, 1.5);
    const PointSet ms = evaluate(
        MeanShiftField({KernelKind::kGaussian, h}, MeanShiftNormalisation::kSeparate, true), x, y);
    DirectBackend backend;
    PointSet cons(x.rows(), 2);
    ConservativeField(h, false).atParticles({x, y, 5, backend}, cons);
    QVERIFY(maxRelativeError(ms, h * h * cons) < 1e-12);
  }

  // Leave-one-out differs by exactly the self term: with S = sum_{k != i} k(x_i, x_k) and
  // m the leave-one-out mean, V_incl - V_loo = (m - x_i) / (S + 1).
  void leaveOneOutDiffersByTheSelfTerm() {
    const double h = 0.3;
    const PointSet y = randomPoints(50, 2, 41), x = randomPoints(40, 2, 42, 1.2);
    const PointSet incl = evaluate(
        MeanShiftField({KernelKind::kGaussian, h}, MeanShiftNormalisation::kSeparate, true), x, y);
    const PointSet loo = evaluate(
        MeanShiftField({KernelKind::kGaussian, h}, MeanShiftNormalisation::kSeparate, false), x, y);
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
      double s = 0.0;
      Eigen::RowVector2d acc = Eigen::RowVector2d::Zero();
      for (Eigen::Index k = 0; k < x.rows(); ++k) {
        if (k == i) continue;
        const double w = std::exp(-(x.row(k) - x.row(i)).squaredNorm() / (2 * h * h));
        s += w;
        acc += w * (x.row(k) - x.row(i));
      }
      const Eigen::RowVector2d selfTerm = (acc / s) / (s + 1.0);
      QVERIFY((incl.row(i) - loo.row(i) - selfTerm).norm() < 1e-12 * (1.0 + selfTerm.norm()));
      QVERIFY(selfTerm.norm() > 1e-6);  // the term is really there
    }
  }

  // laplace is not a gradient: non-zero circulation around a small loop on an asymmetric
  // configuration, while the conservative field's circulation vanishes (to 1e-9 relative
  // to |v| times the loop length).
  void laplaceHasCirculationConservativeDoesNot() {
    PointSet y(4, 2), x(3, 2);
    y << 1.0, 0.0, 0.2, 1.1, -0.7, 0.4, 0.3, -0.9;
    x << -0.5, -0.2, 0.6, 0.5, 0.1, 0.9;
    const Eigen::RowVector2d centre(0.15, 0.1);
    const double r = 0.05;
    const MeanShiftField lap({KernelKind::kLaplace, 0.5}, MeanShiftNormalisation::kSeparate, false);
    const ConservativeField cons(0.5, false);
    const double cl = circulation(lap, x, y, centre, r);
    const double cc = circulation(cons, x, y, centre, r);
    DirectBackend backend;
    PointSet probe(1, 2), v(1, 2);
    probe.row(0) = centre;
    cons.atPoints({x, y, 5, backend}, probe, v);
    const double scale = v.norm() * 2 * std::numbers::pi * r;
    qInfo("circulation: laplace %.3e, conservative %.3e (scale %.3e)", cl, cc, scale);
    QVERIFY(std::abs(cc) < 1e-9 * scale);
    QVERIFY(std::abs(cl) > 1e-4 * scale);
    QVERIFY(std::abs(cl) > 1e4 * std::abs(cc));
    QVERIFY(!lap.conservative());
    QVERIFY(cons.conservative());
  }
};

QTEST_APPLESS_MAIN(TestMeanShiftField)
#include "tst_mean_shift_field.moc"
