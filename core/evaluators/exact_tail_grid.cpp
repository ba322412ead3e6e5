#include "evaluators/exact_tail_grid.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>
#include <string>
#include <unordered_set>

#include "evaluators/cell_pruned_sums.h"

namespace driftlab {

namespace {
constexpr int kBlockShift = 3;  ///< blocks of 8^d nodes
constexpr int kBlock = 1 << kBlockShift;
/// Largest block directory of one level (int32 entries); a finer level that would need more
/// is not used (its queries are summed exactly).
constexpr std::int64_t kMaxDirectory = std::int64_t(1) << 24;
/// Accepted estimated cubic interpolation error: in log k, and in the mean (units of h).
constexpr double kLogTolerance = 1e-2;
constexpr double kMeanTolerance = 2e-3;
/// Far from the data the mean may also err by this fraction of its distance |mean - x| (the
/// velocity's own scale there): a relative error of the data term of at most 0.2%.
constexpr double kRelativeTolerance = 2e-3;
/// New nodes one call may compute: this many per query that needs new nodes, at least
/// kMinNodeBudget. Each node costs about one exact query and serves every later call.
constexpr std::size_t kNodesPerQuery = 40;
constexpr std::size_t kMinNodeBudget = 16384;
constexpr int kBox = 6;             ///< nodes per axis of a cell's error box: cell - 2 .. cell + 3
constexpr int kMaxTailGroups = 16;  ///< groups a cell's mask (16 bits) can hold

/// A grouped cell interpolates each source group's sums and combines them; groups whose sum
/// stays below e^-kIrrelevantLog of the whole over the cell's box are left out (their share
/// of the sum is below 2e-9).
constexpr double kIrrelevantLog = 20.0;

enum CellStatus : unsigned char { kUnknown = 0, kSmooth = 1, kRough = 2, kGrouped = 3 };
enum QueryStatus : unsigned char {
  kDone = 0,
  kToRefine = 1,
  kNeedsNodes = 2,
  kOutside = 3,
  kDoneGrouped = 4  ///< done, in a grouped cell
};
inline bool answered(unsigned char status) {
  return status == kDone || status == kDoneGrouped;
}

constexpr int power(int base, int exp) {
  return exp == 0 ? 1 : base * power(base, exp - 1);
}

/// 4-point Lagrange weights for nodes at -1, 0, 1, 2 (exact for cubics), t in [0, 1).
/// Products by constants, no divisions: a lookup's weights are on its critical path.
inline void lagrangeWeights(double t, double (&w)[4]) {
  constexpr double kSixth = 1.0 / 6.0;
  const double p = t + 1.0, m = t - 1.0, n = t - 2.0;
  const double tm = t * m, pn = p * n;
  w[0] = -kSixth * tm * n;
  w[1] = 0.5 * pn * m;
  w[2] = -0.5 * pn * t;
  w[3] = kSixth * p * tm;
}
}  // namespace

/// One level of the hierarchy: nodes origin + a * spacing, a in [0, nodes) per axis, stored
/// in blocks of 8^d nodes (values NaN until computed) with one status byte per cell (the cell
/// whose lowest corner is that node).
struct ExactTailGrid::Level {
  int dim = 0;
  double spacing = 0.0, inverse = 0.0;
  std::array<double, kMaxGridDim> origin{};
  std::array<int, kMaxGridDim> nodes{};
  std::array<int, kMaxGridDim> blocks{};
  int blockNodes = 0;
  int groups = 0;  ///< source groups stored per node (0: whole sums only)
  bool tooLarge = false;
  std::vector<std::int32_t> directory;  ///< block -> slot, -1 when absent; empty until used
  std::vector<double> values;           ///< slot-major, blockNodes x (1 + dim) per slot
  std::vector<double> groupValues;      ///< slot-major, blockNodes x groups x (1 + dim)
  std::vector<unsigned char> status;    ///< slot-major, blockNodes per slot
  std::vector<std::uint16_t> masks;     ///< slot-major: a grouped cell's relevant groups
  std::int64_t known = 0;

  std::int64_t blockIndex(const int* a) const {
    std::int64_t b = 0;
    for (int k = 0; k < dim; ++k) b = b * blocks[k] + (a[k] >> kBlockShift);
    return b;
  }
  int offset(const int* a) const {
    int o = 0;
    for (int k = 0; k < dim; ++k) o = (o << kBlockShift) | (a[k] & (kBlock - 1));
    return o;
  }
  std::int64_t linear(const int* a) const {
    std::int64_t idx = 0;
    for (int k = 0; k < dim; ++k) idx = idx * nodes[k] + a[k];
    return idx;
  }
  /// The node's 1 + dim values (NaN when not computed), nullptr when its block is absent.
  const double* node(const int* a) const {
    const std::int32_t slot = directory[blockIndex(a)];
    if (slot < 0) return nullptr;
    return values.data() + (std::int64_t(slot) * blockNodes + offset(a)) * (1 + dim);
  }
  /// Group g's 1 + dim values at the node, nullptr when its block is absent.
  const double* groupNode(const int* a, int g) const {
    const std::int32_t slot = directory[blockIndex(a)];
    if (slot < 0) return nullptr;
    return groupValues.data() +
           ((std::int64_t(slot) * blockNodes + offset(a)) * groups + g) * (1 + dim);
  }
  bool isKnown(const int* a) const {
    const double* v = node(a);
    return v && !std::isnan(v[0]);
  }
  std::int64_t slotOf(const int* a) {
    std::int32_t& slot = directory[blockIndex(a)];
    if (slot < 0) {
      slot = static_cast<std::int32_t>(status.size() / blockNodes);
      values.resize(values.size() + std::size_t(blockNodes) * (1 + dim),
                    std::numeric_limits<double>::quiet_NaN());
      groupValues.resize(groupValues.size() + std::size_t(blockNodes) * groups * (1 + dim),
                         std::numeric_limits<double>::quiet_NaN());
      status.resize(status.size() + blockNodes, kUnknown);
      if (groups > 0) masks.resize(masks.size() + blockNodes, 0);
    }
    return slot;
  }
  unsigned char cellStatus(const int* a) const {
    const std::int32_t slot = directory[blockIndex(a)];
    return slot < 0 ? static_cast<unsigned char>(kUnknown)
                    : status[std::int64_t(slot) * blockNodes + offset(a)];
  }
  /// A grouped cell's relevant groups (its block exists).
  std::uint16_t cellMask(const int* a) const {
    return masks[std::int64_t(directory[blockIndex(a)]) * blockNodes + offset(a)];
  }
  /// Allocates the directory on first use; false when the level is too large to use.
  bool ready() {
    if (!directory.empty()) return true;
    if (tooLarge) return false;
    std::int64_t count = 1;
    for (int k = 0; k < dim; ++k) count *= blocks[k];
    if (count > kMaxDirectory) {
      tooLarge = true;
      return false;
    }
    directory.assign(count, -1);
    return true;
  }
  /// The query's cell (lowest node) and offsets t in [0, 1); false when the cell's error box
  /// leaves the level.
  bool locate(const double* q, int* cell, double* t) const {
    for (int k = 0; k < dim; ++k) {
      const double u = (q[k] - origin[k]) * inverse;
      if (!(u >= 2.0 && u < nodes[k] - 3.0)) return false;  // also rejects NaN
      const double fl = std::floor(u);
      cell[k] = static_cast<int>(fl);
      t[k] = u - fl;
    }
    return true;
  }
};

namespace {

/// Cubic interpolation of the 1 + D node values around `cell` (all known): per axis the 4
/// stencil nodes' block coordinates and in-block offsets first, then one directory read per
/// node.
template <int D, class L>
void interpolateCubic(const L& level, const int* cell, const double* t, double* result) {
  double w[D][4];
  int block[D][4], offset[D][4];
  for (int k = 0; k < D; ++k) {
    lagrangeWeights(t[k], w[k]);
    for (int a = 0; a < 4; ++a) {
      block[k][a] = (cell[k] - 1 + a) >> kBlockShift;
      offset[k][a] = (cell[k] - 1 + a) & (kBlock - 1);
    }
  }
  const std::int32_t* dir = level.directory.data();
  const double* values = level.values.data();
  double acc[D + 1] = {};
  for (int a0 = 0; a0 < 4; ++a0)
    for (int a1 = 0; a1 < 4; ++a1) {
      const std::int64_t b01 = std::int64_t(block[0][a0]) * level.blocks[1] + block[1][a1];
      const int o01 = (offset[0][a0] << kBlockShift) | offset[1][a1];
      const double w01 = w[0][a0] * w[1][a1];
      if constexpr (D == 2) {
        const double* v = values + (std::int64_t(dir[b01]) * (kBlock * kBlock) + o01) * 3;
        for (int c = 0; c < 3; ++c) acc[c] += w01 * v[c];
      } else {
        for (int a2 = 0; a2 < 4; ++a2) {
          const std::int64_t b = b01 * level.blocks[2] + block[2][a2];
          const int o = (o01 << kBlockShift) | offset[2][a2];
          const double* v = values + (std::int64_t(dir[b]) * (kBlock * kBlock * kBlock) + o) * 4;
          const double wt = w01 * w[2][a2];
          for (int c = 0; c < 4; ++c) acc[c] += wt * v[c];
        }
      }
    }
  for (int c = 0; c <= D; ++c) result[c] = acc[c];
}

/// Every group's cubic interpolation around `cell` (all nodes known), combined over the
/// groups in `mask` exactly: log k = log-sum-exp of the groups' log k, the mean their
/// k-weighted mean.
/// G: the number of groups when known at compile time (the accumulators then stay in
/// registers), 0: level.groups.
template <int D, int G, class L>
void interpolateGrouped(const L& level, const int* cell, const double* t, std::uint16_t mask,
                        double* result) {
  const int values = (G > 0 ? G : level.groups) * (D + 1);
  double w[D][4];
  for (int k = 0; k < D; ++k) lagrangeWeights(t[k], w[k]);
  double acc[(G > 0 ? G : kMaxTailGroups) * (D + 1)] = {};
  for (int s = 0; s < power(4, D); ++s) {
    int a[D];
    double wt = 1.0;
    for (int k = D - 1, rest = s; k >= 0; --k, rest /= 4) {
      a[k] = cell[k] - 1 + rest % 4;
      wt *= w[k][rest % 4];
    }
    const double* v = level.groupNode(a, 0);
    for (int c = 0; c < values; ++c) acc[c] += wt * v[c];
  }
  int relevant[kMaxTailGroups], count = 0;
  for (int g = 0; g < (G > 0 ? G : level.groups); ++g)
    if (mask & (1u << g)) relevant[count++] = g;
  const auto part = [&](int j) {
    const double* v = acc + relevant[j] * (D + 1);
    return std::pair{v[0], v + 1};
  };
  result[0] = combineKernelSums(count, D, part, result + 1);
}

/// The (1 + D) values of the 6^D nodes of a cell's error box, from `at(node)` (nullptr when
/// absent); false when one is absent or not finite.
template <int D, class At>
bool loadBox(const int* cell, At at, double (*box)[D + 1]) {
  for (int s = 0; s < power(kBox, D); ++s) {
    int a[D];
    for (int k = D - 1, rest = s; k >= 0; --k, rest /= kBox) a[k] = cell[k] - 2 + rest % kBox;
    const double* v = at(a);
    for (int c = 0; c <= D; ++c) {
      box[s][c] = v ? v[c] : std::numeric_limits<double>::quiet_NaN();
      if (!std::isfinite(box[s][c])) return false;
    }
  }
  return true;
}

/// Whether the box's values interpolate within tolerance: per value, the estimated cubic
/// error sum_k max |Delta_k^4 f| / 24 (every line along axis k through the 4^(D-1) stencil,
/// both 5-node windows) is below logTolerance (log k) or meanTolerance (the mean).
template <int D>
bool interpolatesWell(const double (*box)[D + 1], double logTolerance, double meanTolerance) {
  int stride[D];
  for (int k = D - 1, st = 1; k >= 0; --k, st *= kBox) stride[k] = st;
  for (int c = 0; c <= D; ++c) {
    double estimate = 0.0;
    for (int k = 0; k < D; ++k) {
      double worst = 0.0;
      // Lines along axis k: the other axes run over the stencil (box coordinates 1..4).
      for (int s = 0; s < power(4, D - 1); ++s) {
        int start = 0;
        for (int j = 0, rest = s; j < D; ++j) {
          if (j == k) continue;
          start += (1 + rest % 4) * stride[j];
          rest /= 4;
        }
        for (int w0 = 0; w0 <= 1; ++w0) {
          const double* f = &box[start + w0 * stride[k]][c];
          const int st = stride[k] * (D + 1);
          const double d4 = f[0] - 4.0 * f[st] + 6.0 * f[2 * st] - 4.0 * f[3 * st] + f[4 * st];
          worst = std::max(worst, std::abs(d4));
        }
      }
      estimate += worst / 24.0;
    }
    if (!(estimate <= (c == 0 ? logTolerance : meanTolerance))) return false;
  }
  return true;
}

/// Smooth, grouped or rough: smooth when the whole sums interpolate within tolerance over
/// the cell's 6^D box; else grouped (mask: the relevant groups) when every group that holds
/// more than e^-kIrrelevantLog of the sum somewhere in the box interpolates within the same
/// tolerances; else rough.
template <int D, class L>
unsigned char cellSmoothness(const L& level, const int* cell, double h, std::uint16_t& mask) {
  constexpr int kNodes = power(kBox, D);
  double box[kNodes][D + 1];
  if (!loadBox<D>(
          cell, [&](const int* a) { return level.node(a); }, box))
    return kRough;
  int stride[D];
  for (int k = D - 1, st = 1; k >= 0; --k, st *= kBox) stride[k] = st;
  // |mean - x| at the cell's corners (box coordinates 2 and 3 per axis), the smallest.
  double reach = std::numeric_limits<double>::infinity();
  for (int s = 0; s < power(2, D); ++s) {
    int at = 0;
    for (int k = 0; k < D; ++k) at += (2 + ((s >> k) & 1)) * stride[k];
    double r2 = 0.0;
    for (int k = 0; k < D; ++k) {
      const double x = level.origin[k] + (cell[k] + ((s >> k) & 1)) * level.spacing;
      r2 += (box[at][1 + k] - x) * (box[at][1 + k] - x);
    }
    reach = std::min(reach, std::sqrt(r2));
  }
  const double meanTolerance = std::max(kMeanTolerance * h, kRelativeTolerance * reach);
  if (interpolatesWell<D>(box, kLogTolerance, meanTolerance)) return kSmooth;
  mask = 0;
  if (level.groups == 0) return kRough;
  double groupBox[kNodes][D + 1];
  for (int g = 0; g < level.groups; ++g) {
    if (!loadBox<D>(
            cell, [&](const int* a) { return level.groupNode(a, g); }, groupBox))
      return kRough;
    double share = -std::numeric_limits<double>::infinity();
    for (int s = 0; s < kNodes; ++s) share = std::max(share, groupBox[s][0] - box[s][0]);
    if (share < -kIrrelevantLog) continue;
    if (!interpolatesWell<D>(groupBox, kLogTolerance, meanTolerance)) return kRough;
    mask = static_cast<std::uint16_t>(mask | (1u << g));
  }
  return kGrouped;
}

/// A query at one level: kOutside, kToRefine (rough cell), kNeedsNodes (status unknown) or
/// kDone / kDoneGrouped with the interpolated log k and mean in v (1 + dim values).
template <class L>
unsigned char lookup(const L& level, const double* q, double* v) {
  int cell[kMaxGridDim];
  double t[kMaxGridDim];
  if (!level.locate(q, cell, t)) return kOutside;
  const unsigned char s = level.cellStatus(cell);
  if (s == kRough) return kToRefine;
  if (s == kGrouped) {
    const std::uint16_t mask = level.cellMask(cell);
    if (level.dim == 3 && level.groups == 8)  // the default in 3D
      interpolateGrouped<3, 8>(level, cell, t, mask, v);
    else if (level.dim == 2)
      interpolateGrouped<2, 0>(level, cell, t, mask, v);
    else
      interpolateGrouped<3, 0>(level, cell, t, mask, v);
    return kDoneGrouped;
  }
  if (s != kSmooth) return kNeedsNodes;
  if (level.dim == 2)
    interpolateCubic<2>(level, cell, t, v);
  else
    interpolateCubic<3>(level, cell, t, v);
  return kDone;
}

}  // namespace

ExactTailGrid::ExactTailGrid() = default;
ExactTailGrid::~ExactTailGrid() = default;

std::int64_t ExactTailGrid::knownNodes() const {
  std::int64_t n = 0;
  for (const auto& l : m_levels) n += l->known;
  return n;
}

void ExactTailGrid::reset(const GridGeometry& fine, double h, double cellsPerBandwidth,
                          double reach, int groups) {
  if (groups < 0 || groups > kMaxTailGroups)
    throw std::invalid_argument("ExactTailGrid: groups must be 0.." +
                                std::to_string(kMaxTailGroups));
  m_dim = fine.dim;
  m_groups = groups;
  m_h = h;
  m_levels.clear();
  if (m_dim != 2 && m_dim != 3) return;
  for (int level = 0, scale = 1; level < kLevels; ++level, scale *= kRefinement) {
    auto l = std::make_unique<Level>();
    l->dim = m_dim;
    l->spacing = h / cellsPerBandwidth / scale;
    l->inverse = 1.0 / l->spacing;
    l->blockNodes = power(kBlock, m_dim);
    l->groups = groups;
    for (int k = 0; k < m_dim; ++k) {
      l->origin[k] = fine.origin[k] - reach;
      const double extent = (fine.queryNodes[k] - 1) * fine.spacing + 2.0 * reach;
      const int coarse = static_cast<int>(std::ceil(extent * cellsPerBandwidth / h)) + 1;
      l->nodes[k] = (coarse - 1) * scale + 1;
      l->blocks[k] = (l->nodes[k] + kBlock - 1) / kBlock;
    }
    m_levels.push_back(std::move(l));
  }
}

bool ExactTailGrid::answerFromCache(const double* q, double logCeiling, double& logSum,
                                    double* mean) const {
  double v[1 + kMaxGridDim];
  for (const auto& level : m_levels) {  // down the levels while the cells are rough
    if (level->directory.empty()) return false;
    const unsigned char status = lookup(*level, q, v);
    if (status == kToRefine) continue;
    if (!answered(status) || !(v[0] < logCeiling)) return false;
    logSum = v[0];
    for (int k = 0; k < m_dim; ++k) mean[k] = v[1 + k];
    return true;
  }
  return false;
}

std::vector<Eigen::Index> ExactTailGrid::evaluate(const Kernel& kernel, ConstPointRef queries,
                                                  const std::vector<Eigen::Index>& rows,
                                                  const CellPrunedSums& exact, KernelSums& out) {
  m_lastAnswered.fill(0);
  m_lastGrouped = 0;
  std::vector<Eigen::Index> exactRows;
  if (m_levels.empty()) return rows;
  if (exact.groups() != m_groups)
    throw std::invalid_argument("ExactTailGrid: exact sums have " + std::to_string(exact.groups()) +
                                " source groups, the grid " + std::to_string(m_groups));
  std::vector<std::size_t> todo(rows.size());
  std::iota(todo.begin(), todo.end(), std::size_t(0));
  for (int level = 0; level < kLevels && !todo.empty(); ++level)
    evaluateLevel(level, kernel, queries, rows, todo, exact, out, exactRows);
  for (std::size_t r : todo) exactRows.push_back(rows[r]);  // rough at the finest level
  std::sort(exactRows.begin(), exactRows.end());
  return exactRows;
}

void ExactTailGrid::evaluateLevel(int levelIndex, const Kernel& kernel, ConstPointRef queries,
                                  const std::vector<Eigen::Index>& rows,
                                  std::vector<std::size_t>& todo, const CellPrunedSums& exact,
                                  KernelSums& out, std::vector<Eigen::Index>& exactRows) {
  Level& level = *m_levels[levelIndex];
  const int d = m_dim;
  if (!level.ready()) return;  // todo stays: summed exactly by the caller
  const auto answer = [&](std::size_t r) -> unsigned char {
    double v[1 + kMaxGridDim];
    const unsigned char status = lookup(level, queries.data() + rows[r] * d, v);
    if (answered(status)) {
      out.logSum[rows[r]] = v[0];
      for (int k = 0; k < d; ++k) out.mean(rows[r], k) = v[1 + k];
    }
    return status;
  };
  const std::ptrdiff_t count = static_cast<std::ptrdiff_t>(todo.size());
  std::vector<unsigned char> status(todo.size());
#pragma omp parallel for schedule(static)
  for (std::ptrdiff_t i = 0; i < count; ++i) status[i] = answer(todo[i]);

  // Serial: the cells that need nodes, most queried first, within this call's node budget.
  std::vector<std::pair<std::int64_t, std::size_t>> needs;  // (cell, index into todo)
  for (std::size_t i = 0; i < todo.size(); ++i) {
    if (status[i] == kOutside) exactRows.push_back(rows[todo[i]]);
    if (status[i] != kNeedsNodes) continue;
    int cell[kMaxGridDim];
    double t[kMaxGridDim];
    level.locate(queries.data() + rows[todo[i]] * d, cell, t);
    needs.emplace_back(level.linear(cell), i);
  }
  std::sort(needs.begin(), needs.end());
  std::vector<std::pair<std::size_t, std::size_t>> groups;  // [begin, end) in needs
  for (std::size_t i = 0; i < needs.size(); ++i)
    if (i == 0 || needs[i].first != needs[i - 1].first)
      groups.emplace_back(i, i + 1);
    else
      groups.back().second = i + 1;
  std::stable_sort(groups.begin(), groups.end(), [](const auto& a, const auto& b) {
    return a.second - a.first > b.second - b.first;
  });
  const std::size_t budget = std::max(kMinNodeBudget, kNodesPerQuery * needs.size());
  std::unordered_set<std::int64_t> requested;
  std::vector<std::array<int, kMaxGridDim>> newNodes;
  std::vector<std::array<int, kMaxGridDim>> cells;  // accepted cells
  std::vector<std::size_t> retry;                   // indices into todo
  const int boxNodes = power(kBox, d);
  for (const auto& [b, e] : groups) {
    int cell[kMaxGridDim];
    double t[kMaxGridDim];
    level.locate(queries.data() + rows[todo[needs[b].second]] * d, cell, t);
    std::vector<std::array<int, kMaxGridDim>> missing;
    for (int s = 0; s < boxNodes; ++s) {
      std::array<int, kMaxGridDim> a{};
      for (int k = d - 1, rest = s; k >= 0; --k, rest /= kBox) a[k] = cell[k] - 2 + rest % kBox;
      if (!level.isKnown(a.data()) && !requested.count(level.linear(a.data())))
        missing.push_back(a);
    }
    // Within the call's budget. Level 0's nodes are shared by many cells and calls: always
    // worth it. A finer level's cell only when its new nodes are few per query it serves now
    // (its later queries are a bonus): in 3D its 216 nodes rarely are. Else exact this call.
    if ((levelIndex > 0 && missing.size() > kNodesPerQuery * (e - b)) ||
        newNodes.size() + missing.size() > budget) {
      for (std::size_t i = b; i < e; ++i) exactRows.push_back(rows[todo[needs[i].second]]);
      continue;
    }
    for (const auto& a : missing) {
      requested.insert(level.linear(a.data()));
      newNodes.push_back(a);
    }
    cells.push_back({cell[0], cell[1], d == 3 ? cell[2] : 0});
    for (std::size_t i = b; i < e; ++i) retry.push_back(needs[i].second);
  }

  if (!newNodes.empty()) {  // exact sums at the new nodes, stored (blocks allocated) serially
    PointSet at(static_cast<Eigen::Index>(newNodes.size()), d);
    for (std::size_t r = 0; r < newNodes.size(); ++r)
      for (int k = 0; k < d; ++k) at(r, k) = level.origin[k] + newNodes[r][k] * level.spacing;
    std::vector<Eigen::Index> all(newNodes.size());
    std::iota(all.begin(), all.end(), Eigen::Index(0));
    KernelSums sums;
    std::vector<KernelSums> perGroup;
    sums.resize(at.rows(), d);
    if (level.groups > 0)
      exact.groupedSums(kernel, at, all, sums, perGroup);
    else
      exact.sums(kernel, at, all, sums);
    for (std::size_t r = 0; r < newNodes.size(); ++r) {
      const std::int64_t slot = level.slotOf(newNodes[r].data());
      const std::int64_t node = slot * level.blockNodes + level.offset(newNodes[r].data());
      double* v = level.values.data() + node * (1 + d);
      v[0] = sums.logSum[r];
      for (int k = 0; k < d; ++k) v[1 + k] = sums.mean(r, k);
      for (int g = 0; g < level.groups; ++g) {
        double* gv = level.groupValues.data() + (node * level.groups + g) * (1 + d);
        gv[0] = perGroup[g].logSum[r];
        for (int k = 0; k < d; ++k) gv[1 + k] = perGroup[g].mean(r, k);
      }
    }
    level.known += static_cast<std::int64_t>(newNodes.size());
  }
  const std::ptrdiff_t cellCount = static_cast<std::ptrdiff_t>(cells.size());
#pragma omp parallel for schedule(static)
  for (std::ptrdiff_t c = 0; c < cellCount; ++c) {
    const int* cell = cells[c].data();
    std::uint16_t mask = 0;
    const unsigned char s = d == 2 ? cellSmoothness<2>(level, cell, m_h, mask)
                                   : cellSmoothness<3>(level, cell, m_h, mask);
    // The cell's lowest node is in its own box, hence computed: its block exists.
    const std::int32_t slot = level.directory[level.blockIndex(cell)];
    level.status[std::int64_t(slot) * level.blockNodes + level.offset(cell)] = s;
    if (s == kGrouped)
      level.masks[std::int64_t(slot) * level.blockNodes + level.offset(cell)] = mask;
  }
  const std::ptrdiff_t retries = static_cast<std::ptrdiff_t>(retry.size());
#pragma omp parallel for schedule(static)
  for (std::ptrdiff_t i = 0; i < retries; ++i) status[retry[i]] = answer(todo[retry[i]]);

  std::vector<std::size_t> next;
  for (std::size_t i = 0; i < todo.size(); ++i) {
    if (status[i] == kToRefine) next.push_back(todo[i]);
    if (answered(status[i])) ++m_lastAnswered[levelIndex];
    if (status[i] == kDoneGrouped) ++m_lastGrouped;
  }
  todo.swap(next);
}

}  // namespace driftlab
