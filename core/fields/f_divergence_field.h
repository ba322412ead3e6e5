#pragma once
#include <array>

#include "fields/drift_field.h"
#include "registry/registry.h"

namespace driftlab {

/// Wasserstein gradient flows of f-divergences under KDE: v = w(r) (s_p - s_q), r = q_h / p_h,
/// with w a user-weighted sum of  KL(q||p): 1,  KL(p||q): 1/r,  chi2(q||p): 2r,
/// chi2(p||q): 2/r^2.  Weights (1, 0, 0, 0) give the conservative flow; a mix of KL(p||q)
/// and chi2 is the mixed strategy against collapse and blur. Clamp: w uses log r clamped to
/// [-kMaxLogRatio, kMaxLogRatio] (r in [1e-13, 1e13]), so w <= 2 (sum of weights) e^60 and v
/// stays finite; where q_h and p_h both underflow (queries far from everything) r is taken as 1.
/// A gradient for every choice of weights: v = -w(u) grad u = -grad F(u), u = log r, F' = w.
class FDivergenceField final : public DriftField {
 public:
  /// weights: KL(q||p), KL(p||q), chi2(q||p), chi2(p||q).
  FDivergenceField(double h, std::array<double, 4> weights) : m_h(h), m_weights(weights) {}
  void atParticles(const FieldInputs& in, PointRef out) const override;
  void atPoints(const FieldInputs& in, ConstPointRef queries, PointRef out) const override;
  void jacobian(const FieldInputs& in, ConstPointRef queries, bool atParticles, PointRef v,
                PointRef jac) const override;
  Vector selfDivergence(const FieldInputs& in, Eigen::Index rows) const override;
  double bandwidth() const override { return m_h; }
  bool conservative() const override;
  bool gaussianKernel() const override { return true; }
  static constexpr double kMaxLogRatio = 30.0;
  /// w(r) for log r (any double; see the clamp above), computed in log space.
  double weight(double logRatio) const;
  /// dw / d(log r): 0 outside the clamp and where log r is NaN (w is constant there).
  double weightDerivative(double logRatio) const;

 private:
  void evaluate(const FieldInputs& in, ConstPointRef queries, PointRef out,
                ParticleKdeSums* kde) const;
  double m_h;
  std::array<double, 4> m_weights;
};

FlowInfo fDivergenceFlowInfo();

}  // namespace driftlab
