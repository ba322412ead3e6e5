#include "evaluators/auto_backend.h"

#include <cmath>
#include <limits>

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

double AutoBackend::gridNs(const Kernel& kernel, ConstPointRef queries,
                           const SourceSet& sources) const {
  const double never = std::numeric_limits<double>::infinity();
  const int d = static_cast<int>(queries.cols());
  if (!FftBackend::gridEligible(kernel, d)) return never;
  const GridGeometry g = m_fft.plannedGeometry(kernel, sources, queries.rows());
  if (g.dim == 0 || g.cells() > m_fft.options().maxCells) return never;
  const double cells = double(g.cells()), n = double(queries.rows());
  const double m = double(sources.points.rows());
  const bool cached = sources.version != 0;
  const double nodes = std::pow(4.0, d);
  return (cached ? 0.0 : (d + 2) * cells * std::log2(cells) * kFftNsPerCellLog) +
         (n + (cached ? 0.0 : m)) * nodes * kStencilNsPerNode;
}

double AutoBackend::directNs(ConstPointRef queries, const SourceSet& sources) {
  const double pairs = double(queries.rows()) * double(sources.points.rows());
  return pairs * (queries.cols() == 2 ? kDirectNsPerPair2 : kDirectNsPerPair3);
}

bool AutoBackend::prefersGrid(const Kernel& kernel, ConstPointRef queries,
                              const SourceSet& sources) const {
  if (double(queries.rows()) * double(sources.points.rows()) < kMinPairsForGrid) return false;
  return gridNs(kernel, queries, sources) < 0.5 * directNs(queries, sources);
}

bool AutoBackend::prefersGridForPair(const Kernel& kernel, ConstPointRef queries,
                                     const SourceSet& data, const SourceSet& particles) const {
  const double pairs =
      double(queries.rows()) * double(data.points.rows() + particles.points.rows());
  if (pairs < kMinPairsForGrid) return false;
  return gridNs(kernel, queries, data) + gridNs(kernel, queries, particles) <
         0.5 * (directNs(queries, data) + directNs(queries, particles));
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

void AutoBackend::pairSums(const Kernel& kernel, ConstPointRef queries, const SourceSet& data,
                           const SourceSet& particles, bool excludeSelf, KernelSums& p,
                           KernelSums& q) {
  if (prefersGridForPair(kernel, queries, data, particles)) {
    m_last = "fft";
    m_fft.pairSums(kernel, queries, data, particles, excludeSelf, p, q);
  } else {
    m_last = "direct";
    fastDirectKernelSums(kernel, queries, data.points, false, p);
    fastDirectKernelSums(kernel, queries, particles.points, excludeSelf, q);
  }
}

}  // namespace driftlab
