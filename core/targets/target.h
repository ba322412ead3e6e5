#pragma once
/// Target distributions p and initial clouds: samplers driven by per-index random streams.
#include <cstdint>
#include <memory>
#include <vector>

#include "base/point_set.h"
#include "base/random_stream.h"

namespace driftlab {

class GaussianMixture;

/// Axis-aligned box in d dimensions.
struct Bounds {
  std::vector<double> lo, hi;
};

/// A target distribution p in a fixed dimension.
class Target {
 public:
  virtual ~Target() = default;
  virtual int dim() const = 0;
  /// Draws one sample from `rng` into out[0..dim).
  virtual void sampleOne(RandomStream& rng, double* out) const = 0;
  /// The exact mixture for Gaussian-mixture targets (exact density and score); else nullptr.
  virtual const GaussianMixture* mixture() const { return nullptr; }
  /// A box holding most of the mass, for views and grids.
  virtual Bounds bounds() const = 0;
};

/// The initial law of the particles.
class InitialCloud {
 public:
  virtual ~InitialCloud() = default;
  virtual void sampleOne(RandomStream& rng, double* out) const = 0;
};

/// Samples rows [first, first + count) of the target's index-keyed stream: row j depends
/// only on (seed, j, epoch), so growing M keeps the earlier samples.
PointSet sampleTarget(const Target& target, Eigen::Index count, std::uint64_t seed,
                      std::uint64_t epoch = 0, Eigen::Index first = 0);
/// Same for the initial cloud in dimension `dim`.
PointSet sampleCloud(const InitialCloud& cloud, int dim, Eigen::Index count, std::uint64_t seed,
                     Eigen::Index first = 0);

}  // namespace driftlab
