#pragma once
/// Exact O(n m) kernel sums, OpenMP-parallel over queries, stabilised by a max shift.
#include "evaluators/fast_direct_kernel_sums.h"
#include "evaluators/kernel_sum_backend.h"

namespace driftlab {

/// Fills out.logSum and out.mean for every query (see KernelSumBackend::sums). Each query's
/// sum runs in a fixed order on one thread, so results do not depend on the thread count.
/// Scalar std::exp with an online max shift: the double-precision stabilised REFERENCE that
/// tests and `driftlab bench` compare the fast backends against.
void directKernelSums(const Kernel& kernel, ConstPointRef queries, ConstPointRef sources,
                      bool excludeSelf, KernelSums& out);

/// The reference with an explicit left-out source per query (selfIndex[i], -1: none): for
/// comparisons on a subset of the particles.
void directKernelSums(const Kernel& kernel, ConstPointRef queries, ConstPointRef sources,
                      const Eigen::Index* selfIndex, KernelSums& out);

/// The `direct` backend: exact sums by the vectorised, register-tiled kernel
/// (fast_direct_kernel_sums.h), within ~1e-14 of directKernelSums.
class DirectBackend final : public KernelSumBackend {
 public:
  std::string id() const override { return "direct"; }
  void sums(const Kernel& kernel, ConstPointRef queries, const SourceSet& sources, bool excludeSelf,
            KernelSums& out) override {
    fastDirectKernelSums(kernel, queries, sources.points, excludeSelf, out);
  }
};

}  // namespace driftlab
