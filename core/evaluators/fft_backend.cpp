#include "evaluators/fft_backend.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "evaluators/fast_direct_kernel_sums.h"
#include "evaluators/simd_double.h"
#include "evaluators/slab_pruned_sums.h"
#include "evaluators/source_groups.h"

namespace driftlab {

namespace {
enum QueryFlag : char { kOnGrid = 0, kExact = 1, kTail = 2 };
/// Trimmed sources whose terms are below e^-40 of a query's grid sum are skipped.
constexpr double kOutlierSkippedLog = 40.0;
}  // namespace

FftBackend::FftBackend(FftOptions options) : m_options(options) {}
FftBackend::~FftBackend() = default;

bool FftBackend::gridEligible(const Kernel& kernel, int dim) {
  return kernel.kind == KernelKind::kGaussian && (dim == 2 || dim == 3);
}

GridOptions FftBackend::gridOptions(const SourceSet& sources) const {
  GridOptions o = m_options.grid;
  o.cellsPerBandwidth = m_options.cellsPerBandwidth(static_cast<int>(sources.points.cols()));
  // Uncached sources are the particles, queried at themselves (inside their own box): no
  // reach beyond the box is needed; other queries there are answered exactly.
  if (sources.version == 0) o.queryReach = 0.0;
  return o;
}

bool FftBackend::particleBox(const Kernel& kernel, ConstPointRef sources, Eigen::Index queries,
                             GridBox& box) const {
  const int d = static_cast<int>(sources.cols());
  double lo[kMaxGridDim], hi[kMaxGridDim];
  if (d > kMaxGridDim || !boundingBox(sources, lo, hi)) return false;
  box = chooseGridBox(sources, lo, hi, queries, kernel.scale, gridOptions({sources, 0}));
  return true;
}

GridGeometry FftBackend::plannedGeometry(const Kernel& kernel, const SourceSet& sources,
                                         Eigen::Index queries) const {
  const int d = static_cast<int>(sources.points.cols());
  if (sources.version != 0 && m_data.valid && m_data.version == sources.version &&
      m_data.h == kernel.scale && m_data.dim == d)
    return m_data.grid.geometry();
  if (sources.version != 0)
    return planGaussianGrid(sources.points, kernel.scale, gridOptions(sources));
  GridBox box;
  if (!particleBox(kernel, sources.points, queries, box)) return GridGeometry{};
  return planGridForBox(d, box.lo, box.hi, kernel.scale, gridOptions(sources));
}

const FftGaussianGrid* FftBackend::prepare(const Kernel& kernel, const SourceSet& sources,
                                           Eigen::Index queries) {
  const int d = static_cast<int>(sources.points.cols());
  const bool cacheable = sources.version != 0;
  CachedGrid& slot = cacheable ? m_data : m_scratch;
  m_trim = OutlierTrim{};
  if (cacheable && slot.valid && slot.version == sources.version && slot.h == kernel.scale &&
      slot.dim == d)
    return &slot.grid;
  slot.valid = false;
  GridGeometry geometry;
  if (cacheable) {
    geometry = planGaussianGrid(sources.points, kernel.scale, gridOptions(sources));
  } else if (particleBox(kernel, sources.points, queries, m_trim.box)) {
    geometry = planGridForBox(d, m_trim.box.lo, m_trim.box.hi, kernel.scale, gridOptions(sources));
    if (m_trim.box.trimmed) splitAtBox(sources.points, m_trim.box, m_trim.inside, m_trim.outside);
  }
  if (geometry.dim == 0 || geometry.cells() > m_options.maxCells) {
    m_trim = OutlierTrim{};
    return nullptr;
  }
  slot.grid.build(m_trim.box.trimmed ? ConstPointRef(m_trim.inside) : sources.points, kernel.scale,
                  geometry);
  slot.pruned = CellPrunedSums{};
  if (cacheable)
    slot.tail.reset(geometry, kernel.scale,
                    d == 2 ? m_options.tailCellsPerBandwidth2d : m_options.tailCellsPerBandwidth3d,
                    (d == 2 ? m_options.tailReach2d : m_options.tailReach3d) * kernel.scale,
                    kdGroupCount(sources.points.rows(), tailGroupLevels(d)));
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
    grid = prepare(kernel, sources, n);
  if (!grid) {
    m_lastExact = n;
    m_lastTail = 0;
    fastDirectKernelSums(kernel, queries, sources.points, excludeSelf, out);
    return;
  }
  out.resize(n, d);
  std::vector<char> flags(n, kOnGrid);
  const double tail = m_options.tailFraction * grid->maxSum();
  const double selfFloor = 1.0 / (1.0 - m_options.selfCancelLimit);
  // Chunks of queries. Data-side queries already known to lie in smooth cells of the tail
  // grid, below the tail threshold there, are answered there at once (the grid's answer for
  // them would be flagged, or lie within a hair of the threshold, where both are accurate);
  // the grid interpolates the others a chunk at a time (vectorised), and each is answered or
  // flagged for a fallback; the log is taken per chunk, vectorised.
  const bool tailGrid = usesTailGrid(sources, excludeSelf);
  const bool trimmed = m_trim.box.trimmed;
  const auto inTrimBox = [&](const double* q) {
    for (int k = 0; k < d; ++k)
      if (!(q[k] >= m_trim.box.lo[k] && q[k] <= m_trim.box.hi[k])) return false;
    return true;
  };
  const double logCeiling = std::log(tail);
  constexpr Eigen::Index kChunk = 256;
  const Eigen::Index chunks = (n + kChunk - 1) / kChunk;
  std::int64_t cached = 0, flagged = 0;
#pragma omp parallel for schedule(static) reduction(+ : cached, flagged)
  for (Eigen::Index c = 0; c < chunks; ++c) {
    const Eigen::Index begin = c * kChunk, end = std::min(n, begin + kChunk);
    Eigen::Index rows[kChunk];
    double at[kChunk * kMaxGridDim], s0[kChunk], s1[kChunk * kMaxGridDim];
    char inside[kChunk];
    Eigen::Index count = 0;
    for (Eigen::Index i = begin; i < end; ++i) {
      const double* q = queries.data() + i * d;
      double logSum, mean[kMaxGridDim];
      if (tailGrid && m_data.tail.answerFromCache(q, logCeiling, logSum, mean)) {
        out.logSum[i] = logSum;
        for (int k = 0; k < d; ++k) out.mean(i, k) = mean[k];
        ++cached;
        continue;
      }
      rows[count] = i;
      std::copy(q, q + d, at + count * d);
      ++count;
    }
    grid->interpolateMany(at, count, s0, s1, inside);
    for (Eigen::Index r = 0; r < count; ++r) {
      const Eigen::Index i = rows[r];
      double sum = s0[r];
      s0[r] = 1.0;  // placeholder (log 1 = 0) for the rows the fallbacks answer
      if (!inside[r] || (trimmed && !inTrimBox(at + r * d)))
        flags[i] = kTail;  // far from every source, or a trimmed outlier: summed exactly
      else if (excludeSelf && !(sum >= selfFloor))
        flags[i] = kExact;
      else if (excludeSelf)
        sum -= 1.0;  // the self term: k(0) = 1 at zero displacement
      if (flags[i] == kOnGrid && !(sum >= tail)) flags[i] = kTail;
      if (flags[i] != kOnGrid) {
        ++flagged;
        continue;
      }
      s0[r] = sum;
      for (int k = 0; k < d; ++k) out.mean(i, k) = at[r * d + k] + s1[r * d + k] / sum;
    }
    simd::logInPlace(s0, count);
    for (Eigen::Index r = 0; r < count; ++r) out.logSum[rows[r]] = s0[r];
  }
  if (trimmed) addOutliers(kernel, queries, flags, out);
  fallbacks(kernel, queries, sources, excludeSelf, flags, flagged, cached, out);
}

void FftBackend::addOutliers(const Kernel& kernel, ConstPointRef queries,
                             const std::vector<char>& flags, KernelSums& out) {
  // The trimmed sources' terms for the queries answered on the grid (the others are summed
  // exactly over all sources by the fallbacks), group by group: the outliers beyond face f of
  // the box (the face each lies farthest beyond) are all farther from a query in the box than
  // its distance to f, so together they give it less than count_f e^(-distance^2 / 2h^2); a
  // group whose bound is below e^-40 of the query's grid sum is skipped for it. Group 2d
  // (points beyond no face: none for finite sources) is never skipped.
  const int d = static_cast<int>(queries.cols());
  const double inv2h2 = 0.5 / (kernel.scale * kernel.scale);
  const GridBox& box = m_trim.box;
  std::vector<Eigen::Index> members[2 * kMaxGridDim + 1];
  for (Eigen::Index j = 0; j < m_trim.outside.rows(); ++j) {
    const int f = outsideFace(m_trim.outside.row(j).data(), box, d);
    members[f < 0 ? 2 * d : f].push_back(j);
  }
  for (int f = 0; f <= 2 * d; ++f) {
    if (members[f].empty()) continue;
    const double logCount = std::log(double(members[f].size()));
    std::vector<Eigen::Index> rows;
    for (Eigen::Index i = 0; i < queries.rows(); ++i) {
      if (flags[i] != kOnGrid) continue;
      const int k = f / 2;
      const double distance =
          f == 2 * d ? 0.0 : (f % 2 ? box.hi[k] - queries(i, k) : queries(i, k) - box.lo[k]);
      if (logCount - distance * distance * inv2h2 > out.logSum[i] - kOutlierSkippedLog)
        rows.push_back(i);
    }
    if (rows.empty()) continue;
    PointSet group(static_cast<Eigen::Index>(members[f].size()), d);
    for (std::size_t j = 0; j < members[f].size(); ++j)
      group.row(Eigen::Index(j)) = m_trim.outside.row(members[f][j]);
    PointSet subset(static_cast<Eigen::Index>(rows.size()), d);
    for (std::size_t r = 0; r < rows.size(); ++r) subset.row(r) = queries.row(rows[r]);
    // A query on the grid lies in the box, so it is not an outlier: its self term (if any)
    // is on the grid, none here.
    KernelSums extra;
    fastDirectKernelSums(kernel, subset, group, false, extra);
    const std::ptrdiff_t count = static_cast<std::ptrdiff_t>(rows.size());
#pragma omp parallel for schedule(static)
    for (std::ptrdiff_t r = 0; r < count; ++r) {
      const Eigen::Index i = rows[r];
      const auto part = [&](int j) {
        return j == 0 ? std::pair{out.logSum[i], &out.mean(i, 0)}
                      : std::pair{extra.logSum[r], &extra.mean(r, 0)};
      };
      out.logSum[i] = combineKernelSums(2, d, part, &out.mean(i, 0));
    }
  }
}

bool FftBackend::usesTailGrid(const SourceSet& sources, bool excludeSelf) const {
  return sources.version != 0 && !excludeSelf && m_data.valid;
}

void FftBackend::fallbacks(const Kernel& kernel, ConstPointRef queries, const SourceSet& sources,
                           bool excludeSelf, const std::vector<char>& flags, std::int64_t flagged,
                           std::int64_t cachedTail, KernelSums& out) {
  m_lastExact = 0;
  m_lastTail = cachedTail;
  if (flagged == 0) return;
  std::vector<Eigen::Index> rows, tailRows;
  const bool tailGrid = usesTailGrid(sources, excludeSelf);
  (tailGrid ? tailRows : rows).reserve(flagged);
  for (Eigen::Index i = 0; i < queries.rows(); ++i) {
    if (flags[i] == kTail && tailGrid)
      tailRows.push_back(i);
    else if (flags[i] != kOnGrid)
      rows.push_back(i);
  }
  m_lastTail += static_cast<std::int64_t>(tailRows.size());
  if (tailGrid && !m_data.pruned.built() && !(rows.empty() && tailRows.empty()))
    m_data.pruned.build(sources.points, kernel.scale, tailGroupLevels(int(queries.cols())));
  if (!tailRows.empty()) {
    const auto outside = m_data.tail.evaluate(kernel, queries, tailRows, m_data.pruned, out);
    m_lastTail -= static_cast<std::int64_t>(outside.size());
    rows.insert(rows.end(), outside.begin(), outside.end());
    std::sort(rows.begin(), rows.end());
  }
  m_lastExact = static_cast<std::int64_t>(rows.size());
  if (rows.empty()) return;
  if (tailGrid) {  // fixed sources, no leave-one-out: exact sums over the cells that matter
    m_data.pruned.sums(kernel, queries, rows, out);
    return;
  }
  // Uncached sources (the particles): queries outside the grid box (trimmed outliers, or
  // beyond the sources' bounding box) are summed over a slab of sources only.
  slabPrunedSums(kernel, queries, rows, sources.points, m_trim.box, excludeSelf, out);
}

}  // namespace driftlab
