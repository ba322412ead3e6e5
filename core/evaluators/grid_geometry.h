#pragma once
/// Geometry of the periodic grids of the FFT backend: where the nodes are, which part of
/// the grid queries may be interpolated on, and how much is kept free against wrap-around.
#include <array>
#include <cstdint>

#include "base/point_set.h"

namespace driftlab {

/// Largest grid dimension handled by the FFT backend (2D and 3D).
inline constexpr int kMaxGridDim = 3;

/// A dim-dimensional periodic grid: node a sits at origin + a * spacing (per axis), a in
/// [0, size). Queries are interpolated only where their cubic B-spline stencil lies in
/// [0, queryNodes): there every source is at least `wrapReach` away from its periodic
/// images, so the cyclic convolution equals the open one up to exp(-wrapReach^2 / 2h^2).
struct GridGeometry {
  int dim = 0;
  double spacing = 0.0;  ///< node spacing (length units)
  std::array<double, kMaxGridDim> origin{};
  std::array<int, kMaxGridDim> size{};  ///< FFT length per axis (2^a 3^b 5^c 7^d)
  std::array<int, kMaxGridDim> queryNodes{};
  std::int64_t cells() const;
  bool operator==(const GridGeometry&) const = default;
};

/// How the FFT grid is laid out relative to the bandwidth h.
struct GridOptions {
  double cellsPerBandwidth = 4.0;  ///< h / spacing (the issue's bound: spacing <= h/3)
  /// Queries up to this many h outside the sources' box are interpolated (further ones
  /// are tail queries: the FFT backend answers them exactly).
  double queryReach = 3.0;
  /// Periodic images at least this many h away: aliasing below exp(-18) = 1.5e-8 per source,
  /// and only between the two ends of the box, where the particles' own self term dominates.
  double wrapReach = 6.0;
};

/// Bounding box of points (m x dim, dim <= kMaxGridDim) in one parallel pass; false when m is
/// 0 or a coordinate is not finite.
bool boundingBox(ConstPointRef points, double* lo, double* hi);

/// Grid for sources inside the box [lo, hi] (dim values each, finite) and bandwidth h.
GridGeometry planGridForBox(int dim, const double* lo, const double* hi, double h,
                            const GridOptions& options);

/// Grid around the sources' bounding box (sources: m x dim, m >= 1, finite) for bandwidth
/// h. Returns a geometry with dim = 0 when the sources are not finite.
GridGeometry planGaussianGrid(ConstPointRef sources, double h, const GridOptions& options);

/// Smallest n' >= n of the form 2^a 3^b 5^c 7^d (sizes FFTW handles fastest).
int fftFriendlySize(int n);

}  // namespace driftlab
