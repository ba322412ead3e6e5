#pragma once
/// The particle side of the FFT backend bins its sources on a grid around their bounding box,
/// so a few outliers can stretch the grid far beyond the bulk (cubically in 3D: a standard
/// normal cloud of 10^5 points spans +-4.6, but only 0.6 % of its points lie beyond +-3.1 in
/// some axis: 210^3 cells against 150^3). OutlierTrim chooses, from boxes trimmed at per-axis
/// quantiles, the one with the least estimated cost; the sources outside it are summed
/// exactly instead (a straggler far away no longer inflates the grid, or sends the whole call
/// to the direct sum when the grid would exceed FftOptions::maxCells).
#include <cstdint>

#include "base/point_set.h"
#include "evaluators/grid_geometry.h"

namespace driftlab {

struct OutlierTrim {
  bool active = false;  ///< false: bin every source (the other fields are empty)
  PointSet inside;      ///< sources binned on the grid
  PointSet outside;     ///< sources summed exactly
  double lo[kMaxGridDim] = {}, hi[kMaxGridDim] = {};  ///< the box of `inside`
};

/// Estimated cost of one grid cell (forward and inverse FFTs, spectrum pass, interleaving)
/// and of one exact kernel pair, in ns, measured on the 2-core development machine
/// (3D: 28 ns per cell at 210^3; direct: 4.6 Gpairs/s).
inline constexpr double kCellCostNs = 28.0;
inline constexpr double kPairCostNs = 0.25;

/// Trims `sources` (m x d, finite) for `queries` queries when a trimmed grid plus the exact
/// sums it needs (outlier queries against all sources, and the outliers' own terms) is
/// estimated to cost at most 3/4 of the untrimmed grid. Cheap: two passes over the sources.
OutlierTrim trimOutliers(ConstPointRef sources, Eigen::Index queries, double h,
                         const GridOptions& options);

}  // namespace driftlab
