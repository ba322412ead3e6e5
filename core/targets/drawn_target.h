#pragma once
/// The `drawn` target (2D): points the user paints in the GUI (Draw target tool), stored in
/// the scene as target.points = [[x, y], ...]. A sample is a uniformly chosen painted point
/// plus Gaussian noise of standard deviation `jitter`. Default points: a heart outline.
#include "registry/registry.h"

namespace driftlab {

/// Most painted points a scene may hold.
inline constexpr std::size_t kMaxDrawnPoints = 100000;

/// The default painting (flat x0, y0, x1, y1, ...): a heart outline of 160 points.
std::vector<double> defaultDrawnPoints();

TargetInfo drawnTargetInfo();

}  // namespace driftlab
