#pragma once
/// Rate experiments: how the stationary root residual velocity falls with N, against the
/// theory's N^(-1/(d+4)) (finite-particle convergence rates, SPEC §3). Each job (flow, dim, N,
/// h, seed) runs until the root residual is stationary (stationarity.h), not to a fixed time.
#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "scene/scene_config.h"
#include "sweep/slope_statistics.h"
#include "sweep/stationarity.h"
#include "sweep/sweep_plan.h"

namespace driftlab {

struct SweepConfig {
  SceneConfig base;  ///< validated; flow, dim, N, seed, bandwidth and M are overridden per job
  SweepAxes axes;
  StationarityRule stationarity;
  double bandwidthConstant = 0.0;  ///< h = c N^(-1/(d+4)); 0 keeps the scene's bandwidth
  bool samplesFollowN = true;      ///< M = N (else the scene's M)
};

/// One finished job: the job's fields, then what the run measured.
struct SweepPoint {
  int job = 0;
  std::string flow;
  int dim = 2;
  std::int64_t particles = 0;
  double requestedBandwidth = 0.0;  ///< SweepJob::bandwidth
  std::uint64_t seed = 0;
  double bandwidth = 0.0;             ///< the h used (absolute)
  double eta = 0.0;                   ///< the step size used
  double meanRootResidual = 0.0;      ///< stationary value: average over [T_stop - W, T_stop]
  double halfTimeRootResidual = 0.0;  ///< average over [T_stop/2 - W, T_stop/2]
  double finalRootResidual = 0.0;     ///< at T_stop
  double stopTime = 0.0;              ///< T_stop, simulated time
  std::int64_t steps = 0;
  bool converged = false;  ///< the stationarity rule was met before maxTime
};

/// Runs one job to stationarity (or maxTime). `cancel`, checked before every step, returns
/// std::nullopt within one step once set.
std::optional<SweepPoint> runSweepJob(const SweepConfig& config, const SweepJob& job,
                                      const std::atomic<bool>* cancel = nullptr);

/// Runs `jobs` (default: the whole plan) in order; `progress` (optional) is called after each.
/// Stops early, returning the finished points, when `cancel` is set.
std::vector<SweepPoint> runSweep(const SweepConfig& config,
                                 const std::function<void(const SweepPoint&)>& progress = {},
                                 const std::atomic<bool>* cancel = nullptr,
                                 const std::vector<SweepJob>* jobs = nullptr);

/// Pooled log-log fit of meanRootResidual against N over all points (every seed a point), with
/// the theory's -1/(d+4). Needs at least 3 points with 2 distinct N.
SlopeFit fitLogLogSlope(const std::vector<SweepPoint>& points, int dim);

}  // namespace driftlab
