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

  /// Largest node value of sum0: the scale that "tail" thresholds are relative to.
  double maxSum() const { return m_maxSum; }
  const GridGeometry& geometry() const { return m_geometry; }
  double bandwidth() const { return m_h; }

 private:
  struct Fftw;
  template <int D>
  void assign(ConstPointRef sources);
  template <int D>
  void convolve();
  template <int D>
  bool interpolateD(const double* q, double& sum0, double* sum1) const;

  GridGeometry m_geometry;
  double m_h = 0.0;
  double m_maxSum = 0.0;
  std::unique_ptr<Fftw> m_fftw;  ///< plans and aligned buffers for the current size
  std::vector<double> m_nodes;   ///< cells x (1 + dim): sum0, sum1[0..dim) per node
};

}  // namespace driftlab
