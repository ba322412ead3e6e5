#pragma once
/// Step-size control shared by every integrator: whatever h, N or eta the user sets, one step
/// moves no particle by more than kDisplacementFraction * h, and a step that diverges is
/// rejected and retried smaller before anything reaches NaN.
///
/// The step actually taken is
///   eta_eff = min(eta, cap, c h / max_i |v(x_i)|),   c = kDisplacementFraction = 0.5,
/// so `eta` keeps its meaning as the drift size wherever the control does not bind. `cap`
/// is the smaller of two memories: a rejected step sets cap = kShrink * (the rejected step),
/// and each accepted step relaxes it by kGrow until it no longer binds; and a stiffness bound
/// kStability / L from the last accepted step, L = |V' - V|_F / |X' - X|_F (the rate of the
/// field along that step, or along Heun's predictor if larger; see StageReport): past
/// eta L = 2 an explicit step amplifies the stiff directions
/// (Euler's factor 1 - eta lambda), and the displacement bound alone would leave them
/// oscillating at its amplitude (a period-2 jitter of 0.25 h with eta_eff stuck near 2/L).
///
/// A tried step is rejected (and retried with the smaller cap) when
///   - a position or velocity is NaN or infinite;
///   - a particle moved by more than c h (Heun's corrector can, when the velocity at its
///     predictor is much larger than at the start);
///   - the residual (1/N) sum |v_i|^2 grew by more than kResidualGrowth in one step while
///     the typical displacement it implies, eta_eff sqrt(residual), exceeds kNegligible h
///     (explicit steps past the stability limit of a stiff field: the field of a Gaussian
///     kernel of width h has rates ~ 1/h^2, so a fixed eta becomes unstable as h falls).
#include <algorithm>
#include <limits>
#include <string>

#include "base/point_set.h"

namespace driftlab {

/// What a tried step did; the inputs of StepSizeController::judge.
struct TriedStep {
  double eta = 0.0;              ///< the step size tried
  double bandwidth = 0.0;        ///< h (absolute)
  double oldResidual = 0.0;      ///< (1/N) sum |v_i|^2 before the step
  double newResidual = 0.0;      ///< the same after it (NaN if not finite)
  double maxDisplacement = 0.0;  ///< max_i |x_i' - x_i| (NaN if not finite)
};

class StepSizeController {
 public:
  static constexpr double kDisplacementFraction = 0.5;  ///< c: displacement <= c h per step
  static constexpr double kResidualGrowth = 4.0;        ///< residual may at most quadruple
  static constexpr double kNegligible = 0.01;  ///< below eta sqrt(residual) = 0.01 h: no check
  static constexpr double kShrink = 0.25;      ///< a rejected step is retried 4x smaller
  static constexpr double kGrow = 1.25;        ///< the cap relaxes by 25% per accepted step
  static constexpr int kMaxTries = 12;         ///< 1 + 11 retries: down to 4^-11 ~ 2.4e-7
  static constexpr double kStability = 1.0;    ///< eta L <= 1: no overshoot along the step

  /// The step to try: min(eta, cap, c h / maxSpeed). eta > 0, h > 0; maxSpeed = max_i |v_i|
  /// (0 or non-finite: no displacement bound from it).
  double propose(double eta, double h, double maxSpeed) const;
  /// Empty if the tried step is acceptable, else why not (one short phrase).
  static std::string judge(const TriedStep& s);
  /// A tried step was rejected: the next proposals are at most kShrink times it.
  void rejected(double triedEta) { m_cap = kShrink * triedEta; }
  /// A step was accepted: the cap relaxes by kGrow (and is dropped once it exceeds eta).
  void accepted(double eta);
  /// The accepted step's rate L = |V' - V|_F / |X' - X|_F (1 / time): the next proposals
  /// are at most kStability / L (none if L is 0 or not finite).
  void observedRate(double rate);
  /// Forget rejections and rates (new field, new bandwidth, restored state).
  void reset() {
    m_cap = std::numeric_limits<double>::infinity();
    m_stiffCap = m_cap;
  }
  /// The bound from rejections and rates (infinite if none).
  double cap() const { return std::min(m_cap, m_stiffCap); }

 private:
  double m_cap = std::numeric_limits<double>::infinity();
  double m_stiffCap = std::numeric_limits<double>::infinity();
};

/// max_i |row_i| of an N x d array (NaN if any entry is not finite).
double maxRowNorm(const PointSet& A);
/// (1/N) sum_i |row_i|^2 (NaN if any entry is not finite).
double meanSquaredRowNorm(const PointSet& A);

}  // namespace driftlab
