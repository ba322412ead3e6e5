#pragma once
/// Kernel sums, the primitive every drifting field is built from.
///
/// For query points q_i and sources s_j the backend returns, with k the unnormalised
/// kernel,   logSum_i = log sum_j k(q_i, s_j)   and   mean_i = sum_j k s_j / sum_j k.
/// Both are finite for any query, however far from the sources (log-sum-exp).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <utility>

#include "base/point_set.h"
#include "evaluators/kernel.h"

namespace driftlab {

struct KernelSums {
  Vector logSum;  ///< n: log of the unnormalised kernel sum
  PointSet mean;  ///< n x d: kernel-weighted mean of the sources
  void resize(Eigen::Index n, Eigen::Index d) {
    logSum.resize(n);
    mean.resize(n, d);
  }
};

/// Describes a source set; `version` != 0 lets a backend cache per-source work (the
/// data side is fixed for a run), 0 means "do not cache".
struct SourceSet {
  ConstPointRef points;
  std::uint64_t version = 0;
};

/// Strategy interface: direct (exact), FFT grid, ... Implementations are thread-compatible:
/// one instance per simulation, called from one thread at a time.
class KernelSumBackend {
 public:
  virtual ~KernelSumBackend() = default;
  virtual std::string id() const = 0;
  /// Q: n x d queries; sources: m x d. excludeSelf: query i skips source i (leave-one-out;
  /// only meaningful when Q are the sources themselves). out is resized to n x d.
  virtual void sums(const Kernel& kernel, ConstPointRef queries, const SourceSet& sources,
                    bool excludeSelf, KernelSums& out) = 0;
  /// The two sums a drifting field is made of, at the same queries: over the data (p, never
  /// leave-one-out) and over the particles (q; excludeSelf as in sums). A field's velocity
  /// is a difference of the two, so an approximating backend must answer both on one
  /// evaluator: its errors then cancel where q_h matches p_h, which is where the true field
  /// is small (near equilibrium). The default runs sums() twice.
  virtual void pairSums(const Kernel& kernel, ConstPointRef queries, const SourceSet& data,
                        const SourceSet& particles, bool excludeSelf, KernelSums& p,
                        KernelSums& q) {
    sums(kernel, queries, data, false, p);
    sums(kernel, queries, particles, excludeSelf, q);
  }
};

/// Kernel sums over disjoint source sets combined into the sums over their union: log k by
/// log-sum-exp of the parts' log k, the mean as the parts' means weighted by k. part(j)
/// returns part j's log k and writes its dim (<= kMaxDim) mean values through a pointer:
/// std::pair<double, const double*>. Writes `mean` (dim values; it may alias a part's mean)
/// and returns log k; when every part is empty (log k = -inf) returns -inf, mean untouched.
template <class Part>
double combineKernelSums(int parts, int dim, Part part, double* mean) {
  double top = -std::numeric_limits<double>::infinity();
  for (int j = 0; j < parts; ++j) top = std::max(top, part(j).first);
  if (!(top > -std::numeric_limits<double>::infinity())) return top;
  double total = 0.0, acc[kMaxDim] = {};
  for (int j = 0; j < parts; ++j) {
    const auto [logSum, partMean] = part(j);
    const double w = std::exp(logSum - top);
    total += w;
    for (int k = 0; k < dim; ++k) acc[k] += w * partMean[k];
  }
  for (int k = 0; k < dim; ++k) mean[k] = acc[k] / total;
  return top + std::log(total);
}

/// Checks that queries and sources share a dimension, sizes `out` for the queries and returns
/// the dimension: the common prologue of every backend.
int prepareKernelSums(ConstPointRef queries, ConstPointRef sources, KernelSums& out);

/// Creates a backend by registry id ("direct", "fft", "auto"); throws InputError.
std::unique_ptr<KernelSumBackend> makeBackend(const std::string& id);

}  // namespace driftlab
