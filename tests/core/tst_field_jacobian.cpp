// Closed-form Jacobians of every flow (field_jacobian.h) against finite differences of the
// velocity, the asymmetry index per flow, and the curl against a circulation.
#include <QtTest>

#include <functional>
#include <memory>
#include <numbers>

#include "brute_force.h"
#include "evaluators/direct_kernel_sums.h"
#include "fields/conservative_field.h"
#include "fields/f_divergence_field.h"
#include "fields/field_jacobian.h"
#include "fields/mean_shift_field.h"
#include "fields/mmd_field.h"
#include "fields/sharp_laplace_field.h"
#include "flow_variants.h"
#include "registry/registry.h"

using namespace driftlab;
using namespace driftlab::test;

namespace {

struct FlowCase {
  QString name;
  std::shared_ptr<DriftField> field;
  bool laplaceKernel = false;
  bool leaveOneOut = false;  ///< atParticles leaves the particle out of its own sums
  bool joint = false;
  /// False when the kernel bandwidth follows the particles (svgd median): the self term treats
  /// h as fixed, so the total divergence is not checked.
  bool fixedBandwidth = true;
  std::shared_ptr<const Target> target = nullptr;  ///< for the flows that need one (pf-ode)
  /// `in` with this case's target.
  FieldInputs with(const FieldInputs& in) const {
    FieldInputs out = in;
    out.target = target.get();
    return out;
  }
};

std::vector<FlowCase> allFlows(double bw, int dim) {
  std::vector<FlowCase> out;
  out.push_back({"conservative", std::make_shared<ConservativeField>(bw, false)});
  out.push_back({"conservative drift_units", std::make_shared<ConservativeField>(bw, true)});
  const std::pair<MeanShiftNormalisation, const char*> norms[] = {
      {MeanShiftNormalisation::kSeparate, "separate"},
      {MeanShiftNormalisation::kJoint, "joint"},
      {MeanShiftNormalisation::kNone, "none"}};
  for (KernelKind kind : {KernelKind::kLaplace, KernelKind::kGaussian})
    for (const auto& [norm, normName] : norms)
      for (bool self : {false, true}) {
        const QString name =
            QString("%1 %2 include_self=%3")
                .arg(kind == KernelKind::kLaplace ? "laplace" : "gaussian-meanshift")
                .arg(normName)
                .arg(self);
        out.push_back({name, std::make_shared<MeanShiftField>(Kernel{kind, bw}, norm, self),
                       kind == KernelKind::kLaplace, !self,
                       norm == MeanShiftNormalisation::kJoint});
      }
  out.push_back({"sharp-laplace", std::make_shared<SharpLaplaceField>(bw), true});
  out.push_back({"mmd", std::make_shared<MmdField>(bw)});
  out.push_back({"f-divergence kl", std::make_shared<FDivergenceField>(
                                        bw, std::array<double, 4>{1.0, 0.0, 0.0, 0.0})});
  out.push_back({"f-divergence mixed", std::make_shared<FDivergenceField>(
                                           bw, std::array<double, 4>{0.4, 0.3, 0.2, 0.1})});
  // pf-ode on a three-component mixture (bw unused): VP at the prior end and mid-way, VE; svgd
  // reads the same mixture for its exact score.
  const auto mixture = std::make_shared<const test::TestMixtureTarget>(dim);
  for (FlowVariant v : svgdVariants(true)) {
    v.params.set("bandwidth", bw);
    out.push_back({QString::fromStdString(v.name), makeFlow("svgd", v.params), false, false, false,
                   v.name.find("median") == std::string::npos, mixture});
  }
  for (const auto& [schedule, T] :
       std::vector<std::pair<std::string, double>>{{"vp", 1.0}, {"vp", 0.3}, {"ve", 0.5}}) {
    ParamSet p;
    p.set("schedule", schedule);
    p.set("T", T);
    out.push_back({QString("pf-ode %1 T=%2").arg(schedule.c_str()).arg(T),
                   std::shared_ptr<DriftField>(test::makeFlow("pf-ode", p)), false, false, false,
                   true, mixture});
  }
  return out;
}

/// Richardson-extrapolated central differences, 2 C(eps/2) - C(eps): exact to O(eps^2) also
/// where the one-sided kink of the Laplace kernel at a particle's own centre leaves the
/// central difference an O(eps) error. f maps n x d queries to n x d velocities.
PointSet fdJacobian(const std::function<PointSet(const PointSet&)>& f, const PointSet& x,
                    double eps) {
  const Eigen::Index n = x.rows(), d = x.cols();
  PointSet stacked(4 * d * n, d);
  const double steps[4] = {eps, -eps, 0.5 * eps, -0.5 * eps};
  for (Eigen::Index b = 0; b < d; ++b)
    for (int s = 0; s < 4; ++s) {
      auto block = stacked.middleRows((4 * b + s) * n, n);
      block = x;
      block.col(b).array() += steps[s];
    }
  const PointSet v = f(stacked);
  PointSet jac(n, d * d);
  for (Eigen::Index b = 0; b < d; ++b) {
    auto at = [&](int s) { return v.middleRows((4 * b + s) * n, n); };
    const PointSet full = (at(0) - at(1)) / (2 * eps), half = (at(2) - at(3)) / eps;
    const PointSet rich = 2 * half - full;
    for (Eigen::Index a = 0; a < d; ++a) jac.col(a * d + b) = rich.col(a);
  }
  return jac;
}

/// Largest over rows of ||J_fd - J||_F / (||J||_F + floor): relative per point, with an
/// absolute floor (kJacobianFloor x a set's largest ||J||_F) for points where J vanishes (e.g.
/// outside the hull in 1D, where the Laplace softmax is shift-invariant): there the
/// differences carry the velocities' rounding, ~1e-15 |v| / eps ~ 1e-10.
/// err < 1e-6 means ||J_fd - J|| < 1e-6 ||J|| + 1e-8 max ||J||.
double worstRelativeError(const PointSet& fd, const PointSet& exact, double floor) {
  double worst = 0.0;
  for (Eigen::Index i = 0; i < fd.rows(); ++i)
    worst = std::max(worst, (fd.row(i) - exact.row(i)).norm() / (floor + exact.row(i).norm()));
  return worst;
}

double largestNorm(const PointSet& jac) {
  return jac.rowwise().norm().maxCoeff();
}

double minDistance(const Eigen::RowVectorXd& x, const PointSet& sources, Eigen::Index skip = -1) {
  double best = INFINITY;
  for (Eigen::Index j = 0; j < sources.rows(); ++j)
    if (j != skip) best = std::min(best, (sources.row(j) - x).norm());
  return best;
}

/// Random queries at least `gap` from every source (the Laplace kernel's kinks).
PointSet queriesAwayFrom(int n, int d, unsigned seed, const PointSet& y, const PointSet& x,
                         double gap) {
  const PointSet pool = randomPoints(4 * n, d, seed, 1.3, 0.1);
  PointSet out(n, d);
  int k = 0;
  for (Eigen::Index i = 0; i < pool.rows() && k < n; ++i)
    if (minDistance(pool.row(i), y) > gap && minDistance(pool.row(i), x) > gap)
      out.row(k++) = pool.row(i);
  return out.topRows(k);
}

PointSet removeRow(const PointSet& x, Eigen::Index i) {
  PointSet out(x.rows() - 1, x.cols());
  out << x.topRows(i), x.bottomRows(x.rows() - i - 1);
  return out;
}

/// Row i of the joint algorithm at a moved query z with the column normalisers of the unmoved
/// particles (the field view at particle i), brute force; maskSelf masks column i.
Eigen::RowVectorXd jointRowAt(const Eigen::RowVectorXd& z, Eigen::Index i, const PointSet& y,
                              const PointSet& x, const Kernel& kernel, bool maskSelf) {
  const Eigen::Index m = y.rows(), n = x.rows();
  auto logk = [&](const Eigen::RowVectorXd& a, const Eigen::RowVectorXd& b) {
    return kernel.logValue((a - b).squaredNorm());
  };
  std::vector<double> rowLogits, colNorm(m + n);
  for (Eigen::Index c = 0; c < m + n; ++c) {
    const Eigen::RowVectorXd col = c < m ? y.row(c) : x.row(c - m);
    std::vector<double> logs;
    for (Eigen::Index r = 0; r < n; ++r)
      logs.push_back(maskSelf && c >= m && r == c - m ? -INFINITY : logk(x.row(r), col));
    colNorm[c] = logSumExp(logs);
    rowLogits.push_back(maskSelf && c == m + i ? -INFINITY : logk(z, col));
  }
  const double rowNorm = logSumExp(rowLogits);
  double aPlus = 0, aMinus = 0;
  Eigen::RowVectorXd dPlus = Eigen::RowVectorXd::Zero(z.size()), dMinus = dPlus;
  for (Eigen::Index c = 0; c < m + n; ++c) {
    if (rowLogits[c] == -INFINITY) continue;
    const double a = std::exp(rowLogits[c] - 0.5 * rowNorm - 0.5 * colNorm[c]);
    const Eigen::RowVectorXd col = c < m ? y.row(c) : x.row(c - m);
    (c < m ? aPlus : aMinus) += a;
    (c < m ? dPlus : dMinus) += a * (col - z);
  }
  return aMinus * dPlus - aPlus * dMinus;
}

constexpr double kEps = 2e-5;
constexpr double kGap = 200 * kEps;
constexpr double kFdTolerance = 1e-6;
constexpr double kJacobianFloor = 1e-2;

}  // namespace

class TestFieldJacobian : public QObject {
  Q_OBJECT

 private:
  ReferenceBackend m_backend;

  /// minDim 2 where the test is about asymmetry (every 1 x 1 Jacobian is symmetric).
  void addCases(int minDim = 1) {
    QTest::addColumn<int>("dim");
    QTest::addColumn<double>("bandwidth");
    for (int d = minDim; d <= 3; ++d)
      for (double bw : {0.15, 0.6, 3.0})  // small, medium, large against a spread of ~1
        QTest::newRow(qPrintable(QString("d=%1 bw=%2").arg(d).arg(bw))) << d << bw;
  }

 private slots:
  // At random points (away from every kernel centre) the closed form agrees with
  // Richardson-extrapolated central differences of atPoints (step 2e-5, spread ~1) to
  // relative 1e-6 (Frobenius, per point, + 1e-8 x the largest ||J||), for every flow, normalisation
  // and include_self; the velocities agree to 1e-12.
  void jacobianAtPointsMatchesFiniteDifferences_data() { addCases(); }
  void jacobianAtPointsMatchesFiniteDifferences() {
    QFETCH(int, dim);
    QFETCH(double, bandwidth);
    const PointSet y = randomPoints(40, dim, 100 + dim),
                   x = randomPoints(30, dim, 200 + dim, 1.2, 0.3);
    const PointSet q = queriesAwayFrom(20, dim, 300 + dim, y, x, kGap);
    const FieldInputs in0{x, y, 7, m_backend};
    double worstAll = 0.0;
    for (const FlowCase& c : allFlows(bandwidth, dim)) {
      const FieldInputs in = c.with(in0);
      const FieldJacobians j = jacobiansAtPoints(*c.field, in, q);
      PointSet v(q.rows(), dim);
      c.field->atPoints(in, q, v);
      QVERIFY2(maxRelativeError(j.velocity, v) < 1e-12, qPrintable(c.name));
      const PointSet fd = fdJacobian(
          [&](const PointSet& z) {
            PointSet out(z.rows(), dim);
            c.field->atPoints(in, z, out);
            return out;
          },
          q, kEps);
      const double err =
          worstRelativeError(fd, j.jacobian, kJacobianFloor * largestNorm(j.jacobian));
      worstAll = std::max(worstAll, err);
      QVERIFY2(err < kFdTolerance, qPrintable(c.name + ": " + QString::number(err)));
    }
    qInfo("worst relative FD error at points: %.3g", worstAll);
  }

  // At the particles, with atParticles' rules and every centre held fixed: the leave-one-out
  // flows are the fields of the other particles there (joint: a brute-force row with the
  // fixed column normalisers); relative 1e-6, velocities 1e-12.
  void jacobianAtParticlesMatchesFiniteDifferences_data() { addCases(); }
  void jacobianAtParticlesMatchesFiniteDifferences() {
    QFETCH(int, dim);
    QFETCH(double, bandwidth);
    const PointSet y = randomPoints(40, dim, 400 + dim),
                   x = randomPoints(30, dim, 500 + dim, 1.2, 0.3);
    const FieldInputs in0{x, y, 7, m_backend};
    double worstAll = 0.0;
    for (const FlowCase& c : allFlows(bandwidth, dim)) {
      const FieldInputs in = c.with(in0);
      const FieldJacobians j = jacobiansAtParticles(*c.field, in);
      PointSet v(x.rows(), dim);
      c.field->atParticles(in, v);
      QVERIFY2(maxRelativeError(j.velocity, v) < 1e-12, qPrintable(c.name));
      for (Eigen::Index i = 0; i < x.rows(); i += 3) {
        if (c.laplaceKernel &&
            std::min(minDistance(x.row(i), y), minDistance(x.row(i), x, i)) < kGap)
          continue;
        const PointSet others = removeRow(x, i);
        const FieldInputs rest = c.with({others, y, 7, m_backend});
        auto f = [&](const PointSet& z) {
          PointSet out(z.rows(), dim);
          if (c.joint && c.leaveOneOut) {
            const Kernel k{c.laplaceKernel ? KernelKind::kLaplace : KernelKind::kGaussian,
                           bandwidth};
            for (Eigen::Index r = 0; r < z.rows(); ++r)
              out.row(r) = jointRowAt(z.row(r), i, y, x, k, true);
          } else {
            c.field->atPoints(c.leaveOneOut ? rest : in, z, out);
          }
          return out;
        };
        const PointSet fd = fdJacobian(f, x.row(i), kEps);
        const double err =
            worstRelativeError(fd, j.jacobian.row(i), kJacobianFloor * largestNorm(j.jacobian));
        worstAll = std::max(worstAll, err);
        QVERIFY2(err < kFdTolerance, qPrintable(c.name + " particle " + QString::number(i) + ": " +
                                                QString::number(err)));
      }
    }
    qInfo("worst relative FD error at particles: %.3g", worstAll);
  }

  // The asymmetry index (particle mean of ||J - J^T||_F / ||J||_F): <= 1e-10 for every gradient
  // flow, > 1e-3 for laplace separate and joint; at arbitrary points the same bound holds for
  // the gradient flows.
  void asymmetryIndexPerFlow_data() { addCases(2); }
  void asymmetryIndexPerFlow() {
    QFETCH(int, dim);
    QFETCH(double, bandwidth);
    const PointSet y = randomPoints(40, dim, 600 + dim),
                   x = randomPoints(30, dim, 700 + dim, 1.2, 0.3);
    const PointSet q = randomPoints(20, dim, 800 + dim, 1.3);
    const FieldInputs in0{x, y, 7, m_backend};
    double worstGradient = 0.0, leastLaplace = INFINITY;
    for (const FlowCase& c : allFlows(bandwidth, dim)) {
      const FieldInputs in = c.with(in0);
      const FieldJacobians jp = jacobiansAtParticles(*c.field, in),
                           jq = jacobiansAtPoints(*c.field, in, q);
      double index = 0.0, worstAtPoints = 0.0;
      for (Eigen::Index i = 0; i < x.rows(); ++i) index += asymmetryRatio(jp, i) / double(x.rows());
      for (Eigen::Index i = 0; i < q.rows(); ++i)
        worstAtPoints = std::max(worstAtPoints, asymmetryRatio(jq, i));
      const QString what = c.name + ": " + QString::number(index);
      if (c.field->conservative()) {
        worstGradient = std::max({worstGradient, index, worstAtPoints});
        QVERIFY2(index <= 1e-10, qPrintable(what));
        QVERIFY2(worstAtPoints <= 1e-10, qPrintable(what));
      }
      if (c.laplaceKernel && !c.field->conservative() && !c.name.contains("none")) {
        leastLaplace = std::min(leastLaplace, index);
        QVERIFY2(index > 1e-3, qPrintable(what));
        QVERIFY2(curlNorm(jp, 0) > 0.0, qPrintable(what));
      }
    }
    qInfo("gradient flows: index <= %.3g; laplace separate/joint: index >= %.3g", worstGradient,
          leastLaplace);
  }

  // The divergence of a particle's own velocity when it moves within the particle set (its
  // kernel centre and, for joint, its share of every normaliser moving with it) is
  // trace(J_i) + selfDivergence_i: against Richardson central differences of atParticles row i
  // (step 2e-5), relative 1e-6 of |trace J_i| + |selfDivergence_i| (+ 1e-8 x the largest).
  void totalDivergenceMatchesFiniteDifferences_data() { addCases(); }
  void totalDivergenceMatchesFiniteDifferences() {
    QFETCH(int, dim);
    QFETCH(double, bandwidth);
    const PointSet y = randomPoints(40, dim, 900 + dim),
                   x = randomPoints(30, dim, 950 + dim, 1.2, 0.3);
    const FieldInputs in0{x, y, 7, m_backend};
    double worstAll = 0.0;
    for (const FlowCase& c : allFlows(bandwidth, dim)) {
      if (!c.fixedBandwidth) continue;
      const FieldInputs in = c.with(in0);
      const FieldJacobians j = jacobiansAtParticles(*c.field, in);
      const Vector self = c.field->selfDivergence(in, x.rows());
      QCOMPARE(self.size(), x.rows());
      std::vector<double> exact, fd, scale;
      for (Eigen::Index i = 0; i < x.rows(); i += 5) {
        if (c.laplaceKernel &&
            std::min(minDistance(x.row(i), y), minDistance(x.row(i), x, i)) < kGap)
          continue;
        double trace = 0.0, divergence = 0.0;
        for (int b = 0; b < dim; ++b) trace += j.jacobian(i, b * dim + b);
        for (int b = 0; b < dim; ++b) {
          auto moved = [&](double step) {
            PointSet xs = x;
            xs(i, b) += step;
            PointSet v(x.rows(), dim);
            c.field->atParticles(c.with({xs, y, 7, m_backend}), v);
            return v(i, b);
          };
          const double full = (moved(kEps) - moved(-kEps)) / (2 * kEps);
          const double half = (moved(0.5 * kEps) - moved(-0.5 * kEps)) / kEps;
          divergence += 2 * half - full;
        }
        exact.push_back(trace + self[i]);
        fd.push_back(divergence);
        scale.push_back(std::abs(trace) + std::abs(self[i]));
      }
      const double top = *std::max_element(scale.begin(), scale.end());
      for (size_t k = 0; k < exact.size(); ++k) {
        const double err = std::abs(fd[k] - exact[k]) / (scale[k] + kJacobianFloor * top);
        worstAll = std::max(worstAll, err);
        QVERIFY2(err < kFdTolerance, qPrintable(c.name + ": " + QString::number(err)));
      }
    }
    qInfo("worst relative FD error of the total divergence: %.3g", worstAll);
  }

  // 2D: scalarCurl = circulation of v around a circle of radius 1e-4 / its area, relative 1e-5
  // (the O(radius^2) term is ~2e-6 at points 0.05 from a kernel centre), for laplace separate
  // and joint at random points.
  void scalarCurlIsCirculationPerArea() {
    const PointSet y = randomPoints(40, 2, 31), x = randomPoints(30, 2, 32, 1.2, 0.3);
    const PointSet q = queriesAwayFrom(10, 2, 33, y, x, 0.05);
    const FieldInputs in{x, y, 7, m_backend};
    for (auto norm : {MeanShiftNormalisation::kSeparate, MeanShiftNormalisation::kJoint}) {
      const MeanShiftField field({KernelKind::kLaplace, 0.5}, norm, false);
      const FieldJacobians j = jacobiansAtPoints(field, in, q);
      for (Eigen::Index i = 0; i < q.rows(); ++i) {
        const int k = 256;
        const double radius = 1e-4;
        PointSet loop(k, 2);
        for (int s = 0; s < k; ++s) {
          const double a = 2 * std::numbers::pi * s / k;
          loop.row(s) = q.row(i) + radius * Eigen::RowVector2d(std::cos(a), std::sin(a));
        }
        PointSet v(k, 2);
        field.atPoints(in, loop, v);
        double circulation = 0.0;
        for (int s = 0; s < k; ++s) {
          const double a = 2 * std::numbers::pi * s / k;
          circulation += v.row(s).dot(Eigen::RowVector2d(-std::sin(a), std::cos(a))) * radius * 2 *
                         std::numbers::pi / k;
        }
        const double perArea = circulation / (std::numbers::pi * radius * radius);
        const double curl = scalarCurl(j, i);
        QVERIFY2(std::abs(perArea - curl) <= 1e-5 * std::abs(curl),
                 qPrintable(QString("%1 vs %2").arg(perArea).arg(curl)));
        QCOMPARE(curlNorm(j, i), std::abs(curl));
      }
    }
  }
};

QTEST_APPLESS_MAIN(TestFieldJacobian)
#include "tst_field_jacobian.moc"
