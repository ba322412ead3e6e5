#pragma once
/// The FFTs behind FftGaussianGrid, on one periodic 2D or 3D grid: a forward real-to-complex
/// transform of the assigned sources (the same staging, reading only the query box), and the
/// inverse of the D + 1 outputs (the kernel sum and
/// the D components of the vector kernel's sum) for a separable Fourier multiplier.
///
/// The inverse runs axis by axis on batches of 8 lines copied into contiguous buffers (the
/// layout FFTW_ESTIMATE plans well; a whole-grid FFTW_ESTIMATE plan strides through memory,
/// and FFTW_MEASURE, which finds the fast plans, is not reproducible from run to run):
/// - The components share stages: the derivative multiplier of axis k is applied when axis k
///   is transformed, so the stages before it are done once for several components (3D: 6
///   complex stages and 2 row stages instead of 4 full inverses).
/// - Two real outputs come from one complex transform of the last axis (x + i y), instead of
///   two half-length real transforms, which FFTW_ESTIMATE plans poorly for lengths with a
///   factor 3.
/// - Only the nodes queries read ([0, queryNodes) per axis) are transformed past the first
///   stage and stored.
/// Every line is transformed by the same plan whatever thread runs it: the results are the
/// same bits for any thread count.
#include <cstdint>
#include <memory>
#include <vector>

#include "evaluators/grid_geometry.h"

namespace driftlab {

/// Separable Fourier multiplier: component 0 gets S(w) = scale * prod_k gain[k][w_k] times
/// the spectrum, component c = 1..D gets S(w) * i * omega[c-1][w_{c-1}] * vectorScale. Per
/// axis the arrays are indexed by the stored frequency (all of them, half + 1 on the last).
struct SeparableMultiplier {
  double scale = 1.0, vectorScale = 1.0;
  std::vector<double> gain[kMaxGridDim], omega[kMaxGridDim];
};

class GridFft {
 public:
  /// Plans and buffers for geometry's dim (2 or 3) and size.
  explicit GridFft(const GridGeometry& geometry);
  ~GridFft();
  GridFft(const GridFft&) = delete;
  GridFft& operator=(const GridFft&) = delete;

  const GridGeometry& geometry() const { return m_geometry; }
  /// Takes geometry g for the next transforms when its dim and size are this one's (the
  /// plans and buffers fit any query box; the origin and spacing do not matter); false, and
  /// nothing changed, otherwise.
  bool reuseFor(const GridGeometry& g);
  /// The real input grid: cells() doubles, row-major (the last axis contiguous).
  double* input() { return m_input; }
  /// Transforms input() into the spectrum (input() is left unchanged). Only the box
  /// [0, queryNodes) of input() is read: it must be zero outside (FftGaussianGrid's sources
  /// and their stencils lie inside the query region).
  void forward();
  /// Inverse transforms of the spectrum times `multiplier`, for the nodes in [0, queryNodes):
  /// nodes[(node index in that box) * (dim + 1) + c] = component c (unnormalised, as FFTW's
  /// inverses). Returns the largest value of component 0.
  double inverse(const SeparableMultiplier& multiplier, double* nodes);
  /// Nodes inverse() writes: the product of geometry().queryNodes.
  std::int64_t keptNodes() const;

 private:
  struct Plans;
  struct Workspace;
  Workspace& workspace(int thread);
  /// Buffers for every thread a call may run on (sized before the parallel loops).
  void ensureWorkspaces();

  GridGeometry m_geometry;
  std::int64_t m_spectrumCells = 0;
  double* m_input = nullptr;
  std::unique_ptr<Plans> m_plans;
  std::vector<std::unique_ptr<Workspace>> m_workspaces;  ///< one per OpenMP thread
  /// Complex arrays as interleaved (re, im) doubles, FFTW-aligned: the half spectrum, and the
  /// inverse's stage-0 results (the kept rows of axis 0, without and with the derivative
  /// multiplier of axis 0).
  double* m_spectrum = nullptr;
  double* m_stage0[2] = {};
};

}  // namespace driftlab
