#include "sweep/rate_sweep.h"

#include <cmath>

#include "base/input_error.h"
#include "engine/simulation.h"

namespace driftlab {

namespace {

double rootMeanSquaredSpeed(const PointSet& V) {
  return V.rows() > 0 ? std::sqrt(V.rowwise().squaredNorm().sum() / double(V.rows())) : 0.0;
}

}  // namespace

std::optional<SweepPoint> runSweepJob(const SweepConfig& config, const SweepJob& job,
                                      const std::atomic<bool>* cancel) {
  const SceneConfig scene =
      sceneForJob(config.base, job, config.bandwidthConstant, config.samplesFollowN);
  Simulation sim(scene);
  StationarityMonitor monitor(config.stationarity);
  // The step control may take steps shorter than eta; the guard only stops a run whose steps
  // shrink without end.
  const auto maxSteps =
      static_cast<std::int64_t>(std::ceil(config.stationarity.maxTime / scene.eta)) * 1000;
  double value = rootMeanSquaredSpeed(sim.velocities());
  std::int64_t steps = 0;
  while (!monitor.done() && steps < maxSteps) {
    if (cancel && cancel->load(std::memory_order_relaxed)) return std::nullopt;
    const double before = sim.time();
    sim.step();
    ++steps;
    value = rootMeanSquaredSpeed(sim.velocities());
    monitor.record(before, sim.time(), value);
  }
  SweepPoint p;
  p.job = job.index;
  p.flow = job.flow;
  p.dim = job.dim;
  p.particles = job.particles;
  p.requestedBandwidth = job.bandwidth;
  p.seed = job.seed;
  p.bandwidth = sim.bandwidth();
  p.eta = scene.eta;
  p.meanRootResidual = monitor.stationaryValue();
  p.halfTimeRootResidual = monitor.halfTimeValue();
  p.finalRootResidual = value;
  p.stopTime = monitor.stopTime();
  p.steps = steps;
  p.converged = monitor.converged();
  return p;
}

std::vector<SweepPoint> runSweep(const SweepConfig& config,
                                 const std::function<void(const SweepPoint&)>& progress,
                                 const std::atomic<bool>* cancel,
                                 const std::vector<SweepJob>* jobs) {
  validateStationarityRule(config.stationarity);
  const std::vector<SweepJob> all = jobs ? *jobs : planSweep(config.base, config.axes);
  std::vector<SweepPoint> out;
  for (const SweepJob& job : all) {
    auto p = runSweepJob(config, job, cancel);
    if (!p) break;
    out.push_back(std::move(*p));
    if (progress) progress(out.back());
  }
  return out;
}

SlopeFit fitLogLogSlope(const std::vector<SweepPoint>& points, int dim) {
  std::vector<double> x, r;
  for (const auto& p : points) x.push_back(double(p.particles)), r.push_back(p.meanRootResidual);
  SlopeFit fit = fitLogLog(x, r);
  fit.theory = -1.0 / (dim + 4);
  return fit;
}

}  // namespace driftlab
