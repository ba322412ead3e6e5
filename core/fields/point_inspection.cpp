#include "fields/point_inspection.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "fields/sharp_laplace_field.h"

namespace driftlab {

namespace {

constexpr double kNegInf = -std::numeric_limits<double>::infinity();

/// One side's kernel sums at x over the centres used (every stride-th row, `skip` left out).
struct SideSums {
  double logSum = kNegInf;          ///< log sum_j k(x, c_j)
  Eigen::RowVectorXd displacement;  ///< sum_j w_j (c_j - x) = m - x (0 without centres)
  Eigen::Index count = 0;           ///< centres used
  std::vector<Eigen::Index> used;
};

/// Fills `weights` (rows(centres) entries, 0 where not used) with the softmax of log k.
SideSums sumSide(const Kernel& kernel, ConstPointRef centres, const Eigen::RowVectorXd& x,
                 Eigen::Index stride, Eigen::Index skip, Vector& weights) {
  SideSums s;
  s.displacement = Eigen::RowVectorXd::Zero(x.size());
  weights = Vector::Zero(centres.rows());
  double mx = kNegInf;
  for (Eigen::Index j = 0; j < centres.rows(); j += stride) {
    if (j == skip) continue;
    s.used.push_back(j);
    weights[j] = kernel.logValue((centres.row(j) - x).squaredNorm());
    mx = std::max(mx, weights[j]);
  }
  s.count = Eigen::Index(s.used.size());
  if (s.used.empty() || mx == kNegInf) {
    weights.setZero();
    return s;
  }
  double sum = 0.0;
  for (Eigen::Index j : s.used) sum += std::exp(weights[j] - mx);
  s.logSum = mx + std::log(sum);
  for (Eigen::Index j : s.used) {
    weights[j] = std::exp(weights[j] - s.logSum);
    s.displacement += weights[j] * (centres.row(j) - x);
  }
  return s;
}

std::vector<WeightedCentre> heaviest(const Vector& weights, int k) {
  std::vector<Eigen::Index> idx(size_t(weights.size()));
  std::iota(idx.begin(), idx.end(), Eigen::Index(0));
  const size_t n = std::min(idx.size(), size_t(std::max(k, 0)));
  std::partial_sort(idx.begin(), idx.begin() + Eigen::Index(n), idx.end(),
                    [&](Eigen::Index a, Eigen::Index b) {
                      return weights[a] > weights[b] || (weights[a] == weights[b] && a < b);
                    });
  std::vector<WeightedCentre> out;
  for (size_t i = 0; i < n; ++i)
    if (weights[idx[i]] > 0.0) out.push_back({idx[i], weights[idx[i]]});
  return out;
}

PointSet gather(ConstPointRef centres, const std::vector<Eigen::Index>& used) {
  PointSet out(Eigen::Index(used.size()), centres.cols());
  for (size_t i = 0; i < used.size(); ++i) out.row(Eigen::Index(i)) = centres.row(used[i]);
  return out;
}

/// log sum_j k#(|x - c_j|) over the centres used.
double logSharpSum(double tau, const Eigen::RowVectorXd& x, ConstPointRef centres,
                   const SideSums& side) {
  if (side.used.empty()) return kNegInf;
  const PointSet query = x;
  if (side.count == centres.rows()) return SharpLaplaceField::logSharpSums(tau, query, centres)[0];
  return SharpLaplaceField::logSharpSums(tau, query, gather(centres, side.used))[0];
}

/// exp(logA) as a factor; 0 when there is nothing to weigh.
double factor(double logA) {
  return std::isfinite(logA) ? std::exp(logA) : 0.0;
}

std::string every(Eigen::Index k, const std::string& noun) {
  if (k <= 1) return "every " + noun;
  return "every " +
         (k == 2   ? std::string("2nd")
          : k == 3 ? "3rd"
                   : std::to_string(k) + "th") +
         " " + noun;
}

}  // namespace

PointInspection inspectPoint(const std::string& flow, const ParamSet& params, double bandwidth,
                             ConstPointRef data, ConstPointRef particles,
                             const Eigen::RowVectorXd& point, Eigen::Index particle,
                             const InspectionOptions& options) {
  PointInspection r;
  r.bandwidth = bandwidth;
  r.point = point;
  r.particle = particle >= 0 && particle < particles.rows() ? particle : -1;
  const std::string norm =
      params.has("normalisation") ? params.choice("normalisation") : std::string("separate");
  const bool includeSelf = params.has("include_self") && params.flag("include_self");
  const bool driftUnits = params.has("drift_units") && params.flag("drift_units");
  const bool meanShift = flow == "laplace" || flow == "gaussian-meanshift";
  const bool covered = flow == "conservative" || flow == "sharp-laplace" || flow == "mmd" ||
                       (meanShift && norm != "joint");
  if (!covered || !(bandwidth > 0.0) || point.size() != data.cols()) {
    r.reason = !covered ? "not available for flow '" + flow +
                              (meanShift ? "' with joint normalisation" : "'")
                        : "not available: bad bandwidth or dimension";
    return r;
  }
  r.available = true;
  r.kernel =
      flow == "laplace" || flow == "sharp-laplace" ? KernelKind::kLaplace : KernelKind::kGaussian;
  r.selfLeftOut = meanShift && r.particle >= 0 && !includeSelf;
  const Kernel kernel{r.kernel, bandwidth};
  const Eigen::Index cap = std::max<Eigen::Index>(1, options.maxCentres);
  r.dataStride = std::max<Eigen::Index>(1, (data.rows() + cap - 1) / cap);
  r.particleStride = std::max<Eigen::Index>(1, (particles.rows() + cap - 1) / cap);
  if (r.dataStride > 1 || r.particleStride > 1)
    r.note = "subset: " + every(r.dataStride, "data point") + ", " +
             every(r.particleStride, "particle") + " (more than " + std::to_string(cap) + ")";

  const SideSums p = sumSide(kernel, data, point, r.dataStride, -1, r.dataWeights);
  const SideSums q = sumSide(kernel, particles, point, r.particleStride,
                             r.selfLeftOut ? r.particle : -1, r.particleWeights);
  const double h2 = bandwidth * bandwidth;
  if (flow == "conservative") {
    const double scale = driftUnits ? 1.0 : 1.0 / h2;
    r.vPlus = scale * p.displacement;
    r.vMinus = scale * q.displacement;
    r.formula = driftUnits ? "V = h^2 (s_p - s_q) = (m_p - x) - (m_q - x), x a centre of q_h"
                           : "V = s_p - s_q = (m_p - x)/h^2 - (m_q - x)/h^2, x a centre of q_h";
  } else if (flow == "mmd") {
    const double logC = gaussianLogNormaliser(int(point.size()), bandwidth);
    r.vPlus = factor(p.logSum + logC - std::log(double(p.count))) / h2 * p.displacement;
    r.vMinus = factor(q.logSum + logC - std::log(double(q.count))) / h2 * q.displacement;
    r.formula = "V = (1/M) sum grad K_h(x - y_j) - (1/N) sum grad K_h(x - x_i)";
  } else if (flow == "sharp-laplace") {
    const double sp = logSharpSum(bandwidth, point, data, p);
    const double sq = logSharpSum(bandwidth, point, particles, q);
    r.vPlus = factor(p.logSum - sp) * p.displacement;
    r.vMinus = factor(q.logSum - sq) * q.displacement;
    r.formula = "V = s#_p - s#_q, s# = sum k (c - x) / sum k#, x a centre of q";
  } else if (norm == "none") {
    r.vPlus = factor(p.logSum - std::log(double(p.count))) * p.displacement;
    r.vMinus = factor(q.logSum - std::log(double(q.count))) * q.displacement;
    r.formula = "V = (1/M) sum k (y - x) - (1/N') sum k (x_i - x)";
  } else {
    r.vPlus = p.displacement;
    r.vMinus = q.displacement;
    r.formula = std::string("V = V+ - V- = (m_p - x) - (m_q - x)") +
                (r.selfLeftOut ? ", the particle left out of V-" : "");
    if (flow == "laplace") {
      // c_q s#_p = exp(log S#_q - log S_q + log S_p - log S#_p) (m_p - x); c_p s#_p = V+.
      const double sp = logSharpSum(bandwidth, point, data, p);
      const double sq = logSharpSum(bandwidth, point, particles, q);
      const Eigen::RowVectorXd cqSp = factor(sq - q.logSum + p.logSum - sp) * p.displacement;
      r.hasSharpParts = true;
      r.sharpCompanion = cqSp - r.vMinus;
      r.sharpResidual = r.vPlus - cqSp;
    }
  }
  r.v = r.vPlus - r.vMinus;
  r.nearestData = heaviest(r.dataWeights, options.nearest);
  r.nearestParticles = heaviest(r.particleWeights, options.nearest);
  return r;
}

}  // namespace driftlab
