#pragma once
#include <cstdint>

#include "base/point_set.h"
#include "registry/registry.h"

namespace driftlab {

/// sliced_w2: sliced 2-Wasserstein distance between the particles and a fresh target sample
/// of the same size (at most 20000 points of each, 64 fixed random directions), every 10
/// steps.
DiagnosticInfo slicedWassersteinDiagnosticInfo();

/// sliced W2 between two equal-size point sets over `directions` random unit directions
/// drawn from `seed`. A: n x d, B: n x d.
double slicedWasserstein2(ConstPointRef A, ConstPointRef B, int directions, std::uint64_t seed);

}  // namespace driftlab
