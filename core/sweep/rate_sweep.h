#pragma once
/// Rate experiments: how the time-averaged root residual velocity falls with N, against the
/// theory's N^(-1/(d+4)) (finite-particle convergence rates, SPEC §3).
#include <cstdint>
#include <functional>
#include <vector>

#include "scene/scene_config.h"

namespace driftlab {

struct SweepConfig {
  SceneConfig base;                     ///< validated; N, seed, bandwidth and M are overridden
  std::vector<std::int64_t> particles;  ///< N values (a log grid)
  int seeds = 3;                        ///< seeds base.seed, base.seed + 1, ...
  double time = 5.0;                    ///< run to time T (steps = ceil(T / eta))
  double bandwidthConstant = 0.0;       ///< h = c N^(-1/(d+4)); 0 keeps the scene's bandwidth
  bool samplesFollowN = true;           ///< M = N (else the scene's M)
  double averageFrom =
      0.5;  ///< average the root residual over [averageFrom T, T] (past the transient)
};

struct SweepPoint {
  std::int64_t particles = 0;
  std::uint64_t seed = 0;
  double bandwidth = 0.0;
  double meanRootResidual = 0.0;  ///< time average of sqrt(residual) over [averageFrom T, T]
  double eta = 0.0;               ///< the step size used
  double finalRootResidual = 0.0;
};

/// Least-squares fit log r = a + b log N with a 95% confidence interval on b.
struct SlopeFit {
  double slope = 0.0, intercept = 0.0, slopeLow = 0.0, slopeHigh = 0.0;
  double theory = 0.0;  ///< -1/(d+4)
  int points = 0;
};

/// Runs every (N, seed); `progress` (optional) is called after each run.
std::vector<SweepPoint> runSweep(const SweepConfig& config,
                                 const std::function<void(const SweepPoint&)>& progress = {});
/// Fits the log-log slope over all points. Needs at least 3 points with 2 distinct N.
SlopeFit fitLogLogSlope(const std::vector<SweepPoint>& points, int dim);
/// Two-sided 97.5% quantile of Student's t with `dof` degrees of freedom.
double studentT975(int dof);

}  // namespace driftlab
