#pragma once
/// When each step of a tour applies, on the tour's clock: the simulation steps run since the
/// tour started (the engine's own step index restarts at 0 when a step starts a fresh run; the
/// clock does not). Pure logic, shared by the window's player and the offline recorder.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "tour/tour.h"

namespace driftlab {

struct ScheduledTourStep {
  std::int64_t applyAt = 0;  ///< clock value at which the step's change applies
  std::int64_t endAt = 0;    ///< clock value at which the next step (or the end) comes
  bool wait = false;         ///< at endAt, wait for Next (the offline recorder: a pause)
};

struct TourSchedule {
  std::vector<ScheduledTourStep> steps;
  std::int64_t endStep = 0;  ///< the clock value at which the tour ends (or loops)
};

/// Steps that set neither the end nor a last step's length run this long at the end.
inline constexpr std::int64_t kDefaultLastStepLength = 150;

/// applyAt[i] = at_step, or applyAt[i-1] + run_steps (applyAt[-1] = 0); the first step
/// applies at 0 when it gives neither. The end is `end_step`, else the last step's applyAt +
/// kDefaultLastStepLength. parseTour has checked that the values never decrease.
TourSchedule scheduleTour(const Tour& tour);

/// The index of the step shown at clock value `clock` (the last one applied by then); 0
/// before the first applies.
std::size_t tourStepAt(const TourSchedule& schedule, std::int64_t clock);

}  // namespace driftlab
