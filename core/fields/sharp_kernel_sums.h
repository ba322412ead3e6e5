#pragma once
/// Exact Laplace and sharp-kernel sums in one pass: what the sharp-companion quantities
/// (`sharp-laplace`, the Laplace decomposition) are made of.
#include "base/point_set.h"

namespace driftlab {

/// For queries q_i and sources s_j, with r = |q_i - s_j|, k = exp(-r/tau) and the sharp
/// kernel k#(r) = tau (r + tau) k:
struct SharpKernelSums {
  Vector logSum;       ///< n: log sum_j k           (-inf for an empty sum)
  Vector logSharpSum;  ///< n: log sum_j k#          (-inf for an empty sum)
  PointSet mean;       ///< n x d: sum_j k s_j / sum_j k   (q_i for an empty sum)
};

/// One vectorised pass per query, shifted by the nearest source (the largest term of both
/// sums, since (r + tau) exp(-r/tau) falls with r): finite at any distance. selfIndex: query
/// i skips source selfIndex[i] (-1: none); null: no source is skipped. Rows run in parallel,
/// each in a fixed order (thread-count independent). queries: n x d, sources: m x d.
SharpKernelSums sharpKernelSums(double tau, ConstPointRef queries, ConstPointRef sources,
                                const Eigen::Index* selfIndex = nullptr);

}  // namespace driftlab
