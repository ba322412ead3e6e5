#pragma once
#include "fields/drift_field.h"
#include "registry/registry.h"

namespace driftlab {

/// MMD gradient flow with the Gaussian kernel K_h:
///   v(x) = (1/M) sum_j grad_x K_h(x - y_j) - (1/N) sum_i grad_x K_h(x - x_i) = grad (p_h - q_h).
/// A particle's own kernel has zero gradient at its centre, so self needs no special case.
class MmdField final : public DriftField {
 public:
  explicit MmdField(double h) : m_h(h) {}
  void atParticles(const FieldInputs& in, PointRef out) const override;
  void atPoints(const FieldInputs& in, ConstPointRef queries, PointRef out) const override;
  void jacobian(const FieldInputs& in, ConstPointRef queries, bool atParticles, PointRef v,
                PointRef jac) const override;
  Vector selfDivergence(const FieldInputs& in, Eigen::Index rows) const override;
  double bandwidth() const override { return m_h; }
  bool conservative() const override { return true; }
  bool gaussianKernel() const override { return true; }

 private:
  double m_h;
};

FlowInfo mmdFlowInfo();

}  // namespace driftlab
