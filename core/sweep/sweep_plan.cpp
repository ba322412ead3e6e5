#include "sweep/sweep_plan.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "base/input_error.h"
#include "engine/simulation.h"
#include "registry/registry.h"

namespace driftlab {

namespace {

/// Scalar entries only: vectors (means, centres) are sized for the scene's dim.
ParamSet scalarParams(const ParamSet& params) {
  ParamSet out;
  for (const auto& [key, value] : params.values())
    if (!std::holds_alternative<std::vector<double>>(value)) out.set(key, value);
  return out;
}

/// The bandwidth entries of the scene's flow carried over to another flow that has them.
ParamSet paramsForFlow(const SceneConfig& base, const std::string& flow) {
  if (flow == base.flowName) return base.flowParams;
  ParamSet out;
  for (const auto& spec : flows().require(flow, "--flows").params)
    if ((spec.key == "bandwidth" || spec.key == "bandwidth_mode") && base.flowParams.has(spec.key))
      out.set(spec.key, base.flowParams.values().at(spec.key));
  return out;
}

}  // namespace

std::vector<SweepJob> planSweep(const SceneConfig& base, const SweepAxes& axes) {
  const auto flowList = axes.flows.empty() ? std::vector<std::string>{base.flowName} : axes.flows;
  const auto dimList = axes.dims.empty() ? std::vector<int>{base.dim} : axes.dims;
  const auto hList = axes.bandwidths.empty() ? std::vector<double>{0.0} : axes.bandwidths;
  const auto nList =
      axes.particles.empty() ? std::vector<std::int64_t>{base.particles} : axes.particles;
  for (const auto& f : flowList) flows().require(f, "--flows");
  for (int d : dimList)
    if (d < 1 || d > 8) throw InputError("--dims", "got " + std::to_string(d), "integers 1..8");
  for (double h : hList)
    if (!(h >= kMinBandwidth && std::isfinite(h)) && !axes.bandwidths.empty())
      throw InputError("--bandwidths", "got " + formatNumber(h),
                       "numbers >= " + formatNumber(kMinBandwidth));
  if (axes.seeds < 1) throw InputError("--seeds", "got " + std::to_string(axes.seeds), ">= 1");
  if (std::set(nList.begin(), nList.end()).size() < 2 &&
      std::set(hList.begin(), hList.end()).size() < 2 &&
      std::set(dimList.begin(), dimList.end()).size() < 2 &&
      std::set(flowList.begin(), flowList.end()).size() < 2)
    throw InputError("--particles",
                     "needs at least 2 values (or a sweep over --bandwidths, "
                     "--dims or --flows)",
                     "a comma-separated list of N");
  std::vector<SweepJob> jobs;
  for (const auto& f : flowList)
    for (int d : dimList)
      for (std::int64_t n : nList)
        for (double h : hList)
          for (int k = 0; k < axes.seeds; ++k)
            jobs.push_back({int(jobs.size()), f, d, n, h, base.seed + std::uint64_t(k)});
  return jobs;
}

std::vector<SweepJob> shardJobs(const std::vector<SweepJob>& jobs, int shard, int shards) {
  std::vector<SweepJob> out;
  for (const auto& j : jobs)
    if (j.index % shards == shard) out.push_back(j);
  return out;
}

SceneConfig sceneForJob(const SceneConfig& base, const SweepJob& job, double bandwidthConstant,
                        bool samplesFollowN) {
  SceneConfig s = base;
  s.particles = job.particles;
  s.seed = job.seed;
  if (samplesFollowN) s.samples = job.particles;
  s.flowParams = paramsForFlow(base, job.flow);
  s.flowName = job.flow;
  if (job.dim != base.dim) {
    s.dim = job.dim;
    const TargetInfo& t = targets().require(s.targetName, "target.name");
    if (t.dim != 0 && t.dim != job.dim) {
      s.targetName = "gaussian";
      s.targetParams = {};
    } else {
      s.targetParams = scalarParams(s.targetParams);
    }
    s.initParams = scalarParams(s.initParams);
  }
  validateScene(s);
  double h = job.bandwidth;
  if (h <= 0.0 && bandwidthConstant > 0.0)
    h = bandwidthConstant * std::pow(double(job.particles), -1.0 / (s.dim + 4));
  if (h > 0.0) {
    // Keep eta / h^2 from growing so that Euler stays as stable as in the scene while h shrinks.
    const double h0 = Simulation(s).bandwidth();
    s.flowParams.set("bandwidth", h);
    s.flowParams.set("bandwidth_mode", std::string("absolute"));
    s.eta *= std::min(1.0, (h / h0) * (h / h0));
    validateScene(s);
  }
  return s;
}

}  // namespace driftlab
