#include "evaluators/kernel_moments.h"

#include <cmath>
#include <limits>
#include <vector>

#include "base/input_error.h"

namespace driftlab {

namespace {

constexpr double kNegInf = -std::numeric_limits<double>::infinity();

/// g = grad_x log k(x, s) for the displacement z = s - x (|z| = r): Gaussian z / h^2,
/// Laplace z / (tau r), 0 at r = 0 (the kink; the one-sided choice the fields document).
inline double gradFactor(const Kernel& kernel, double r2) {
  if (kernel.kind == KernelKind::kGaussian) return 1.0 / (kernel.scale * kernel.scale);
  return r2 > 0.0 ? 1.0 / (kernel.scale * std::sqrt(r2)) : 0.0;
}

/// One query: logits into `logits` (m), then weights, moments and the Jacobian.
void momentsOfRow(const Kernel& kernel, const double* x, ConstPointRef src, Eigen::Index skip,
                  const Vector* logWeights, MomentForm form, std::vector<double>& logits,
                  double& logSum, double* mean, double* grad, double* jac) {
  const Eigen::Index m = src.rows();
  const int d = static_cast<int>(src.cols());
  double mx = kNegInf;
  for (Eigen::Index j = 0; j < m; ++j) {
    double r2 = 0.0;
    for (int k = 0; k < d; ++k) r2 += (src(j, k) - x[k]) * (src(j, k) - x[k]);
    double l = kernel.logValue(r2) + (logWeights ? (*logWeights)[j] : 0.0);
    if (j == skip) l = kNegInf;
    logits[j] = l;
    mx = std::max(mx, l);
  }
  for (int a = 0; a < d * d; ++a) jac[a] = 0.0;
  if (mx == kNegInf) {
    logSum = kNegInf;
    for (int k = 0; k < d; ++k) mean[k] = x[k], grad[k] = 0.0;
    return;
  }
  // Pass 2: total, displacement mean, mean score (and B in displacement form).
  double total = 0.0, disp[kMaxDim] = {};
  for (int k = 0; k < d; ++k) mean[k] = grad[k] = 0.0;
  for (Eigen::Index j = 0; j < m; ++j) {
    if (logits[j] == kNegInf) continue;
    const double w = std::exp(logits[j] - mx);
    double r2 = 0.0;
    for (int k = 0; k < d; ++k) {
      disp[k] = src(j, k) - x[k];
      r2 += disp[k] * disp[k];
    }
    const double f = w * gradFactor(kernel, r2);
    total += w;
    for (int k = 0; k < d; ++k) {
      mean[k] += w * disp[k];
      grad[k] += f * disp[k];
    }
    if (form == MomentForm::kDisplacement)
      for (int a = 0; a < d; ++a)
        for (int b = 0; b < d; ++b) jac[a * d + b] += disp[a] * f * disp[b];
  }
  logSum = mx + std::log(total);
  for (int k = 0; k < d; ++k) {
    mean[k] = mean[k] / total;  // displacement m - x for now
    grad[k] /= total;
  }
  if (form == MomentForm::kDisplacement) {
    for (int a = 0; a < d * d; ++a) jac[a] /= total;
  } else if (form == MomentForm::kCentred) {
    // Pass 3: A = sum_j w_j (s_j - m)(g_j - gbar)^T (= sum_j w_j (s_j - m) g_j^T), centred on
    // both sides: no cancellation where the weights sit on one source, and for the Gaussian
    // kernel (g_j - gbar = (s_j - m) / h^2) symmetric to rounding.
    for (Eigen::Index j = 0; j < m; ++j) {
      if (logits[j] == kNegInf) continue;
      const double w = std::exp(logits[j] - mx) / total;
      double r2 = 0.0, c[kMaxDim];
      for (int k = 0; k < d; ++k) {
        disp[k] = src(j, k) - x[k];
        r2 += disp[k] * disp[k];
        c[k] = disp[k] - mean[k];
      }
      const double f = gradFactor(kernel, r2);
      for (int a = 0; a < d; ++a)
        for (int b = 0; b < d; ++b) jac[a * d + b] += w * c[a] * (f * disp[b] - grad[b]);
    }
  }
  for (int k = 0; k < d; ++k) mean[k] += x[k];
}

}  // namespace

void kernelMoments(const Kernel& kernel, ConstPointRef queries, ConstPointRef sources,
                   const Eigen::Index* skip, const Vector* sourceLogWeights, MomentForm form,
                   KernelMoments& out) {
  const Eigen::Index n = queries.rows(), d = queries.cols();
  if (sources.rows() > 0 && sources.cols() != d)
    throw InputError("dim", "queries and sources differ in dimension");
  if (d < 1 || d > kMaxDim) throw InputError("dim", "got " + std::to_string(d), "1 to 8");
  out.logSum.resize(n);
  out.mean.setZero(n, d);
  out.gradLog.setZero(n, d);
  out.jacobian.setZero(n, d * d);
#pragma omp parallel
  {
    std::vector<double> logits(static_cast<std::size_t>(sources.rows()));
#pragma omp for schedule(static)
    for (Eigen::Index i = 0; i < n; ++i)
      momentsOfRow(kernel, queries.row(i).data(), sources, skip ? skip[i] : -1, sourceLogWeights,
                   form, logits, out.logSum[i], out.mean.row(i).data(), out.gradLog.row(i).data(),
                   out.jacobian.row(i).data());
  }
}

void kernelMoments(const Kernel& kernel, ConstPointRef queries, ConstPointRef sources,
                   bool excludeSelf, MomentForm form, KernelMoments& out) {
  std::vector<Eigen::Index> skip;
  if (excludeSelf) {
    skip.resize(static_cast<std::size_t>(queries.rows()));
    for (Eigen::Index i = 0; i < queries.rows(); ++i) skip[static_cast<std::size_t>(i)] = i;
  }
  kernelMoments(kernel, queries, sources, excludeSelf ? skip.data() : nullptr, nullptr, form, out);
}

}  // namespace driftlab
