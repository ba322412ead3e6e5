#include "evaluators/direct_kernel_sums.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include "base/dimension_dispatch.h"

namespace driftlab {

namespace {

constexpr int kBlock = 256;

/// One query against all sources, single pass with a per-block max shift (online
/// log-sum-exp): exact and finite however far the query is from every source.
template <int D>
void sumOneQuery(const Kernel& kernel, const double* q, const double* src, Eigen::Index m,
                 Eigen::Index skip, double& logSum, double* mean) {
  double mx = -std::numeric_limits<double>::infinity();
  double total = 0.0;
  std::array<double, D> acc{};
  std::array<double, kBlock> lv;
  const bool gaussian = kernel.kind == KernelKind::kGaussian;
  const double gFactor = -1.0 / (2.0 * kernel.scale * kernel.scale);
  const double lFactor = -1.0 / kernel.scale;
  for (Eigen::Index j0 = 0; j0 < m; j0 += kBlock) {
    const int nb = static_cast<int>(std::min<Eigen::Index>(kBlock, m - j0));
    double blockMax = -std::numeric_limits<double>::infinity();
    for (int b = 0; b < nb; ++b) {
      const double* s = src + (j0 + b) * D;
      double r2 = 0.0;
      for (int k = 0; k < D; ++k) r2 += (s[k] - q[k]) * (s[k] - q[k]);
      double v = gaussian ? r2 * gFactor : std::sqrt(r2) * lFactor;
      if (j0 + b == skip) v = -std::numeric_limits<double>::infinity();
      lv[b] = v;
      blockMax = std::max(blockMax, v);
    }
    if (blockMax == -std::numeric_limits<double>::infinity()) continue;
    if (blockMax > mx) {
      const double rescale = std::exp(mx - blockMax);
      total *= rescale;
      for (int k = 0; k < D; ++k) acc[k] *= rescale;
      mx = blockMax;
    }
    for (int b = 0; b < nb; ++b) {
      const double w = std::exp(lv[b] - mx);
      const double* s = src + (j0 + b) * D;
      total += w;
      for (int k = 0; k < D; ++k) acc[k] += w * (s[k] - q[k]);
    }
  }
  if (total > 0.0) {
    logSum = mx + std::log(total);
    for (int k = 0; k < D; ++k) mean[k] = q[k] + acc[k] / total;
  } else {  // no source at all: empty sum, zero displacement
    logSum = -std::numeric_limits<double>::infinity();
    for (int k = 0; k < D; ++k) mean[k] = q[k];
  }
}

template <int D>
void directSums(const Kernel& kernel, ConstPointRef queries, ConstPointRef sources,
                bool excludeSelf, const Eigen::Index* selfIndex, KernelSums& out) {
  const Eigen::Index n = queries.rows();
  const Eigen::Index m = sources.rows();
  const double* q = queries.data();
  const double* s = sources.data();
#pragma omp parallel for schedule(static)
  for (Eigen::Index i = 0; i < n; ++i) {
    const Eigen::Index skip = selfIndex ? selfIndex[i] : excludeSelf ? i : -1;
    sumOneQuery<D>(kernel, q + i * D, s, m, skip, out.logSum[i], out.mean.data() + i * D);
  }
}

void dispatchDirect(const Kernel& kernel, ConstPointRef queries, ConstPointRef sources,
                    bool excludeSelf, const Eigen::Index* selfIndex, KernelSums& out) {
  const int d = prepareKernelSums(queries, sources, out);
  withDimension(d, [&](auto D) {
    directSums<D.value>(kernel, queries, sources, excludeSelf, selfIndex, out);
  });
}

}  // namespace

void directKernelSums(const Kernel& kernel, ConstPointRef queries, ConstPointRef sources,
                      bool excludeSelf, KernelSums& out) {
  dispatchDirect(kernel, queries, sources, excludeSelf, nullptr, out);
}

void directKernelSums(const Kernel& kernel, ConstPointRef queries, ConstPointRef sources,
                      const Eigen::Index* selfIndex, KernelSums& out) {
  dispatchDirect(kernel, queries, sources, false, selfIndex, out);
}

}  // namespace driftlab
