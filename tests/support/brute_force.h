#pragma once
/// Brute-force references for the tests: written for clarity, not speed, in double
/// precision with explicit log-sum-exp; independent of the production kernels.
#include <algorithm>
#include <cmath>
#include <numbers>
#include <random>
#include <vector>

#include "base/point_set.h"

namespace driftlab::test {

inline PointSet randomPoints(int n, int d, unsigned seed, double scale = 1.0, double shift = 0.0) {
  std::mt19937_64 gen(seed);
  std::normal_distribution<double> g(0.0, 1.0);
  PointSet p(n, d);
  for (int i = 0; i < n; ++i)
    for (int k = 0; k < d; ++k) p(i, k) = shift + scale * g(gen);
  return p;
}

inline double logSumExp(const std::vector<double>& v) {
  if (v.empty()) return -INFINITY;
  const double mx = *std::max_element(v.begin(), v.end());
  if (mx == -INFINITY) return mx;
  double s = 0.0;
  for (double x : v) s += std::exp(x - mx);
  return mx + std::log(s);
}

/// log of the normalised Gaussian KDE (1/n) sum K_h(x - c_j).
inline double logKde(const Eigen::RowVectorXd& x, const PointSet& centres, double h) {
  std::vector<double> logs;
  for (Eigen::Index j = 0; j < centres.rows(); ++j)
    logs.push_back(-(x - centres.row(j)).squaredNorm() / (2 * h * h));
  const double d = static_cast<double>(x.size());
  return logSumExp(logs) - std::log(double(centres.rows())) -
         0.5 * d * std::log(2 * std::numbers::pi * h * h);
}

/// Central finite-difference gradient of log p_h - log q_h at x.
inline Eigen::RowVectorXd fdGradientLogRatio(const Eigen::RowVectorXd& x, const PointSet& data,
                                             const PointSet& particles, double h, double eps) {
  Eigen::RowVectorXd g(x.size());
  for (Eigen::Index k = 0; k < x.size(); ++k) {
    Eigen::RowVectorXd a = x, b = x;
    a[k] += eps;
    b[k] -= eps;
    g[k] = ((logKde(a, data, h) - logKde(a, particles, h)) -
            (logKde(b, data, h) - logKde(b, particles, h))) /
           (2 * eps);
  }
  return g;
}

/// Displacement mean shift sum_j w_j (c_j - x) / sum_j w_j with log-weights logk(|x - c_j|),
/// skipping index `skip`.
template <class LogKernel>
Eigen::RowVectorXd meanShift(const Eigen::RowVectorXd& x, const PointSet& centres, LogKernel logk,
                             Eigen::Index skip = -1) {
  std::vector<double> logs;
  for (Eigen::Index j = 0; j < centres.rows(); ++j)
    logs.push_back(j == skip ? -INFINITY : logk((x - centres.row(j)).norm()));
  const double lse = logSumExp(logs);
  Eigen::RowVectorXd m = Eigen::RowVectorXd::Zero(x.size());
  if (lse == -INFINITY) return m;
  for (Eigen::Index j = 0; j < centres.rows(); ++j)
    m += std::exp(logs[j] - lse) * (centres.row(j) - x);
  return m;
}

inline double maxRelativeError(const PointSet& a, const PointSet& b) {
  return (a - b).cwiseAbs().maxCoeff() / std::max(1e-300, b.cwiseAbs().maxCoeff());
}

}  // namespace driftlab::test
