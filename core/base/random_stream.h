#pragma once
/// Counter-based random streams keyed by (seed, purpose, index).
///
/// Every particle and every data sample draws from its own stream, keyed by its
/// index, so that raising N leaves the existing particles unchanged and results do
/// not depend on the number of threads.
#include <cmath>
#include <cstdint>

namespace driftlab {

/// Purposes keep the streams of different consumers independent.
enum class StreamPurpose : std::uint64_t {
  kInitialCloud = 1,
  kTargetSample = 2,
  kTargetShape = 3,
  kDiagnostic = 4,
  kResample = 5,
};

/// SplitMix64-based generator; cheap to construct, one per item.
class RandomStream {
 public:
  RandomStream(std::uint64_t seed, StreamPurpose purpose, std::uint64_t index,
               std::uint64_t epoch = 0);

  std::uint64_t nextU64();
  /// Uniform in (0, 1): never exactly 0 or 1.
  double uniform();
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  /// Standard normal (Box-Muller; caches the second value).
  double normal();
  /// Integer in [0, n).
  std::uint64_t below(std::uint64_t n) { return nextU64() % n; }

 private:
  std::uint64_t m_state;
  double m_spare = 0.0;
  bool m_hasSpare = false;
};

}  // namespace driftlab
