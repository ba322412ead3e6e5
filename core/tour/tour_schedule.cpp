#include "tour/tour_schedule.h"

namespace driftlab {

TourSchedule scheduleTour(const Tour& tour) {
  TourSchedule out;
  std::int64_t previous = 0;
  for (const TourStep& step : tour.steps) {
    ScheduledTourStep s;
    s.applyAt = step.atStep ? *step.atStep : previous + step.runSteps.value_or(0);
    s.wait = step.advance == TourAdvance::kWait;
    previous = s.applyAt;
    out.steps.push_back(s);
  }
  out.endStep = tour.endStep ? *tour.endStep : previous + kDefaultLastStepLength;
  for (std::size_t i = 0; i < out.steps.size(); ++i)
    out.steps[i].endAt = i + 1 < out.steps.size() ? out.steps[i + 1].applyAt : out.endStep;
  return out;
}

std::size_t tourStepAt(const TourSchedule& schedule, std::int64_t clock) {
  std::size_t index = 0;
  for (std::size_t i = 0; i < schedule.steps.size(); ++i)
    if (schedule.steps[i].applyAt <= clock) index = i;
  return index;
}

}  // namespace driftlab
