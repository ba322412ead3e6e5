#include "sweep/stationarity.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <string>

#include "base/input_error.h"
#include "scene/scene_config.h"

namespace driftlab {

void validateStationarityRule(const StationarityRule& rule) {
  if (!(rule.tolerance > 0.0) || !std::isfinite(rule.tolerance))
    throw InputError("--tolerance", "got " + formatNumber(rule.tolerance), "numbers in (0, inf)");
  if (!(rule.window > 0.0) || !std::isfinite(rule.window))
    throw InputError("--window", "got " + formatNumber(rule.window), "numbers in (0, inf)");
  if (!(rule.maxTime >= 2.0 * rule.window) || !std::isfinite(rule.maxTime))
    throw InputError("--max-time", "got " + formatNumber(rule.maxTime),
                     "at least two windows (>= " + formatNumber(2.0 * rule.window) + ")");
}

StationarityMonitor::StationarityMonitor(StationarityRule rule) : m_rule(rule) {
  validateStationarityRule(rule);
}

void StationarityMonitor::record(double tBefore, double t, double value) {
  if (t > tBefore) m_pieces.push_back({tBefore, t, value});
  m_time = t;
  if (m_converged) return;
  // Compare every window that ended since the last check; the rule holds at the first match.
  const double w = m_rule.window;
  while ((m_checkedWindows + 1) * w <= t * (1.0 + 1e-12)) {
    ++m_checkedWindows;
    const double k = m_checkedWindows;
    const double last = average((k - 1) * w, k * w), previous = average((k - 2) * w, (k - 1) * w);
    const double half = average(0.5 * k * w - w, 0.5 * k * w);
    const double allowed = m_rule.tolerance * std::abs(last);
    if (std::abs(last - previous) < allowed && std::abs(last - half) < allowed) {
      m_converged = true;
      return;
    }
  }
}

bool StationarityMonitor::done() const {
  return m_converged || m_time >= m_rule.maxTime * (1.0 - 1e-12);
}

double StationarityMonitor::average(double from, double to) const {
  from = std::max(from, 0.0);
  double sum = 0.0, weight = 0.0;
  for (const Piece& p : m_pieces) {
    const double a = std::max(p.from, from), b = std::min(p.to, to);
    if (b > a) sum += (b - a) * p.value, weight += b - a;
  }
  return weight > 0.0 ? sum / weight : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace driftlab
