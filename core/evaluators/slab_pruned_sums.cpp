#include "evaluators/slab_pruned_sums.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "evaluators/fast_direct_kernel_sums.h"

namespace driftlab {

namespace {
/// A slab sum below e^-10 may miss terms that matter: summed over all sources instead.
constexpr double kSlabSumFloorLog = -10.0;

/// Sums for queries[rows[r]] against sources[candidates] (ascending indices), stored into
/// out; with excludeSelf, query rows[r] leaves out source rows[r] if it is a candidate.
/// Rows whose sum is below `floorLog` are appended to `retry` instead.
void sumAgainst(const Kernel& kernel, ConstPointRef queries, const std::vector<Eigen::Index>& rows,
                ConstPointRef sources, const std::vector<Eigen::Index>* candidates,
                bool excludeSelf, double floorLog, KernelSums& out,
                std::vector<Eigen::Index>& retry) {
  const int d = static_cast<int>(queries.cols());
  PointSet subset(static_cast<Eigen::Index>(rows.size()), d);
  std::vector<Eigen::Index> self(rows.size(), -1);
  for (std::size_t r = 0; r < rows.size(); ++r) {
    subset.row(Eigen::Index(r)) = queries.row(rows[r]);
    if (!excludeSelf) continue;
    if (!candidates) {
      self[r] = rows[r];
    } else {
      const auto at = std::lower_bound(candidates->begin(), candidates->end(), rows[r]);
      if (at != candidates->end() && *at == rows[r]) self[r] = at - candidates->begin();
    }
  }
  KernelSums part;
  if (candidates) {
    PointSet chosen(static_cast<Eigen::Index>(candidates->size()), d);
    for (std::size_t c = 0; c < candidates->size(); ++c)
      chosen.row(Eigen::Index(c)) = sources.row((*candidates)[c]);
    fastDirectKernelSums(kernel, subset, chosen, self.data(), part);
  } else {
    fastDirectKernelSums(kernel, subset, sources, self.data(), part);
  }
  for (std::size_t r = 0; r < rows.size(); ++r) {
    if (!(part.logSum[Eigen::Index(r)] >= floorLog)) {
      retry.push_back(rows[r]);
      continue;
    }
    out.logSum[rows[r]] = part.logSum[Eigen::Index(r)];
    out.mean.row(rows[r]) = part.mean.row(Eigen::Index(r));
  }
}
}  // namespace

void slabPrunedSums(const Kernel& kernel, ConstPointRef queries,
                    const std::vector<Eigen::Index>& rows, ConstPointRef sources,
                    const GridBox& box, bool excludeSelf, KernelSums& out) {
  const int d = static_cast<int>(queries.cols());
  const Eigen::Index m = sources.rows();
  const double h = kernel.scale;
  const double reach =
      std::sqrt(2.0 * h * h * (kSlabSkippedLog + std::log(double(std::max<Eigen::Index>(m, 1)))));
  // Slab 2k + 1: beyond the box's upper face along axis k (sources with x_k >= bound), 2k:
  // below its lower face (x_k <= bound); the axis where the query lies farthest out.
  std::vector<Eigen::Index> slabRows[2 * kMaxGridDim], full;
  double bound[2 * kMaxGridDim];
  for (int s = 0; s < 2 * kMaxGridDim; ++s)
    bound[s] =
        s % 2 ? std::numeric_limits<double>::infinity() : -std::numeric_limits<double>::infinity();
  for (const Eigen::Index i : rows) {
    const int best = d <= kMaxGridDim ? outsideFace(queries.data() + i * d, box, d) : -1;
    if (best < 0) {  // inside the box (or not finite): every source
      full.push_back(i);
      continue;
    }
    slabRows[best].push_back(i);
    const double q = queries(i, best / 2);
    bound[best] = best % 2 ? std::min(bound[best], q - reach) : std::max(bound[best], q + reach);
  }
  for (int s = 0; s < 2 * kMaxGridDim; ++s) {
    if (slabRows[s].empty()) continue;
    const int k = s / 2;
    std::vector<Eigen::Index> candidates;
    for (Eigen::Index j = 0; j < m; ++j)
      if (s % 2 ? sources(j, k) >= bound[s] : sources(j, k) <= bound[s]) candidates.push_back(j);
    sumAgainst(kernel, queries, slabRows[s], sources, &candidates, excludeSelf, kSlabSumFloorLog,
               out, full);
  }
  if (full.empty()) return;
  std::sort(full.begin(), full.end());
  std::vector<Eigen::Index> none;
  sumAgainst(kernel, queries, full, sources, nullptr, excludeSelf,
             -std::numeric_limits<double>::infinity(), out, none);
}

}  // namespace driftlab
