#pragma once
/// What a sweep shows: its points grouped into series, one fit per series, the level means
/// with intervals, and the warnings a reader must see (slope still moving with time, seeds
/// that disagree, runs that never became stationary).
#include <string>
#include <vector>

#include "sweep/rate_sweep.h"

namespace driftlab {

/// The x axis of a sweep: N when the sweep has several N, else the requested bandwidth h.
enum class SweepAxis { Particles, Bandwidth };

/// One x value of a series: the runs over seeds.
struct SweepLevel {
  double x = 0.0;
  double mean = 0.0, low = 0.0, high = 0.0;  ///< mean of the values and its 95% t interval
  double maxOverMin = 1.0;                   ///< spread over seeds
  double meanStopTime = 0.0;
  int runs = 0, converged = 0;
};

/// A series: the runs that share everything but x and the seed.
struct SweepGroup {
  std::string flow;
  int dim = 2;
  double fixed = 0.0;  ///< the other level: requested h (N axis; 0 = scaled) or N (h axis)
  std::vector<SweepLevel> levels;
  bool fitted = false;    ///< >= 2 levels and >= 3 runs
  SlopeFit fit;           ///< pooled over all runs (each seed a point), t interval
  SlopeFit halfTimeFit;   ///< the same with the values measured at T_stop/2
  Interval bootstrap95;   ///< seeds resampled (bootstrapSlopeOverSeeds)
  SeedSlopes seedSlopes;  ///< each seed fitted alone
  std::vector<LocalSlope> local;
  std::vector<std::string> warnings;  ///< one line each
};

struct SweepSummary {
  SweepAxis axis = SweepAxis::Particles;
  std::vector<SweepGroup> groups;
  int jobs = 0, converged = 0;
};

/// Warns when the slope moves with time: |slope - halfTimeSlope| > kSlopeDriftFraction * |theory|
/// (N axis) or * max(|slope|, 0.05) (h axis).
inline constexpr double kSlopeDriftFraction = 0.1;
/// Warns when one level's values over seeds have max / min above this.
inline constexpr double kSeedSpreadLimit = 3.0;

/// Groups and fits `points` (any order; sorted by job inside).
SweepSummary summarizeSweep(std::vector<SweepPoint> points);

/// The summary as one line of JSON; a single group's fields are repeated at the top level.
std::string sweepSummaryJson(const SweepSummary& summary);

}  // namespace driftlab
