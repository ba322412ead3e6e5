#pragma once
#include "fields/drift_field.h"
#include "registry/registry.h"

namespace driftlab {

/// Where SVGD's target score s_p comes from.
enum class SvgdScore {
  kKde,    ///< grad log p_s of the data's Gaussian KDE with bandwidth score_bandwidth
  kExact,  ///< the target's exact Gaussian-mixture score (in.target->mixture())
};

/// Stein variational gradient descent (Liu & Wang 2016) with the unnormalised RBF kernel
/// K(x, y) = exp(-|x - y|^2 / 2h^2):
///   phi(x) = (1/N) sum_j [K(x_j, x) s_p(x_j) + grad_{x_j} K(x_j, x)]
///          = (1/N) sum_j K(x_j, x) [s_p(x_j) + (x - x_j) / h^2],
/// j over every particle, self included (at a particle its own term is s_p(x_i), with no
/// repulsion). The repulsion is a Gaussian kernel sum S (x - m) / h^2 and s_p (kde) is the data
/// KDE's score, both on the backend; the driving term sum_j K_j s_p(x_j) has vector weights and
/// is summed directly, O(n N d). Bandwidth: fixed h, or the median heuristic on the particles
/// at each evaluation, h^2 = med^2 / (2 log(N + 1)) (medianHeuristicBandwidth); within one
/// evaluation h is a constant (the Jacobian and the self term ignore its dependence on x).
/// Drift units multiply phi by h^2. Not a gradient field.
class SvgdField final : public DriftField {
 public:
  SvgdField(double h, bool medianBandwidth, SvgdScore score, double scoreBandwidth, bool driftUnits)
      : m_h(h),
        m_median(medianBandwidth),
        m_score(score),
        m_scoreBandwidth(scoreBandwidth),
        m_driftUnits(driftUnits) {}
  void atParticles(const FieldInputs& in, PointRef out) const override;
  void atPoints(const FieldInputs& in, ConstPointRef queries, PointRef out) const override;
  void jacobian(const FieldInputs& in, ConstPointRef queries, bool atParticles, PointRef v,
                PointRef jac) const override;
  /// (scale / N) [tr Hess log p(x_i) - d / h^2]: the own kernel centre's term
  /// K(c, x) s_p(c) + grad_c K(c, x) differentiated in c at c = x = x_i (K = 1, grad_c K = 0,
  /// Hess_c K = -I / h^2); Hess log p is exact for both score options.
  Vector selfDivergence(const FieldInputs& in, Eigen::Index rows) const override;
  /// The fixed h (for `median` the kernel bandwidth changes with the particles; this is then
  /// only the bandwidth the diagnostics smooth with).
  double bandwidth() const override { return m_h; }
  bool conservative() const override { return false; }
  /// False: the FFT backend evaluates unit-weight Gaussian sums only; the driving term
  /// (vector weights s_p(x_j)) is always summed directly.
  bool gaussianKernel() const override { return false; }

  /// The kernel bandwidth h for these particles (fixed, or the median heuristic).
  double kernelBandwidth(ConstPointRef particles) const;
  /// The median heuristic: h = med / sqrt(2 log(N + 1)), med the upper median (element
  /// floor(P / 2) of the P sorted distances) of the pairwise distances among the particles
  /// 0, s, 2s, ... with stride s = ceil(N / 1000) (at most 1000 of them). Returns `fallback`
  /// when there is no pair or med = 0 (a collapsed cloud).
  static double medianHeuristicBandwidth(ConstPointRef particles, double fallback);
  /// s_p at `points` (n x d) as this field uses it (kde: the backend's data sums; exact: the
  /// mixture). Throws InputError naming flow.score for score=exact without a mixture target.
  PointSet scoreAt(const FieldInputs& in, ConstPointRef points, bool direct) const;
  /// phi = attraction - repulsion: attraction = (scale/N) sum_j K_j s_p(x_j) (the driving
  /// term), repulsion = (scale/N) S (m - x) / h^2 (minus the sum of grad_{x_j} K).
  void halves(const FieldInputs& in, ConstPointRef queries, PointRef attraction,
              PointRef repulsion) const;
  SvgdScore score() const { return m_score; }
  bool medianBandwidth() const { return m_median; }
  double scoreBandwidth() const { return m_scoreBandwidth; }
  bool driftUnits() const { return m_driftUnits; }

 private:
  double m_h;
  bool m_median;
  SvgdScore m_score;
  double m_scoreBandwidth;
  bool m_driftUnits;
};

FlowInfo svgdFlowInfo();

}  // namespace driftlab
