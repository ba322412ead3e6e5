#pragma once
/// A sweep is a list of jobs (flow, dim, N, h, seed) in a fixed order; shards, plans, resumed
/// runs and merged CSVs all refer to a job by its index in this list.
#include <cstdint>
#include <string>
#include <vector>

#include "scene/scene_config.h"

namespace driftlab {

/// The axes of a sweep; an empty list keeps the scene's value.
struct SweepAxes {
  std::vector<std::string> flows;       ///< flow ids (registry)
  std::vector<int> dims;                ///< 1..8
  std::vector<std::int64_t> particles;  ///< N values
  std::vector<double> bandwidths;       ///< absolute h values (a sweep over h at fixed N)
  int seeds = 3;                        ///< seeds base.seed, base.seed + 1, ...
};

struct SweepJob {
  int index = 0;  ///< position in the full list (the CSV's row order)
  std::string flow;
  int dim = 2;
  std::int64_t particles = 0;
  double bandwidth = 0.0;  ///< requested absolute h; 0: c N^(-1/(d+4)) if c > 0, else the scene's
  std::uint64_t seed = 0;
};

/// Every job, ordered flow, dim, N, h, seed (the last varies fastest). Throws InputError for
/// unknown flows, dims outside 1..8, or a sweep with nothing to compare (one job per seed).
std::vector<SweepJob> planSweep(const SceneConfig& base, const SweepAxes& axes);

/// The jobs of shard i of n: those whose index k has k mod n == i.
std::vector<SweepJob> shardJobs(const std::vector<SweepJob>& jobs, int shard, int shards);

/// The scene a job runs: base with the job's flow, dim, N (and M = N when samplesFollowN),
/// seed and bandwidth (h = c N^(-1/(d+4)) when `bandwidthConstant` > 0 and the job has none).
/// A new bandwidth scales eta by min(1, (h / h_scene)^2) so Euler stays as stable as in the
/// scene. A dim the scene's target does not have switches to the isotropic `gaussian` target.
/// Returns a validated scene; throws InputError if the combination is not valid.
SceneConfig sceneForJob(const SceneConfig& base, const SweepJob& job, double bandwidthConstant,
                        bool samplesFollowN);

}  // namespace driftlab
