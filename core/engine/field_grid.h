#pragma once
#include "engine/snapshot.h"

namespace driftlab {

/// Samples the running field and the KDEs log p_h, log q_h on the requested grid (2D or
/// 3D; other dimensions get an empty grid).
FieldGrid sampleFieldGrid(Simulation& sim, const GridRequest& request);

/// The grid's points: resolution^dim rows, x fastest.
PointSet gridPoints(const std::vector<double>& lo, const std::vector<double>& hi, int resolution);

}  // namespace driftlab
