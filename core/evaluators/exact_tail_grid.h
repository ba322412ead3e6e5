#pragma once
/// The FFT backend's tail fallback for a cached (data) source set: exact stabilised kernel
/// sums at the nodes of a coarse grid, computed lazily by the direct kernel the first time a
/// query needs them, and interpolated (4-point cubic Lagrange per axis) in log k and in the
/// weighted mean. Far from a single mode both are smooth; between far modes the mean
/// switches within ~h^2 / distance, so every query also compares the cubic with a lower-order
/// interpolant (multilinear for the mean, quadratic for log k) and is handed back when they
/// differ by more than 2e-3 h (mean) or 1e-3 (log k). Such rough queries go to a grid 4 times finer
/// (sparse, also lazy), up to kMaxRefinements times, and only then to an exact sum. Measured on
/// 8gaussians: err_h <= ~4e-3 in the tails.
#include <cstdint>
#include <memory>
#include <unordered_map>
#include <vector>

#include "evaluators/grid_geometry.h"
#include "evaluators/kernel_sum_backend.h"

namespace driftlab {

class ExactTailGrid {
 public:
  ExactTailGrid();
  ~ExactTailGrid();

  /// Empties the grid and lays it over the query region of `fine` widened by `reach` (length)
  /// on every side, with spacing h / cellsPerBandwidth. Nodes cost nothing until used.
  void reset(const GridGeometry& fine, double h, double cellsPerBandwidth, double reach);

  /// For queries[rows[r]], fills out.logSum and out.mean from the interpolated exact node
  /// values, first computing (exactly, against sources: m x dim) the nodes not yet known.
  /// Returns the rows left to the caller (to sum exactly): those whose stencil leaves the
  /// grid, or all of them when they would need more new nodes than there are rows.
  std::vector<Eigen::Index> evaluate(const Kernel& kernel, ConstPointRef queries,
                                     const std::vector<Eigen::Index>& rows, ConstPointRef sources,
                                     KernelSums& out);

  /// Nodes computed so far, finer levels included (each cost m kernel evaluations).
  std::int64_t knownNodes() const;

  static constexpr int kMaxRefinements = 2;

 private:
  /// First stencil node per axis and the Lagrange weights; false outside the grid.
  bool stencil(const double* q, int (&base)[kMaxGridDim], double (&w)[kMaxGridDim][4]) const;
  std::int64_t nodeIndex(const int (&node)[kMaxGridDim]) const;
  enum InterpolationStatus { kDone = 0, kUnknownNodes = 1, kOutside = 2, kRough = 3 };
  /// Interpolated logSum and mean at q (dim coordinates) if every stencil node is known.
  int interpolate(const double* q, double& logSum, double* mean) const;
  void computeMissing(const Kernel& kernel, const std::vector<std::int64_t>& nodes,
                      ConstPointRef sources);
  /// The node's values (1 + dim) if known, else nullptr.
  const double* nodeValues(std::int64_t idx) const;
  /// Rough rows: to the finer grid (created on first use); returns what it hands back.
  std::vector<Eigen::Index> refine(const Kernel& kernel, ConstPointRef queries,
                                   const std::vector<Eigen::Index>& rows, ConstPointRef sources,
                                   KernelSums& out);

  GridGeometry m_geometry;  ///< size = queryNodes: no periodic part
  double m_h = 0.0;
  int m_level = 0;                     ///< 0: dense; finer levels store known nodes only
  std::vector<double> m_values;        ///< (nodes or slots) x (1 + dim): logSum, mean
  std::vector<unsigned char> m_known;  ///< dense level: per node
  std::unordered_map<std::int64_t, std::int64_t> m_slot;  ///< finer levels: node -> slot
  std::int64_t m_knownCount = 0;
  std::unique_ptr<ExactTailGrid> m_finer;
};

}  // namespace driftlab
