#include "evaluators/source_groups.h"

#include <algorithm>
#include <numeric>

namespace driftlab {

namespace {

/// Splits rows [begin, end) of `order` (indices into points) in place, `levels` more times,
/// appending each leaf's [begin, end) to `leaves` in tree order.
void splitRange(ConstPointRef points, std::vector<Eigen::Index>& order, std::size_t begin,
                std::size_t end, int levels,
                std::vector<std::pair<std::size_t, std::size_t>>& leaves) {
  if (levels == 0) {
    leaves.emplace_back(begin, end);
    return;
  }
  const Eigen::Index d = points.cols();
  int axis = 0;
  double widest = -1.0;
  for (Eigen::Index k = 0; k < d; ++k) {
    double lo = points(order[begin], k), hi = lo;
    for (std::size_t r = begin; r < end; ++r) {
      lo = std::min(lo, points(order[r], k));
      hi = std::max(hi, points(order[r], k));
    }
    if (hi - lo > widest) {
      widest = hi - lo;
      axis = static_cast<int>(k);
    }
  }
  // Sorted along the axis (total order: coordinate, then row index, so the cut does not
  // depend on the input order); the cut is the widest gap between consecutive points in the
  // middle half of the ranks (ties: the lowest), so it runs between clusters where there are
  // any, and each side keeps at least a quarter of the points.
  std::sort(order.begin() + begin, order.begin() + end, [&](Eigen::Index a, Eigen::Index b) {
    const double u = points(a, axis), v = points(b, axis);
    return u < v || (u == v && a < b);
  });
  const std::size_t count = end - begin, quarter = std::max<std::size_t>(1, count / 4);
  std::size_t mid = begin + quarter;
  double gap = -1.0;
  for (std::size_t r = begin + quarter; r <= end - quarter; ++r) {
    const double g = points(order[r], axis) - points(order[r - 1], axis);
    if (g > gap) {
      gap = g;
      mid = r;
    }
  }
  std::sort(order.begin() + begin, order.begin() + mid);  // row order within each side
  std::sort(order.begin() + mid, order.begin() + end);
  splitRange(points, order, begin, mid, levels - 1, leaves);
  splitRange(points, order, mid, end, levels - 1, leaves);
}

}  // namespace

int kdGroupCount(Eigen::Index m, int levels) {
  if (levels < 1 || levels > 8) return 0;
  // Each cut leaves at least a quarter of the points on either side.
  const Eigen::Index needed = Eigen::Index(1) << (2 * levels);
  return m >= needed ? 1 << levels : 0;
}

std::vector<PointSet> kdSplit(ConstPointRef points, int levels) {
  std::vector<PointSet> groups;
  if (kdGroupCount(points.rows(), levels) == 0) return groups;
  std::vector<Eigen::Index> order(points.rows());
  std::iota(order.begin(), order.end(), Eigen::Index(0));
  std::vector<std::pair<std::size_t, std::size_t>> leaves;
  splitRange(points, order, 0, order.size(), levels, leaves);
  for (const auto& [b, e] : leaves) {
    PointSet g(static_cast<Eigen::Index>(e - b), points.cols());
    for (std::size_t r = b; r < e; ++r)
      g.row(static_cast<Eigen::Index>(r - b)) = points.row(order[r]);
    groups.push_back(std::move(g));
  }
  return groups;
}

}  // namespace driftlab
