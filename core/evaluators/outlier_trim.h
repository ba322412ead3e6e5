#pragma once
/// The particle side of the FFT backend bins its sources on a grid around their bounding box,
/// so a few outliers can stretch the grid far beyond the bulk (cubically in 3D: a standard
/// normal cloud of 10^5 points spans +-4.6, but only 0.6 % of its points lie beyond +-3.1 in
/// some axis: 210^3 cells against 150^3). chooseGridBox picks, from boxes trimmed at per-axis
/// quantiles, the one with the least estimated cost; the sources outside it are summed
/// exactly instead (a straggler far away no longer inflates the grid, or sends the whole call
/// to the direct sum when the grid would exceed FftOptions::maxCells).
#include <cstdint>

#include "base/point_set.h"
#include "evaluators/grid_geometry.h"

namespace driftlab {

/// The box a particle-side grid covers: the sources' bounding box, or a trimmed one.
struct GridBox {
  bool trimmed = false;
  double lo[kMaxGridDim] = {}, hi[kMaxGridDim] = {};
};

/// Weights of the trim's cost estimate, in ns: one grid cell and one exact kernel pair. 28 ns
/// per cell was measured with whole-grid FFTW plans (3D, 210^3); the staged FFTs of
/// grid_fft.h cost about 7 ns per cell, but the outliers' exact sums are now pruned (the pair
/// count overestimates them) and trimming stays the better choice: on the 3D gmm3d bench
/// (N = 10^5) 28 picks 120^3 with 298 outliers, 35.6-37.5 ms per eval, against 135^3 with 60
/// outliers, 42.9-44.1 ms, with 9 (measured side by side). Direct: 4.6 Gpairs/s.
inline constexpr double kCellCostNs = 28.0;
inline constexpr double kPairCostNs = 0.25;

/// The box for `sources` (m x d, finite, bounding box [lo, hi]) and `queries` queries: trimmed
/// when a trimmed grid plus the exact sums it needs (outlier queries against all sources, and
/// the outliers' own terms) is estimated to cost at most 3/4 of the untrimmed grid, else the
/// bounding box. At most one pass over the sources (none when no trim can pay, as in 2D).
GridBox chooseGridBox(ConstPointRef sources, const double* lo, const double* hi,
                      Eigen::Index queries, double h, const GridOptions& options);

/// The face of `box` that point x (d coordinates) lies farthest beyond: 2k below the lower
/// face of axis k, 2k + 1 above the upper one; -1 inside the box (or not finite).
int outsideFace(const double* x, const GridBox& box, int d);

/// Splits sources into those inside `box` and the others (each in the sources' order).
void splitAtBox(ConstPointRef sources, const GridBox& box, PointSet& inside, PointSet& outside);

}  // namespace driftlab
