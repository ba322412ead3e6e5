#include "diagnostics/two_sample_statistics.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace driftlab {

namespace {

using Columns = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::ColMajor>;

/// sum over pairs of f(r^2) where f maps an array of squared distances to the sum of its
/// values: all (i, j) of A x B, or i < j within A when B is null. Rows in parallel, each row's
/// sum kept apart and added in a fixed order, so the result does not depend on the threads.
template <class RowSum>
double pairSum(ConstPointRef A, const Columns* B, RowSum f) {
  const Columns own = B ? Columns() : Columns(A);
  const Columns& cols = B ? *B : own;
  const Eigen::Index n = A.rows(), m = cols.rows(), d = A.cols();
  std::vector<double> rows(n, 0.0);
#pragma omp parallel for schedule(dynamic, 16)
  for (Eigen::Index i = 0; i < n; ++i) {
    const Eigen::Index start = B ? 0 : i + 1;
    if (start >= m) continue;
    Eigen::ArrayXd r2 = Eigen::ArrayXd::Zero(m - start);
    for (Eigen::Index k = 0; k < d; ++k)
      r2 += (cols.col(k).tail(m - start).array() - A(i, k)).square();
    rows[i] = f(r2);
  }
  double total = 0.0;
  for (double r : rows) total += r;
  return total;
}

void requireSizes(ConstPointRef A, ConstPointRef B) {
  if (A.rows() < 1 || B.rows() < 2 || A.cols() != B.cols())
    throw std::invalid_argument("two-sample distance: needs >= 1 and >= 2 points of one dimension");
}

/// The within-A mean of f over pairs i != i' for n >= 2; for n = 1 the law of A is the point
/// mass itself, whose within term is f(0) (the estimator then has no bias to remove).
template <class RowSum>
double withinMean(ConstPointRef A, RowSum f) {
  const double n = double(A.rows());
  if (A.rows() == 1) return f(Eigen::ArrayXd::Zero(1));
  return 2.0 * pairSum(A, nullptr, f) / (n * (n - 1.0));
}

}  // namespace

double mmd2Unbiased(ConstPointRef A, ConstPointRef B, const std::vector<double>& bandwidths) {
  requireSizes(A, B);
  // A ladder b, 2b, 4b, ... (as mmdBandwidths) needs one exp per pair: the kernel at b/2 is
  // the kernel at b to the 4th power (error ~4^levels ulp, below 1e-13 for five levels).
  bool ladder = !bandwidths.empty();
  for (size_t l = 1; l < bandwidths.size(); ++l)
    ladder = ladder && bandwidths[l] == 2.0 * bandwidths[l - 1];
  auto kernelSum = [&bandwidths, ladder](const Eigen::ArrayXd& r2) {
    double s = 0.0;
    if (ladder) {
      const double top = bandwidths.back();
      Eigen::ArrayXd k = (r2 * (-0.5 / (top * top))).exp();
      s = k.sum();
      for (size_t l = 1; l < bandwidths.size(); ++l) {
        k = k.square().square();
        s += k.sum();
      }
      return s;
    }
    for (double b : bandwidths) s += (r2 * (-0.5 / (b * b))).exp().sum();
    return s;
  };
  const double n = double(A.rows()), m = double(B.rows());
  const Columns bCols(B);
  const double aa = withinMean(A, kernelSum), bb = withinMean(B, kernelSum);
  const double ab = pairSum(A, &bCols, kernelSum) / (n * m);
  return aa + bb - 2.0 * ab;
}

double energyDistance(ConstPointRef A, ConstPointRef B) {
  requireSizes(A, B);
  auto distanceSum = [](const Eigen::ArrayXd& r2) { return r2.sqrt().sum(); };
  const double n = double(A.rows()), m = double(B.rows());
  const Columns bCols(B);
  const double aa = withinMean(A, distanceSum), bb = withinMean(B, distanceSum);
  const double ab = pairSum(A, &bCols, distanceSum) / (n * m);
  return 2.0 * ab - aa - bb;
}

double medianPairwiseDistance(ConstPointRef A, Eigen::Index maxPoints) {
  const PointSet s = stridedSubset(A, maxPoints);
  std::vector<double> dists;
  dists.reserve(s.rows() * (s.rows() - 1) / 2 + 1);
  for (Eigen::Index a = 0; a < s.rows(); ++a)
    for (Eigen::Index b = a + 1; b < s.rows(); ++b) dists.push_back((s.row(a) - s.row(b)).norm());
  if (dists.empty()) return 0.0;
  std::nth_element(dists.begin(), dists.begin() + dists.size() / 2, dists.end());
  return dists[dists.size() / 2];
}

std::vector<double> mmdBandwidths(ConstPointRef reference) {
  double med = medianPairwiseDistance(reference);
  if (!(med > 0.0) || !std::isfinite(med)) med = 1.0;
  return {0.125 * med, 0.25 * med, 0.5 * med, med, 2.0 * med};
}

PointSet stridedSubset(ConstPointRef X, Eigen::Index cap) {
  const Eigen::Index n = std::min(X.rows(), std::max<Eigen::Index>(cap, 1));
  if (n == X.rows()) return X;
  PointSet out(n, X.cols());
  const Eigen::Index stride = X.rows() / n;
  for (Eigen::Index i = 0; i < n; ++i) out.row(i) = X.row(i * stride);
  return out;
}

}  // namespace driftlab
