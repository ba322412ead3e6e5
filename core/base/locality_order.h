#pragma once
/// Locality order for point sets: rows sorted along the Z-curve (Morton order) of their
/// positions, so that rows close in memory are close in space. Grid lookups for consecutive
/// particles (the FFT backend's particle grid and exact tail grid) then touch nearby memory;
/// see README "Performance" for the measured effect on a million particles.
#include <vector>

#include "base/point_set.h"

namespace driftlab {

/// A permutation of the rows: by the Z-curve key of each point in the points' bounding box
/// (floor(63 / dim) bits per axis, at most 21), ties by row index; non-finite coordinates
/// count as the box's lower corner. Deterministic; independent of the thread count.
std::vector<Eigen::Index> zCurveOrder(ConstPointRef points);

/// Reorders the rows of `points` by zCurveOrder.
void sortAlongZCurve(PointSet& points);

}  // namespace driftlab
