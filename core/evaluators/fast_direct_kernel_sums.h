#pragma once
/// Register-tiled, vectorised exact kernel sums: the `direct` backend's engine.
///
/// Queries are held in SIMD registers (a tile of kFastDirectTile(d) vectors of
/// simd::kSimdLanes queries), sources are streamed once per tile, and each lane keeps running
/// sums of k and k (s - q); no n x m matrix is formed. k comes from our own exp2 polynomial
/// (simd_double.h, relative error ~4e-16). Stabilisation is detect-and-redo: a tile is first
/// summed unshifted (exact whenever a lane's sum stays above 2^-900); tiles with an
/// underflowing lane (queries ~35 h or ~600 tau from every source) are redone in two passes,
/// a max pass and a shifted sum, so far-away queries stay exact. Each query's sum runs over
/// the sources in index order on one thread: results do not depend on the thread count.
#include "evaluators/kernel_sum_backend.h"

namespace driftlab {

/// Same contract as directKernelSums (the double-precision reference): out.logSum (n) and
/// out.mean (n x d) for queries (n x d) against sources (m x d), d = 1..8. Agrees with the
/// reference to a relative error of about 1e-14 (tests assert 1e-12).
void fastDirectKernelSums(const Kernel& kernel, ConstPointRef queries, ConstPointRef sources,
                          bool excludeSelf, KernelSums& out);

/// As fastDirectKernelSums, with an explicit left-out source per query: selfIndex[i] is the
/// source index that query i skips (-1: none). Used for subsets of queries (FFT fallbacks).
void fastDirectKernelSums(const Kernel& kernel, ConstPointRef queries, ConstPointRef sources,
                          const Eigen::Index* selfIndex, KernelSums& out);

/// Floating-point operations per (query, source) pair in the inner loop, a fused
/// multiply-add counting 2 (as in peak flops): 5 d + 26 for the Gaussian, + 1 (sqrt) for the
/// Laplace kernel. `driftlab bench --peak` compares pairs/s x this with the measured peak.
int fastDirectFlopsPerPair(int dim, KernelKind kind);

}  // namespace driftlab
