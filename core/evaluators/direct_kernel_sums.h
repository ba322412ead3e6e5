#pragma once
/// Exact O(n m) kernel sums, OpenMP-parallel over queries, stabilised by a max shift.
#include "evaluators/kernel_sum_backend.h"

namespace driftlab {

/// Fills out.logSum and out.mean for every query (see KernelSumBackend::sums). Each query's
/// sum runs in a fixed order on one thread, so results do not depend on the thread count.
void directKernelSums(const Kernel& kernel, ConstPointRef queries, ConstPointRef sources,
                      bool excludeSelf, KernelSums& out);

class DirectBackend final : public KernelSumBackend {
 public:
  std::string id() const override { return "direct"; }
  void sums(const Kernel& kernel, ConstPointRef queries, const SourceSet& sources,
            bool excludeSelf, KernelSums& out) override {
    directKernelSums(kernel, queries, sources.points, excludeSelf, out);
  }
};

}  // namespace driftlab
