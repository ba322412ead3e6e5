#pragma once
/// Exact Gaussian kernel sums for queries outside a box that holds the bulk of the sources
/// (the FFT backend's trimmed particle outliers): each query is summed only over the sources
/// in a slab along the axis where it lies farthest outside the box, skipping sources too far
/// along that axis to matter. Queries sharing an axis and side share one slab.
///
/// Skipped sources are more than R from the query, R^2 = 2 h^2 (kSlabSkippedLog + log m), so
/// each skipped term is below e^-kSlabSkippedLog / m; a query whose slab sum is below e^-10
/// (no source within ~4.5 h: then the skipped terms could matter) is summed over all sources.
/// The skipped terms total less than e^-40 of the sum: the result is the exact stabilised sum
/// in double precision.
#include <vector>

#include "evaluators/kernel_sum_backend.h"
#include "evaluators/outlier_trim.h"

namespace driftlab {

inline constexpr double kSlabSkippedLog = 50.0;

/// For queries[rows[r]] (Gaussian kernel), out.logSum and out.mean over `sources`; with
/// excludeSelf, query rows[r] leaves out source rows[r] (queries are then the sources).
/// Queries inside `box` (no axis to prune along) are summed over all sources.
void slabPrunedSums(const Kernel& kernel, ConstPointRef queries,
                    const std::vector<Eigen::Index>& rows, ConstPointRef sources,
                    const GridBox& box, bool excludeSelf, KernelSums& out);

}  // namespace driftlab
