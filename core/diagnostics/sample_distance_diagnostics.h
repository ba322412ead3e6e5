#pragma once
#include <cstdint>

#include "base/point_set.h"
#include "registry/registry.h"

namespace driftlab {

/// sliced_w2: sliced 2-Wasserstein distance between the particles and a fresh target sample
/// of the same size (at most 20000 points of each, 64 fixed random directions), every 10
/// steps.
DiagnosticInfo slicedWassersteinDiagnosticInfo();

/// mmd2: unbiased MMD^2 (two_sample_statistics.h) between the particles and a fresh target
/// sample, Gaussian kernel summed over mmdBandwidths(fresh sample); energy: the energy
/// distance U-statistic between the same two sets. Both on at most kSampleDistanceCap points of
/// each (particles evenly strided), every 10 steps.
DiagnosticInfo mmd2DiagnosticInfo();
DiagnosticInfo energyDiagnosticInfo();
constexpr Eigen::Index kSampleDistanceCap = 2000;

/// sliced W2 between two equal-size point sets over `directions` random unit directions
/// drawn from `seed`. A: n x d, B: n x d.
double slicedWasserstein2(ConstPointRef A, ConstPointRef B, int directions, std::uint64_t seed);

}  // namespace driftlab
