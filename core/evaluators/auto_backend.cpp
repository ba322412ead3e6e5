#include "evaluators/auto_backend.h"

#include <cmath>

#include "evaluators/fast_direct_kernel_sums.h"

namespace driftlab {

namespace {
// Rough costs on the 2-core development machine (AVX-512, both cores), in nanoseconds; only
// their ratios matter. Direct: ~4.5 Gpairs/s in 2D, ~3.6 in 3D (bench --peak).
constexpr double kDirectNsPerPair2 = 0.45;
constexpr double kDirectNsPerPair3 = 0.55;
constexpr double kFftNsPerCellLog = 0.6;   ///< per cell and log2(cells), per transform
constexpr double kStencilNsPerNode = 0.6;  ///< per point and stencil node (assign/interp)
}  // namespace

bool AutoBackend::prefersGrid(const Kernel& kernel, ConstPointRef queries,
                              const SourceSet& sources) const {
  const int d = static_cast<int>(queries.cols());
  if (!FftBackend::gridEligible(kernel, d)) return false;
  const double n = double(queries.rows()), m = double(sources.points.rows());
  if (n * m < kMinPairsForGrid) return false;
  const GridGeometry g = m_fft.plannedGeometry(kernel, sources, queries.rows());
  if (g.dim == 0 || g.cells() > m_fft.options().maxCells) return false;
  const double cells = double(g.cells());
  const bool cached = sources.version != 0;
  const double nodes = std::pow(4.0, d);
  const double gridNs = (cached ? 0.0 : (d + 2) * cells * std::log2(cells) * kFftNsPerCellLog) +
                        (n + (cached ? 0.0 : m)) * nodes * kStencilNsPerNode;
  const double directNs = n * m * (d == 2 ? kDirectNsPerPair2 : kDirectNsPerPair3);
  return gridNs < 0.5 * directNs;
}

void AutoBackend::sums(const Kernel& kernel, ConstPointRef queries, const SourceSet& sources,
                       bool excludeSelf, KernelSums& out) {
  if (prefersGrid(kernel, queries, sources)) {
    m_last = "fft";
    m_fft.sums(kernel, queries, sources, excludeSelf, out);
  } else {
    m_last = "direct";
    fastDirectKernelSums(kernel, queries, sources.points, excludeSelf, out);
  }
}

}  // namespace driftlab
