#pragma once
/// Exact Gaussian kernel sums for queries far out in a fixed source set's tails, skipping
/// only what cannot matter: sources are binned into cells of a few h; a group of queries
/// (those sharing a cell) sums over the cells that can hold a term within e^-40 / m of its
/// largest one. The skipped terms are below 1e-17 of the sum: the result is the exact
/// stabilised sum in double precision, at a fraction of the cost where a few modes dominate.
///
/// Optionally the sums also come split by source group (the k-d leaves of source_groups.h),
/// each group summed exactly the same way: the tail grid interpolates groups apart where the
/// whole sum switches between them.
#include <array>
#include <vector>

#include "evaluators/grid_geometry.h"
#include "evaluators/kernel_sum_backend.h"

namespace driftlab {

class CellPrunedSums {
 public:
  /// Bins sources (m x dim, dim 2 or 3, finite) for bandwidth h; with groupLevels > 0 also
  /// splits them into kdGroupCount(m, groupLevels) groups (none when m is too small).
  void build(ConstPointRef sources, double h, int groupLevels = 0);
  bool built() const { return m_dim != 0; }
  /// Source groups of groupedSums (0: not grouped).
  int groups() const { return static_cast<int>(m_groups.size()); }

  /// For queries[rows[r]] (Gaussian kernel with this h), fills out.logSum and out.mean.
  /// Deterministic: the sum order depends on the data and the query's cell only.
  void sums(const Kernel& kernel, ConstPointRef queries, const std::vector<Eigen::Index>& rows,
            KernelSums& out) const;

  /// As sums, per source group: perGroup[g] (resized to queries.rows() x dim) gets group g's
  /// sums at the rows, and out their exact log-sum-exp combination (the whole sum).
  void groupedSums(const Kernel& kernel, ConstPointRef queries,
                   const std::vector<Eigen::Index>& rows, KernelSums& out,
                   std::vector<KernelSums>& perGroup) const;

 private:
  struct Cell {
    std::array<double, kMaxGridDim> lo{}, hi{};  ///< tight bounding box of its sources
    Eigen::Index begin = 0, end = 0;             ///< range in m_sorted
  };
  std::array<long long, kMaxGridDim> cellOf(const double* x) const;
  /// Candidate sources for queries inside box [lo, hi]: all cells within the pruning radius.
  PointSet candidates(const std::array<double, kMaxGridDim>& lo,
                      const std::array<double, kMaxGridDim>& hi) const;

  int m_dim = 0;
  double m_h = 0.0;
  double m_cellSize = 0.0;
  double m_logBudget = 0.0;  ///< 2 h^2 (40 + log m): squared-distance slack of the pruning
  std::array<double, kMaxGridDim> m_origin{};
  std::vector<Cell> m_cells;             ///< non-empty cells only
  PointSet m_sorted;                     ///< sources ordered by cell
  std::vector<CellPrunedSums> m_groups;  ///< one per source group, when grouped
};

}  // namespace driftlab
