#pragma once
/// Gaussian kernel sums of one source set on a periodic grid, by FFT (2D and 3D).
///
/// Sources are assigned to the grid with the cubic B-spline M4 (4 nodes per axis); the grid
/// is convolved, in Fourier space, with the Gaussian k(z) = exp(-|z|^2 / 2h^2) and with the
/// vector kernel -z k(z) (multipliers K^(w) and i w h^2 K^(w)), and divided by the square of
/// the B-spline's spectrum sinc^4(w dx / 2) (deconvolution of assignment and interpolation);
/// queries read the result back through the same B-spline. Node values are stored
/// interleaved (1 + dim per node) for cache-friendly interpolation.
#include <cstdint>
#include <memory>
#include <vector>

#include "evaluators/grid_fft.h"
#include "evaluators/grid_geometry.h"

namespace driftlab {

class FftGaussianGrid {
 public:
  FftGaussianGrid();
  ~FftGaussianGrid();
  FftGaussianGrid(const FftGaussianGrid&) = delete;
  FftGaussianGrid& operator=(const FftGaussianGrid&) = delete;

  /// Builds the node values for sources (m x dim, inside `geometry`'s query region) and
  /// bandwidth h. Deterministic: independent of the OpenMP thread count.
  void build(ConstPointRef sources, double h, const GridGeometry& geometry);

  /// Interpolated sums at query q (dim coordinates): sum0 ~ sum_j k(q - s_j) and
  /// sum1[k] ~ sum_j k(q - s_j) (s_j - q)_k. Returns false (outputs untouched) when q's
  /// stencil leaves the query region.
  bool interpolate(const double* q, double& sum0, double* sum1) const;

  /// interpolate() for n queries (n x dim, row-major), with the same bits: sum0 (n), sum1
  /// (n x dim) and inside (n: 1 if interpolated, 0 if the outputs were left untouched).
  /// Vectorised over blocks of queries; runs its own OpenMP loop unless called inside one
  /// (then serial: call it on chunks of a few hundred queries from the caller's loop).
  void interpolateMany(const double* queries, Eigen::Index n, double* sum0, double* sum1,
                       char* inside) const;

  /// Largest node value of sum0: the scale that "tail" thresholds are relative to.
  double maxSum() const { return m_maxSum; }
  const GridGeometry& geometry() const { return m_geometry; }
  double bandwidth() const { return m_h; }

 private:
  struct SourceSort;
  template <int D>
  void assign(ConstPointRef sources);
  template <int D>
  void convolve();
  template <int D>
  void interpolateManyD(const double* queries, Eigen::Index n, double* sum0, double* sum1,
                        char* inside) const;
  /// interpolateManyD's serial work on count <= 128 queries (interpolate: count = 1).
  template <int D>
  void interpolateBlock(const double* queries, int count, double* sum0, double* sum1,
                        char* inside) const;

  GridGeometry m_geometry;
  double m_h = 0.0;
  double m_maxSum = 0.0;
  std::unique_ptr<GridFft> m_fft;      ///< plans and aligned buffers for the current size
  std::unique_ptr<SourceSort> m_sort;  ///< sources sorted by row, buffers reused
  /// Nodes in [0, queryNodes) x (1 + dim): sum0, sum1[0..dim) per node; + 1 pad.
  std::vector<double> m_nodes;
};

}  // namespace driftlab
