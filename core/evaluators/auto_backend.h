#pragma once
/// The `auto` backend: per evaluation, the exact direct kernel or the FFT grid, whichever the
/// cost model expects to be faster; small problems always run exact. A field's two sums (data
/// and particles, pairSums) always run on the same one, so grid errors cancel between them.
#include <string>

#include "evaluators/fft_backend.h"
#include "evaluators/kernel_sum_backend.h"

namespace driftlab {

class AutoBackend final : public KernelSumBackend {
 public:
  /// "auto:direct" or "auto:fft": what the last call ran (the GUI's status bar shows it);
  /// "auto" before the first call.
  std::string id() const override { return m_last.empty() ? "auto" : "auto:" + m_last; }
  void sums(const Kernel& kernel, ConstPointRef queries, const SourceSet& sources, bool excludeSelf,
            KernelSums& out) override;
  /// Both sums on the grid when the grid is expected to be faster for the two together,
  /// else both direct: never one side exact and the other with grid error, which would not
  /// cancel near equilibrium.
  void pairSums(const Kernel& kernel, ConstPointRef queries, const SourceSet& data,
                const SourceSet& particles, bool excludeSelf, KernelSums& p,
                KernelSums& q) override;

  /// The rule for one sum: Gaussian kernel, d = 2 or 3, n m >= kMinPairsForGrid, a grid of
  /// at most FftOptions::maxCells cells, and an estimated grid cost (FFTs + B-spline
  /// assignment and interpolation) below half the direct cost n m / (pair rate).
  bool prefersGrid(const Kernel& kernel, ConstPointRef queries, const SourceSet& sources) const;
  /// The same rule for the two sums of pairSums together (pairs and costs added).
  bool prefersGridForPair(const Kernel& kernel, ConstPointRef queries, const SourceSet& data,
                          const SourceSet& particles) const;

  /// The grid backend it delegates to (for its statistics).
  const FftBackend& fft() const { return m_fft; }

  /// Below this many pairs the direct sum takes a few milliseconds: keep it exact.
  static constexpr double kMinPairsForGrid = 3.0e7;

 private:
  /// Estimated grid cost of one sum in ns; infinity when the grid cannot take it.
  double gridNs(const Kernel& kernel, ConstPointRef queries, const SourceSet& sources) const;
  /// Estimated direct cost of one sum in ns.
  static double directNs(ConstPointRef queries, const SourceSet& sources);

  FftBackend m_fft;
  std::string m_last;
};

}  // namespace driftlab
