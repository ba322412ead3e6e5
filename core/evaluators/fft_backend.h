#pragma once
/// The `fft` backend: Gaussian kernel sums in 2D and 3D from an FFT grid (fft_gaussian_grid.h),
/// with exact fallbacks where the grid would be inaccurate. Everything else (Laplace kernel,
/// d != 2, 3, grids too large) runs on the exact direct kernel.
#include <cstdint>

#include "evaluators/cell_pruned_sums.h"
#include "evaluators/exact_tail_grid.h"
#include "evaluators/fft_gaussian_grid.h"
#include "evaluators/kernel_sum_backend.h"
#include "evaluators/outlier_trim.h"

namespace driftlab {

struct FftOptions {
  GridOptions grid;  ///< reaches of both grids (the spacing is set per dimension below)
  /// Both grids (data: cached; particles: rebuilt every call) have spacing h / this, and
  /// they sit on one lattice: their interpolation errors then cancel where q_h matches p_h.
  /// (With h/3 particles against h/4 data the error near equilibrium was the whole field,
  /// and long runs froze onto h/3 lines.) 3D at h/3: 0.42 times the cells of h/4, relative
  /// errors ~4x larger (3D gmm3d N = 10^5: rms_rel_err 1.5e-4 against 4.7e-5) for 62 against
  /// 100 ms per evaluation; long runs still end with the direct run's structure.
  double cellsPerBandwidth2d = 4.0;
  double cellsPerBandwidth3d = 3.0;
  double cellsPerBandwidth(int dim) const {
    return dim == 3 ? cellsPerBandwidth3d : cellsPerBandwidth2d;
  }
  /// Queries whose grid sum is below tailFraction * (largest grid sum) are answered from
  /// exact stabilised sums, never from grid noise: for cached (data) sources from the
  /// ExactTailGrid (exact node values, spacing h / tailCellsPerBandwidth, interpolated where
  /// smooth) and else by CellPrunedSums (exact, skipping cells below e^-40 of the top term);
  /// for uncached sources by the direct sum.
  double tailFraction = 1e-5;
  double tailCellsPerBandwidth2d = 4.0;
  double tailCellsPerBandwidth3d = 2.0;
  /// The tail grid reaches this many h beyond the FFT grid's queries (2D: far enough for the
  /// outliers of a million-point standard normal cloud around 8gaussians).
  double tailReach2d = 32.0;
  double tailReach3d = 16.0;
  /// The tail grid also keeps the sums of 2^levels source groups (k-d leaves; 0: none) and
  /// answers cells where the whole switches between far modes from them. In 3D this is what
  /// answers the queries near the switching planes (finer levels need 216 nodes per cell,
  /// more than sparse 3D queries pay for); in 2D the finer levels do it.
  int tailGroupLevels2d = 0;
  int tailGroupLevels3d = 3;
  /// Leave-one-out subtracts the self term k(0) = 1; when that removes more than half of
  /// the sum (sum < 2) the cancellation would amplify grid error, so the sum is exact.
  double selfCancelLimit = 0.5;
  std::int64_t maxCells = std::int64_t(1) << 24;  ///< larger grids run direct instead
};

class FftBackend final : public KernelSumBackend {
 public:
  explicit FftBackend(FftOptions options = {});
  ~FftBackend() override;
  std::string id() const override { return "fft"; }
  void sums(const Kernel& kernel, ConstPointRef queries, const SourceSet& sources, bool excludeSelf,
            KernelSums& out) override;

  /// True for the kernels and dimensions the grid handles (Gaussian, d = 2 or 3).
  static bool gridEligible(const Kernel& kernel, int dim);
  /// The grid a call with these sources and `queries` queries would use (cached for a data
  /// version; particles may be trimmed of outliers, see chooseGridBox); dim = 0 when the
  /// sources are not finite.
  GridGeometry plannedGeometry(const Kernel& kernel, const SourceSet& sources,
                               Eigen::Index queries) const;
  const FftOptions& options() const { return m_options; }
  /// Queries of the last call answered by the direct sum (outside the grid, tails of an
  /// uncached source set, leave-one-out cancellation); n when the call ran direct.
  std::int64_t lastExactQueries() const { return m_lastExact; }
  /// Queries of the last call answered from the exact tail grid.
  std::int64_t lastTailQueries() const { return m_lastTail; }
  /// Sources of the last call left off the grid as outliers (summed exactly), 0 if none.
  std::int64_t lastTrimmedSources() const { return m_trim.outside.rows(); }
  /// Exact node values the tail grid holds for the cached data side (all levels).
  std::int64_t tailGridNodes() const { return m_data.tail.knownNodes(); }
  /// Of the last call's tail-grid answers, those from the tail grid's grouped cells, counted
  /// in its evaluate() (the fast path of cells known beforehand is not split this way).
  std::int64_t lastGroupedTailQueries() const { return m_data.tail.lastGrouped(); }
  /// Source-group levels for the data side's tail grid in dimension d.
  int tailGroupLevels(int d) const {
    return d == 2 ? m_options.tailGroupLevels2d : m_options.tailGroupLevels3d;
  }

 private:
  struct CachedGrid {
    FftGaussianGrid grid;
    ExactTailGrid tail;     ///< used for cached sources only
    CellPrunedSums pruned;  ///< exact tail sums for cached sources (grouped as the tail grid)
    std::uint64_t version = 0;
    double h = 0.0;
    int dim = 0;
    bool valid = false;
  };
  GridOptions gridOptions(const SourceSet& sources) const;
  /// The particle-side grid box for these sources (see chooseGridBox); false when they are
  /// not finite.
  bool particleBox(const Kernel& kernel, ConstPointRef sources, Eigen::Index queries,
                   GridBox& box) const;
  /// The grid for these sources, built or reused; nullptr when it would be too large.
  const FftGaussianGrid* prepare(const Kernel& kernel, const SourceSet& sources,
                                 Eigen::Index queries);
  /// Adds the trimmed sources' terms to the queries answered on the grid (flag kOnGrid).
  void addOutliers(const Kernel& kernel, ConstPointRef queries, const std::vector<char>& flags,
                   KernelSums& out);
  /// Whether data-side tail queries of this call may use the tail grid.
  bool usesTailGrid(const SourceSet& sources, bool excludeSelf) const;
  /// Answers the `flagged` queries flagged kExact (direct) and kTail (tail grid or direct);
  /// cachedTail: tail queries already answered from the tail grid's cache.
  void fallbacks(const Kernel& kernel, ConstPointRef queries, const SourceSet& sources,
                 bool excludeSelf, const std::vector<char>& flags, std::int64_t flagged,
                 std::int64_t cachedTail, KernelSums& out);

  FftOptions m_options;
  CachedGrid m_data;     ///< data side (version != 0), reused while the version holds
  CachedGrid m_scratch;  ///< particle side (version 0), rebuilt on every call
  std::int64_t m_lastExact = 0;
  std::int64_t m_lastTail = 0;
  /// This call's particle-side grid box and, when trimmed, its split of the sources (empty
  /// for data sources).
  struct OutlierTrim {
    GridBox box;
    PointSet inside, outside;
  };
  OutlierTrim m_trim;
};

}  // namespace driftlab
