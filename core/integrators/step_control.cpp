#include "integrators/step_control.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace driftlab {

namespace {
std::string shortNumber(double x) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%g", x);
  return buf;
}
}  // namespace

double StepSizeController::propose(double eta, double h, double maxSpeed) const {
  double step = std::min(eta, cap());
  if (std::isfinite(maxSpeed) && maxSpeed > 0.0)
    step = std::min(step, kDisplacementFraction * h / maxSpeed);
  return step;
}

std::string StepSizeController::judge(const TriedStep& s) {
  if (!std::isfinite(s.newResidual) || !std::isfinite(s.maxDisplacement))
    return "positions or velocities became NaN or infinite";
  // The bound itself plus rounding: Euler's displacement is eta |v| <= c h exactly.
  if (s.maxDisplacement > kDisplacementFraction * s.bandwidth * (1.0 + 1e-9))
    return "a particle moved by more than " + shortNumber(kDisplacementFraction) + " h";
  const bool noticeable = s.eta * std::sqrt(s.newResidual) > kNegligible * s.bandwidth;
  if (noticeable && s.newResidual > kResidualGrowth * s.oldResidual)
    return "the residual grew more than " + shortNumber(kResidualGrowth) + "x in one step";
  return {};
}

void StepSizeController::accepted(double eta) {
  m_cap *= kGrow;
  if (m_cap > eta) m_cap = std::numeric_limits<double>::infinity();
}

void StepSizeController::observedRate(double rate) {
  m_stiffCap = std::isfinite(rate) && rate > 0.0 ? kStability / rate
                                                 : std::numeric_limits<double>::infinity();
}

double maxRowNorm(const PointSet& A) {
  if (!A.allFinite()) return std::numeric_limits<double>::quiet_NaN();
  return A.rows() > 0 ? A.rowwise().norm().maxCoeff() : 0.0;
}

double meanSquaredRowNorm(const PointSet& A) {
  if (!A.allFinite()) return std::numeric_limits<double>::quiet_NaN();
  return A.rows() > 0 ? A.squaredNorm() / double(A.rows()) : 0.0;
}

}  // namespace driftlab
