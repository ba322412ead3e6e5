#include "evaluators/fft_backend.h"

#include <cmath>
#include <vector>

#include "evaluators/fast_direct_kernel_sums.h"

namespace driftlab {

FftBackend::FftBackend(FftOptions options) : m_options(options) {}
FftBackend::~FftBackend() = default;

bool FftBackend::gridEligible(const Kernel& kernel, int dim) {
  return kernel.kind == KernelKind::kGaussian && (dim == 2 || dim == 3);
}

GridGeometry FftBackend::plannedGeometry(const Kernel& kernel, const SourceSet& sources) const {
  const int d = static_cast<int>(sources.points.cols());
  if (sources.version != 0 && m_data.valid && m_data.version == sources.version &&
      m_data.h == kernel.scale && m_data.dim == d)
    return m_data.grid.geometry();
  return planGaussianGrid(sources.points, kernel.scale, m_options.grid);
}

const FftGaussianGrid* FftBackend::prepare(const Kernel& kernel, const SourceSet& sources) {
  const int d = static_cast<int>(sources.points.cols());
  const bool cacheable = sources.version != 0;
  CachedGrid& slot = cacheable ? m_data : m_scratch;
  if (cacheable && slot.valid && slot.version == sources.version && slot.h == kernel.scale &&
      slot.dim == d)
    return &slot.grid;
  slot.valid = false;
  const GridGeometry geometry = planGaussianGrid(sources.points, kernel.scale, m_options.grid);
  if (geometry.dim == 0 || geometry.cells() > m_options.maxCells) return nullptr;
  slot.grid.build(sources.points, kernel.scale, geometry);
  slot.version = sources.version;
  slot.h = kernel.scale;
  slot.dim = d;
  slot.valid = cacheable;
  return &slot.grid;
}

void FftBackend::sums(const Kernel& kernel, ConstPointRef queries, const SourceSet& sources,
                      bool excludeSelf, KernelSums& out) {
  const int d = static_cast<int>(queries.cols());
  const Eigen::Index n = queries.rows();
  const FftGaussianGrid* grid = nullptr;
  if (gridEligible(kernel, d) && sources.points.cols() == d && sources.points.rows() > 0 && n > 0)
    grid = prepare(kernel, sources);
  if (!grid) {
    m_lastExact = n;
    fastDirectKernelSums(kernel, queries, sources.points, excludeSelf, out);
    return;
  }
  out.resize(n, d);
  std::vector<char> exact(n, 0);
  const double tail = m_options.tailFraction * grid->maxSum();
  const double selfFloor = 1.0 / (1.0 - m_options.selfCancelLimit);
#pragma omp parallel for schedule(static)
  for (Eigen::Index i = 0; i < n; ++i) {
    const double* q = queries.data() + i * d;
    double s0 = 0.0, s1[kMaxGridDim];
    if (!grid->interpolate(q, s0, s1) || (excludeSelf && !(s0 >= selfFloor))) {
      exact[i] = 1;
      continue;
    }
    if (excludeSelf) s0 -= 1.0;  // the self term: k(0) = 1 at zero displacement
    if (!(s0 >= tail)) {
      exact[i] = 1;
      continue;
    }
    out.logSum[i] = std::log(s0);
    for (int k = 0; k < d; ++k) out.mean(i, k) = q[k] + s1[k] / s0;
  }
  exactFallback(kernel, queries, sources.points, excludeSelf, exact, out);
}

void FftBackend::exactFallback(const Kernel& kernel, ConstPointRef queries, ConstPointRef sources,
                               bool excludeSelf, const std::vector<char>& exact, KernelSums& out) {
  std::vector<Eigen::Index> rows, self;
  for (Eigen::Index i = 0; i < queries.rows(); ++i)
    if (exact[i]) {
      rows.push_back(i);
      self.push_back(excludeSelf ? i : -1);
    }
  m_lastExact = static_cast<std::int64_t>(rows.size());
  if (rows.empty()) return;
  PointSet subset(rows.size(), queries.cols());
  for (size_t r = 0; r < rows.size(); ++r) subset.row(r) = queries.row(rows[r]);
  KernelSums exactSums;
  fastDirectKernelSums(kernel, subset, sources, self.data(), exactSums);
  for (size_t r = 0; r < rows.size(); ++r) {
    out.logSum[rows[r]] = exactSums.logSum[r];
    out.mean.row(rows[r]) = exactSums.mean.row(r);
  }
}

}  // namespace driftlab
