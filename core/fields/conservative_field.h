#pragma once
#include "fields/drift_field.h"
#include "registry/registry.h"

namespace driftlab {

/// KDE-gradient velocity v = grad log p_h - grad log q_h = (m_p - m_q) / h^2, where the
/// particle itself is a kernel centre of q_h (conservative: a gradient field).
class ConservativeField final : public DriftField {
 public:
  ConservativeField(double h, bool driftUnits) : m_h(h), m_driftUnits(driftUnits) {}
  void atParticles(const FieldInputs& in, PointRef out) const override;
  void atPoints(const FieldInputs& in, ConstPointRef queries, PointRef out) const override;
  void jacobian(const FieldInputs& in, ConstPointRef queries, bool atParticles, PointRef v,
                PointRef jac) const override;
  Vector selfDivergence(const FieldInputs& in, Eigen::Index rows) const override;
  double bandwidth() const override { return m_h; }
  bool conservative() const override { return true; }
  bool gaussianKernel() const override { return true; }
  /// v in h^2 units (mean-shift displacement) instead of score units.
  bool driftUnits() const { return m_driftUnits; }

 private:
  void evaluate(const FieldInputs& in, ConstPointRef queries, PointRef out,
                ParticleKdeSums* kde) const;

  double m_h;
  bool m_driftUnits;
};

FlowInfo conservativeFlowInfo();

}  // namespace driftlab
