#pragma once
/// When a run of the rate experiment has settled: the time average of the root residual over
/// consecutive windows of simulated time stops changing (SPEC §3, issue 17 item 5).
#include <vector>

namespace driftlab {

/// Stop rule. Windows are [(k-1) W, k W] in simulated time; A_k is the time average of the root
/// residual over window k and H_k the average over the window ending at half the elapsed time,
/// [k W / 2 - W, k W / 2]. At the end of window k >= 2 the run is stationary when both
/// |A_k - A_{k-1}| < tolerance * A_k and |A_k - H_k| < tolerance * A_k. The second test keeps
/// a slow algebraic decay (r ~ 1/t, as the conservative flow's residual near its critical
/// point: consecutive windows differ by only W/t) from passing for stationary. A run that never
/// meets the rule stops at maxTime, not converged.
struct StationarityRule {
  double tolerance = 0.02;  ///< relative change between consecutive window averages
  double window = 1.0;      ///< W, simulated time
  double maxTime = 40.0;    ///< T_max, simulated time
};

/// Records the root residual after every step (piecewise constant in time, each value held over
/// the step that led to it) and applies the rule.
class StationarityMonitor {
 public:
  /// Throws InputError for a tolerance <= 0, a window <= 0 or maxTime < 2 * window.
  explicit StationarityMonitor(StationarityRule rule);

  /// The state reached at time `t` (from `tBefore`) has root residual `value`.
  void record(double tBefore, double t, double value);
  /// The rule was met (at stopTime()).
  bool converged() const { return m_converged; }
  /// Converged, or the time reached maxTime.
  bool done() const;
  /// T_stop: the time of the last record().
  double stopTime() const { return m_time; }
  /// Time average over [from, to] (clipped to the recorded span); NaN if nothing recorded there.
  double average(double from, double to) const;
  /// The stationary value: the average over the last window [T_stop - W, T_stop].
  double stationaryValue() const { return average(m_time - m_rule.window, m_time); }
  /// The same measured at half the time: the average over [T_stop/2 - W, T_stop/2] (clipped at
  /// 0). The sweep refits with these values to see whether the slope still moves with time.
  double halfTimeValue() const { return average(0.5 * m_time - m_rule.window, 0.5 * m_time); }
  const StationarityRule& rule() const { return m_rule; }

 private:
  struct Piece {
    double from, to, value;
  };
  StationarityRule m_rule;
  std::vector<Piece> m_pieces;
  double m_time = 0.0;
  int m_checkedWindows = 1;  ///< window ends already compared (the first has no predecessor)
  bool m_converged = false;
};

/// The window when none is given: a tenth of the maximum time, at most 1 (two always fit).
inline double defaultStationarityWindow(double maxTime) {
  return maxTime < 10.0 ? 0.1 * maxTime : 1.0;
}

/// Throws InputError naming the option ("--tolerance", "--window", "--max-time") of the first
/// bad field; the monitor's constructor runs the same checks.
void validateStationarityRule(const StationarityRule& rule);

}  // namespace driftlab
