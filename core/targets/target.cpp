#include "targets/target.h"

namespace driftlab {

PointSet sampleTarget(const Target& target, Eigen::Index count, std::uint64_t seed,
                      std::uint64_t epoch, Eigen::Index first) {
  PointSet out(count, target.dim());
#pragma omp parallel for schedule(static)
  for (Eigen::Index j = 0; j < count; ++j) {
    RandomStream rng(seed, StreamPurpose::kTargetSample, static_cast<std::uint64_t>(first + j),
                     epoch);
    target.sampleOne(rng, out.row(j).data());
  }
  return out;
}

PointSet sampleCloud(const InitialCloud& cloud, int dim, Eigen::Index count, std::uint64_t seed,
                     Eigen::Index first) {
  PointSet out(count, dim);
#pragma omp parallel for schedule(static)
  for (Eigen::Index i = 0; i < count; ++i) {
    RandomStream rng(seed, StreamPurpose::kInitialCloud, static_cast<std::uint64_t>(first + i));
    cloud.sampleOne(rng, out.row(i).data());
  }
  return out;
}

}  // namespace driftlab
