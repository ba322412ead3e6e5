#pragma once
/// Two-sample distances between point sets: unbiased MMD^2 and the energy distance, exact
/// O((n + m)^2) pair sums (callers subsample to bound the cost).
#include <vector>

#include "base/point_set.h"

namespace driftlab {

/// Unbiased MMD^2 between A (n x d) and B (m x d), n >= 1, m >= 2, with the kernel
/// k(a, b) = sum_l exp(-|a - b|^2 / (2 s_l^2)) over the bandwidths s_l > 0:
///   1/(n(n-1)) sum_{i != i'} k(a_i, a_i') + 1/(m(m-1)) sum_{j != j'} k(b_j, b_j')
///   - 2/(nm) sum_{i, j} k(a_i, b_j).
/// Its mean is MMD^2 of the two laws (0 when they agree): it can be slightly negative. For
/// n = 1 (likewise in energyDistance) A's law is its one point: the within-A mean is k(a, a).
/// Throws std::invalid_argument for other sizes or mismatched dimensions.
double mmd2Unbiased(ConstPointRef A, ConstPointRef B, const std::vector<double>& bandwidths);

/// Energy distance, U-statistic form (unbiased for 2E|X - Y| - E|X - X'| - E|Y - Y'|):
///   2/(nm) sum_{i, j} |a_i - b_j| - 1/(n(n-1)) sum_{i != i'} |a_i - a_i'|
///   - 1/(m(m-1)) sum_{j != j'} |b_j - b_j'|.  A: n x d, B: m x d, n >= 1, m >= 2.
double energyDistance(ConstPointRef A, ConstPointRef B);

/// Median of the pairwise distances within an evenly strided subset of at most maxPoints rows
/// of A (the median heuristic's bandwidth); 0 for fewer than 2 rows.
double medianPairwiseDistance(ConstPointRef A, Eigen::Index maxPoints = 512);

/// The bandwidths of the mmd2 diagnostic: {1/8, 1/4, 1/2, 1, 2} x medianPairwiseDistance(
/// reference) (1 instead of a zero or non-finite median). The median heuristic alone is blind
/// to mode structure (8gaussians vs 25gaussians, 500 points each: 2 null sd with
/// {1/2, 1, 2}, 21 with these five), so the sum reaches down to mode scale.
std::vector<double> mmdBandwidths(ConstPointRef reference);

/// At most `cap` rows of X, evenly strided (all of X when it has no more than cap rows).
PointSet stridedSubset(ConstPointRef X, Eigen::Index cap);

}  // namespace driftlab
