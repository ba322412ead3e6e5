#pragma once
/// Source groups for the tail grid: the leaves of a k-d tree over a source set. Far from the
/// data, a kernel sum's weighted mean switches between distant parts of the data within
/// ~h^2 / (their distance); each compact group's own sum stays smooth there, so the tail grid
/// can interpolate the groups apart and combine them exactly (exact_tail_grid.h).
#include <vector>

#include "base/point_set.h"

namespace driftlab {

/// Splits `points` (m x d, finite) into 2^levels groups by recursive cuts, each along the
/// widest axis of its group's bounding box (ties: the lowest axis), at the widest gap between
/// consecutive points within the middle half of the ranks: between clusters where the data
/// has them (a median cut would slice a cluster whenever the clusters' counts differ), and
/// every side keeps at least a quarter of its parent's points. Rows keep their relative order
/// within a group. Deterministic and independent of the thread count. Empty when
/// kdGroupCount(m, levels) is 0.
std::vector<PointSet> kdSplit(ConstPointRef points, int levels);

/// The number of groups kdSplit makes for m points: 2^levels for levels 1..8 when
/// m >= 4^levels (every group then gets a point), else 0: not grouped (levels 0, or too few
/// points to split).
int kdGroupCount(Eigen::Index m, int levels);

}  // namespace driftlab
