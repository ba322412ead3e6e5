#pragma once
/// The FFT backend's tail fallback for a cached (data) source set: exact stabilised kernel
/// sums (log k and the weighted mean) at the nodes of a hierarchy of grids, computed lazily
/// the first time a query needs them and kept for every later call, and interpolated by
/// 4-point cubic Lagrange per axis.
///
/// A query is answered from the grid only when its cell is known to be smooth: the cell's
/// cubic interpolation error, estimated from the fourth differences of the node values along
/// each axis over the 6-node box around the cell, |err| <= sum_k max|Delta_k^4 f| / 24, is
/// below 1e-2 in log k (1% in the kernel sum) and, in the mean, below 2e-3 h or 0.2% of
/// |mean - x|, whichever is larger: in the tails the data term's direction and size are kept
/// to 0.2% of its magnitude (measured: at most 0.12% between the modes of 8gaussians). Far from the
/// data both are smooth at the coarse spacing; between far modes the mean switches over
/// ~h^2 / (mode distance).
///
/// With source groups (reset's `groups`: the k-d leaves of source_groups.h, compact parts of
/// the data), every node also holds each group's exact sums. A group's own sum does not switch
/// between far modes, so where the whole is rough the cell is "grouped" when each group that
/// matters there (more than e^-20 of the sum) passes the same error test: a query then
/// interpolates every group and combines them exactly (log-sum-exp; weighted means). Cells
/// rough even so hand their queries to a grid 4 times finer, up to kLevels levels, and only
/// then to the exact sum. (In 3D the finer levels rarely pay: queries are too sparse there
/// for a cell's 216 nodes.)
///
/// Nodes are stored in blocks of 8^d behind a dense per-level directory, so a lookup is two
/// array reads. Within a per-call budget (40 nodes per query that needs nodes), the missing
/// nodes of level 0's cells are always computed (they are shared by neighbouring cells and
/// later calls: the first call on a 3D cloud of 10^5 pays ~2.8 s for it); a finer level's
/// cell only when its nodes are at most 40 per query it serves in this call. The other
/// queries are answered exactly in this call, and the grid grows over later calls.
#include <array>
#include <cstdint>
#include <memory>
#include <vector>

#include "evaluators/grid_geometry.h"
#include "evaluators/kernel_sum_backend.h"

namespace driftlab {

class CellPrunedSums;

class ExactTailGrid {
 public:
  ExactTailGrid();
  ~ExactTailGrid();

  static constexpr int kLevels = 3;      ///< coarse level and two refinements
  static constexpr int kRefinement = 4;  ///< spacing ratio between levels

  /// Empties the grid and lays level 0 over the query region of `fine` widened by `reach`
  /// (length) on every side, with spacing h / cellsPerBandwidth. Nodes cost nothing until used.
  /// groups (0..16): source groups stored per node besides the whole sums; evaluate's
  /// `exact` must then have exactly that many (CellPrunedSums::groups()).
  void reset(const GridGeometry& fine, double h, double cellsPerBandwidth, double reach,
             int groups = 0);

  /// For queries[rows[r]], fills out.logSum and out.mean from interpolated exact node
  /// values, first computing (by `exact`, built for the same sources and h) the nodes not yet
  /// known. Returns the rows left to the caller to sum exactly: those outside the grid, in
  /// cells rough at every level, or beyond this call's node budget. Deterministic for a
  /// given call history; independent of the thread count.
  std::vector<Eigen::Index> evaluate(const Kernel& kernel, ConstPointRef queries,
                                     const std::vector<Eigen::Index>& rows,
                                     const CellPrunedSums& exact, KernelSums& out);

  /// The fast path for queries already known to lie in smooth cells: when q's cell is smooth
  /// at the first level where it is not rough, and the interpolated log k there is below
  /// logCeiling, writes logSum and mean (dim values) and returns true. Read-only: safe to call
  /// from several threads.
  bool answerFromCache(const double* q, double logCeiling, double& logSum, double* mean) const;

  /// Nodes computed so far, all levels (each cost one exact kernel sum).
  std::int64_t knownNodes() const;
  /// Queries of the last evaluate() answered at each level.
  const std::array<std::int64_t, kLevels>& lastAnswered() const { return m_lastAnswered; }
  /// Of those, the queries answered in grouped cells (all levels).
  std::int64_t lastGrouped() const { return m_lastGrouped; }

 private:
  struct Level;
  /// Answers, at level `level`, the queries rows[r] for r in `todo`, computing the nodes
  /// worth it; leaves in `todo` those in rough cells (for the next level) and appends to
  /// `exactRows` those outside the level or not worth new nodes.
  void evaluateLevel(int level, const Kernel& kernel, ConstPointRef queries,
                     const std::vector<Eigen::Index>& rows, std::vector<std::size_t>& todo,
                     const CellPrunedSums& exact, KernelSums& out,
                     std::vector<Eigen::Index>& exactRows);

  int m_dim = 0;
  int m_groups = 0;
  double m_h = 0.0;
  std::vector<std::unique_ptr<Level>> m_levels;
  std::array<std::int64_t, kLevels> m_lastAnswered{};
  std::int64_t m_lastGrouped = 0;
};

}  // namespace driftlab
