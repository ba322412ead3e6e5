#pragma once
/// The `auto` backend: per call, the exact direct kernel or the FFT grid, whichever the cost
/// model expects to be faster; small problems always run exact.
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

  /// The rule: Gaussian kernel, d = 2 or 3, n m >= kMinPairsForGrid, a grid of at most
  /// FftOptions::maxCells cells, and an estimated grid cost (FFTs + B-spline assignment and
  /// interpolation) below half the direct cost n m / (pair rate).
  bool prefersGrid(const Kernel& kernel, ConstPointRef queries, const SourceSet& sources) const;

  /// The grid backend it delegates to (for its statistics).
  const FftBackend& fft() const { return m_fft; }

  /// Below this many pairs the direct sum takes a few milliseconds: keep it exact.
  static constexpr double kMinPairsForGrid = 3.0e7;

 private:
  FftBackend m_fft;
  std::string m_last;
};

}  // namespace driftlab
