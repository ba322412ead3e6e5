#include "evaluators/kernel_moments.h"

#include <cmath>
#include <limits>
#include <vector>

#include "base/dimension_dispatch.h"
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

/// One query: logits into `buffer` (m), then the weights in place, moments and the Jacobian.
/// D: the dimension (compile time, so that the d x d loops unroll).
template <int D>
void momentsOfRow(const Kernel& kernel, const double* x, ConstPointRef src, Eigen::Index skip,
                  const Vector* logWeights, MomentForm form, std::vector<double>& buffer,
                  double& logSum, double* mean, double* grad, double* jac) {
  const Eigen::Index m = src.rows(), stride = src.outerStride();
  const double* s0 = src.data();
  double mx = kNegInf;
  for (Eigen::Index j = 0; j < m; ++j) {
    const double* s = s0 + j * stride;
    double r2 = 0.0;
    for (int k = 0; k < D; ++k) r2 += (s[k] - x[k]) * (s[k] - x[k]);
    double l = kernel.logValue(r2) + (logWeights ? (*logWeights)[j] : 0.0);
    if (j == skip) l = kNegInf;
    buffer[j] = l;
    mx = std::max(mx, l);
  }
  for (int a = 0; a < D * D; ++a) jac[a] = 0.0;
  if (mx == kNegInf) {
    logSum = kNegInf;
    for (int k = 0; k < D; ++k) mean[k] = x[k], grad[k] = 0.0;
    return;
  }
  // Pass 2: weights (kept in the buffer), total, displacement mean, mean score (and B in
  // displacement form).
  double total = 0.0, disp[D], acc[D] = {}, g[D] = {}, b2[D * D] = {};
  for (Eigen::Index j = 0; j < m; ++j) {
    const double w = buffer[j] == kNegInf ? 0.0 : std::exp(buffer[j] - mx);
    buffer[j] = w;
    if (w == 0.0) continue;
    const double* s = s0 + j * stride;
    double r2 = 0.0;
    for (int k = 0; k < D; ++k) {
      disp[k] = s[k] - x[k];
      r2 += disp[k] * disp[k];
    }
    const double f = w * gradFactor(kernel, r2);
    total += w;
    for (int k = 0; k < D; ++k) {
      acc[k] += w * disp[k];
      g[k] += f * disp[k];
    }
    if (form == MomentForm::kDisplacement)
      for (int a = 0; a < D; ++a)
        for (int b = 0; b < D; ++b) b2[a * D + b] += disp[a] * f * disp[b];
  }
  logSum = mx + std::log(total);
  for (int k = 0; k < D; ++k) {
    acc[k] /= total;  // displacement m - x
    g[k] /= total;
    grad[k] = g[k];
  }
  if (form == MomentForm::kDisplacement) {
    for (int a = 0; a < D * D; ++a) jac[a] = b2[a] / total;
  } else if (form == MomentForm::kCentred) {
    // Pass 3: A = sum_j w_j (s_j - m)(g_j - gbar)^T (= sum_j w_j (s_j - m) g_j^T), centred on
    // both sides: no cancellation where the weights sit on one source, and for the Gaussian
    // kernel (g_j - gbar = (s_j - m) / h^2) symmetric to rounding.
    double a2[D * D] = {};
    for (Eigen::Index j = 0; j < m; ++j) {
      const double w = buffer[j];
      if (w == 0.0) continue;
      const double* s = s0 + j * stride;
      double r2 = 0.0, c[D];
      for (int k = 0; k < D; ++k) {
        disp[k] = s[k] - x[k];
        r2 += disp[k] * disp[k];
        c[k] = w * (disp[k] - acc[k]);
      }
      const double f = gradFactor(kernel, r2);
      for (int a = 0; a < D; ++a)
        for (int b = 0; b < D; ++b) a2[a * D + b] += c[a] * (f * disp[b] - g[b]);
    }
    for (int a = 0; a < D * D; ++a) jac[a] = a2[a] / total;
  }
  for (int k = 0; k < D; ++k) mean[k] = x[k] + acc[k];
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
  // Small problems (tests, probes) stay on one thread: a parallel region's start and barrier
  // cost more than ~1e4 pairs, and far more on a loaded machine.
  const bool parallel = n * sources.rows() >= kParallelPairs;
#pragma omp parallel if (parallel)
  {
    std::vector<double> buffer(static_cast<std::size_t>(sources.rows()));
    withDimension(static_cast<int>(d), [&](auto D) {
#pragma omp for schedule(static)
      for (Eigen::Index i = 0; i < n; ++i)
        momentsOfRow<D.value>(kernel, queries.row(i).data(), sources, skip ? skip[i] : -1,
                              sourceLogWeights, form, buffer, out.logSum[i], out.mean.row(i).data(),
                              out.gradLog.row(i).data(), out.jacobian.row(i).data());
    });
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
