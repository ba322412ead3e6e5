// SvgdField against a brute-force double-precision loop of phi(x) = (1/N) sum_j [K(x_j, x)
// s_p(x_j) + grad_{x_j} K(x_j, x)], its kernel terms and exact score against finite differences,
// the median heuristic, the scene check for score = exact, and one particle on a Gaussian.
#include <QtTest>

#include <algorithm>
#include <cmath>
#include <vector>

#include "base/input_error.h"
#include "brute_force.h"
#include "evaluators/direct_kernel_sums.h"
#include "fields/field_parts.h"
#include "fields/svgd_field.h"
#include "flow_variants.h"
#include "scene/scene_config.h"
#include "targets/gaussian_mixture.h"

using namespace driftlab;
using namespace driftlab::test;

namespace {

using Row = Eigen::RowVectorXd;

/// The RBF kernel K(a, b) = exp(-|a - b|^2 / 2h^2), written out.
double rbf(const Row& a, const Row& b, double h) {
  return std::exp(-(a - b).squaredNorm() / (2 * h * h));
}

/// grad log of the data KDE with bandwidth s at x, by its own log-sum-exp loop.
Row kdeScore(const Row& x, const PointSet& data, double s) {
  std::vector<double> logs;
  for (Eigen::Index l = 0; l < data.rows(); ++l)
    logs.push_back(-(x - data.row(l)).squaredNorm() / (2 * s * s));
  const double lse = logSumExp(logs);
  Row g = Row::Zero(x.size());
  for (Eigen::Index l = 0; l < data.rows(); ++l)
    g += std::exp(logs[l] - lse) * (data.row(l) - x) / (s * s);
  return g;
}

/// grad log of an isotropic mixture at x: responsibilities times component scores, own loop.
Row mixtureScore(const Row& x, const GaussianMixture& g) {
  const int d = g.dim();
  std::vector<double> logs;
  for (int k = 0; k < g.components(); ++k) {
    const double s2 = g.sigma(k) * g.sigma(k);
    logs.push_back(std::log(g.weight(k)) - 0.5 * d * std::log(s2) -
                   (x - g.means().row(k)).squaredNorm() / (2 * s2));
  }
  const double lse = logSumExp(logs);
  Row out = Row::Zero(d);
  for (int k = 0; k < g.components(); ++k)
    out += std::exp(logs[k] - lse) * (g.means().row(k) - x) / (g.sigma(k) * g.sigma(k));
  return out;
}

/// Upper median of every pairwise distance (element floor(P/2) of the sorted P), all rows.
double medianBandwidthByHand(const PointSet& x) {
  std::vector<double> d;
  for (Eigen::Index a = 0; a < x.rows(); ++a)
    for (Eigen::Index b = a + 1; b < x.rows(); ++b) d.push_back((x.row(a) - x.row(b)).norm());
  std::sort(d.begin(), d.end());
  const double med = d[d.size() / 2];
  return std::sqrt(med * med / (2 * std::log(double(x.rows()) + 1)));
}

/// phi at every query by the formula, s_p given per particle.
PointSet svgdByHand(const PointSet& queries, const PointSet& x, const PointSet& scores, double h) {
  PointSet out = PointSet::Zero(queries.rows(), queries.cols());
  for (Eigen::Index i = 0; i < queries.rows(); ++i)
    for (Eigen::Index j = 0; j < x.rows(); ++j) {
      const double k = rbf(x.row(j), queries.row(i), h);
      const Row gradXj = k * (queries.row(i) - x.row(j)) / (h * h);  // d/dx_j of K(x_j, q)
      out.row(i) += (k * scores.row(j) + gradXj) / double(x.rows());
    }
  return out;
}

std::unique_ptr<SvgdField> svgd(double h, bool median, SvgdScore score, double s) {
  return std::make_unique<SvgdField>(h, median, score, s, false);
}

}  // namespace

class TestSvgdField : public QObject {
  Q_OBJECT

 private slots:
  // (a) atPoints at random points and atParticles at the particles against svgdByHand, d = 1..3,
  // kde (own loop, s = 0.4) and exact (own mixture loop) scores, fixed h = 0.7 and the median
  // heuristic: relative 1e-12 of the largest |phi|.
  void matchesBruteForce_data() {
    QTest::addColumn<int>("dim");
    QTest::addColumn<bool>("exact");
    QTest::addColumn<bool>("median");
    for (int d = 1; d <= 3; ++d)
      for (bool exact : {false, true})
        for (bool median : {false, true})
          QTest::newRow(qPrintable(QString("d=%1 %2 %3")
                                       .arg(d)
                                       .arg(exact ? "exact" : "kde")
                                       .arg(median ? "median" : "fixed")))
              << d << exact << median;
  }
  void matchesBruteForce() {
    QFETCH(int, dim);
    QFETCH(bool, exact);
    QFETCH(bool, median);
    const PointSet y = randomPoints(60, dim, 10 + dim), x = randomPoints(45, dim, 20 + dim, 1.3);
    const PointSet q = randomPoints(15, dim, 30 + dim, 1.5);
    const TestMixtureTarget target(dim);
    DirectBackend backend;
    const FieldInputs in{x, y, 3, backend, nullptr, &target};
    const double s = 0.4, h = median ? medianBandwidthByHand(x) : 0.7;
    PointSet scores(x.rows(), dim);
    for (Eigen::Index j = 0; j < x.rows(); ++j)
      scores.row(j) = exact ? mixtureScore(x.row(j), *target.mixture()) : kdeScore(x.row(j), y, s);
    const auto f = svgd(0.7, median, exact ? SvgdScore::kExact : SvgdScore::kKde, s);
    QCOMPARE(f->kernelBandwidth(x), h);
    PointSet vq(q.rows(), dim), vx(x.rows(), dim);
    f->atPoints(in, q, vq);
    f->atParticles(in, vx);
    const double eq = maxRelativeError(vq, svgdByHand(q, x, scores, h));
    const double ex = maxRelativeError(vx, svgdByHand(x, x, scores, h));
    qInfo("relative error at points %.2e, at particles %.2e", eq, ex);
    QVERIFY2(eq < 1e-12, qPrintable(QString::number(eq)));
    QVERIFY2(ex < 1e-12, qPrintable(QString::number(ex)));
    // The closed-form Jacobian's velocity is the same field (direct sums).
    PointSet v(q.rows(), dim), jac(q.rows(), dim * dim);
    f->jacobian(in, q, false, v, jac);
    QVERIFY(maxRelativeError(v, vq) < 1e-12);
  }

  // (b) exact score, d = 2, 3: the repulsion half is -(1/N) sum_j grad_{x_j} K(x_j, x) with the
  // gradient by central differences of K in x_j; the score is central differences of the
  // mixture's log density; the driving half is (1/N) sum_j K s_p(x_j) with those scores;
  // relative 1e-8 (step 1e-5). The Jacobian matches central differences of atPoints to 1e-7.
  void exactScoreMatchesFiniteDifferences() {
    for (int dim : {2, 3}) {
      const PointSet y = randomPoints(30, dim, 40 + dim), x = randomPoints(25, dim, 50 + dim, 1.2);
      const PointSet q = randomPoints(10, dim, 60 + dim, 1.4);
      const TestMixtureTarget target(dim);
      const GaussianMixture& g = *target.mixture();
      DirectBackend backend;
      const FieldInputs in{x, y, 3, backend, nullptr, &target};
      const double h = 0.6, eps = 1e-5;
      const auto f = svgd(h, false, SvgdScore::kExact, 0.3);
      const FieldHalves halves = halvesAtPoints(*f, in, q);
      // Scores: central differences of log p.
      const PointSet scores = f->scoreAt(in, x, true);
      PointSet fdScores(x.rows(), dim);
      for (Eigen::Index j = 0; j < x.rows(); ++j)
        for (int c = 0; c < dim; ++c) {
          Row a = x.row(j), b = x.row(j);
          a[c] += eps;
          b[c] -= eps;
          fdScores(j, c) = (g.logDensity(a.data()) - g.logDensity(b.data())) / (2 * eps);
        }
      const double scoreErr = maxRelativeError(scores, fdScores);
      QVERIFY2(scoreErr < 1e-8, qPrintable(QString::number(scoreErr)));
      PointSet drive = PointSet::Zero(q.rows(), dim), repel = drive;
      for (Eigen::Index i = 0; i < q.rows(); ++i)
        for (Eigen::Index j = 0; j < x.rows(); ++j) {
          Row grad(dim);
          for (int c = 0; c < dim; ++c) {
            Row a = x.row(j), b = x.row(j);
            a[c] += eps;
            b[c] -= eps;
            grad[c] = (rbf(a, q.row(i), h) - rbf(b, q.row(i), h)) / (2 * eps);
          }
          drive.row(i) += rbf(x.row(j), q.row(i), h) * fdScores.row(j) / double(x.rows());
          repel.row(i) -= grad / double(x.rows());
        }
      const double driveErr = maxRelativeError(halves.attraction, drive);
      const double repelErr = maxRelativeError(halves.repulsion, repel);
      qInfo("d=%d: score %.2e, driving term %.2e, repulsion %.2e", dim, scoreErr, driveErr,
            repelErr);
      QVERIFY2(driveErr < 1e-8, qPrintable(QString::number(driveErr)));
      QVERIFY2(repelErr < 1e-8, qPrintable(QString::number(repelErr)));
      // Jacobian against central differences of atPoints.
      PointSet v(q.rows(), dim), jac(q.rows(), dim * dim);
      f->jacobian(in, q, false, v, jac);
      PointSet fd(q.rows(), dim * dim);
      for (int b = 0; b < dim; ++b) {
        PointSet qa = q, qb = q, va(q.rows(), dim), vb(q.rows(), dim);
        qa.col(b).array() += eps;
        qb.col(b).array() -= eps;
        f->atPoints(in, qa, va);
        f->atPoints(in, qb, vb);
        for (int a = 0; a < dim; ++a) fd.col(a * dim + b) = (va.col(a) - vb.col(a)) / (2 * eps);
      }
      const double jacErr = maxRelativeError(jac, fd);
      qInfo("d=%d: Jacobian %.2e", dim, jacErr);
      QVERIFY2(jacErr < 1e-7, qPrintable(QString::number(jacErr)));
    }
  }

  // (c) The median heuristic on 1D points 0, 1, 3, 7: distances 1, 2, 3, 4, 6, 7, upper median
  // 4, h = 4 / sqrt(2 log 5); the field then equals the fixed field at that h; a cloud of one
  // point or all points equal falls back to `bandwidth`; above 1000 particles every
  // ceil(N/1000)-th one is used.
  void medianHeuristic() {
    PointSet x(4, 1);
    x << 0, 1, 3, 7;
    const double h = 4.0 / std::sqrt(2.0 * std::log(5.0));
    QCOMPARE(SvgdField::medianHeuristicBandwidth(x, 0.5), h);
    QCOMPARE(svgd(0.5, true, SvgdScore::kKde, 0.3)->kernelBandwidth(x), h);
    QCOMPARE(svgd(0.5, false, SvgdScore::kKde, 0.3)->kernelBandwidth(x), 0.5);
    QCOMPARE(SvgdField::medianHeuristicBandwidth(PointSet::Zero(1, 2), 0.5), 0.5);
    QCOMPARE(SvgdField::medianHeuristicBandwidth(PointSet::Ones(5, 2), 0.25), 0.25);
    const PointSet y = randomPoints(20, 1, 3);
    DirectBackend backend;
    PointSet a(4, 1), b(4, 1);
    svgd(0.5, true, SvgdScore::kKde, 0.3)->atParticles({x, y, 1, backend}, a);
    svgd(h, false, SvgdScore::kKde, 0.3)->atParticles({x, y, 1, backend}, b);
    QVERIFY(maxRelativeError(a, b) < 1e-15);
    // N = 2500: stride 3, particles 0, 3, ..., 2499 (834 of them).
    const PointSet big = randomPoints(2500, 2, 4);
    PointSet sub(834, 2);
    for (int k = 0; k < 834; ++k) sub.row(k) = big.row(3 * k);
    const double hSub = medianBandwidthByHand(sub) * std::sqrt(std::log(835.0) / std::log(2501.0));
    QVERIFY(std::abs(SvgdField::medianHeuristicBandwidth(big, 1.0) - hSub) < 1e-14 * hSub);
  }

  // (d) score = exact needs a mixture: moons is refused with one line naming target.name and
  // the mixture targets; 8gaussians passes; kde passes with moons. Without a target the field
  // throws an InputError naming flow.score.
  void exactScoreNeedsAMixture() {
    SceneConfig s;
    s.flowName = "svgd";
    s.flowParams.set("score", std::string("exact"));
    s.targetName = "moons";
    s.particles = 100;
    s.samples = 100;
    QString message;
    try {
      validateScene(s);
    } catch (const InputError& e) {
      message = e.what();
    }
    qInfo("%s", qPrintable(message));
    QVERIFY2(message.contains("target.name") && message.contains("8gaussians") &&
                 !message.contains('\n'),
             qPrintable(message));
    s.targetName = "8gaussians";
    s.targetParams = ParamSet();  // validateScene filled in the moons defaults
    validateScene(s);
    s.targetName = "moons";
    s.targetParams = ParamSet();
    s.flowParams.set("score", std::string("kde"));
    validateScene(s);
    DirectBackend backend;
    const PointSet x = randomPoints(5, 2, 1);
    PointSet v(5, 2);
    QString noTarget;
    try {
      svgd(0.5, false, SvgdScore::kExact, 0.3)->atParticles({x, x, 1, backend}, v);
    } catch (const InputError& e) {
      noTarget = e.what();
    }
    QVERIFY2(noTarget.contains("flow.score"), qPrintable(noTarget));
  }

  // (e) One particle, exact score, single Gaussian N(mu, 0.5^2 I): its own kernel term is
  // K = 1 with no repulsion, so phi = (mu - x) / sigma^2 (relative 1e-14), and Euler steps
  // of 0.05 shrink the distance to mu by the factor 1 - 0.05 / sigma^2 = 0.8 each.
  void oneParticleFollowsTheExactScore() {
    const auto& info = targets().require("gaussian", "target.name");
    ParamSet tp;
    tp.set("mean", std::vector<double>{1.0, -0.5});
    const auto target = info.make(validateParams(info.params, tp, "target"), 2);
    const Row mu = Eigen::RowVector2d(1.0, -0.5);
    PointSet x(1, 2);
    x << -1.0, 2.0;
    const PointSet y = randomPoints(10, 2, 5);
    DirectBackend backend;
    const auto f = makeFlow("svgd", [] {
      ParamSet p;
      p.set("score", std::string("exact"));
      return p;
    }());
    for (int step = 0; step < 5; ++step) {
      PointSet v(1, 2);
      f->atParticles({x, y, 1, backend, nullptr, target.get()}, v);
      const Row expected = (mu - x.row(0)) / 0.25;
      QVERIFY2((v.row(0) - expected).norm() <= 1e-14 * expected.norm(),
               qPrintable(QString("step %1").arg(step)));
      const double before = (x.row(0) - mu).norm();
      x += 0.05 * v;
      QVERIFY(std::abs((x.row(0) - mu).norm() - 0.8 * before) < 1e-14);
    }
  }
};

QTEST_APPLESS_MAIN(TestSvgdField)
#include "tst_svgd_field.moc"
