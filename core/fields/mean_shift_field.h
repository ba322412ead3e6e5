#pragma once
#include "fields/drift_field.h"
#include "registry/registry.h"

namespace driftlab {

enum class MeanShiftNormalisation { kSeparate, kJoint, kNone };

/// Displacement (mean-shift) drifting field V = V+ - V-:
///   separate: V+(x) = sum_j k(x,y_j)(y_j - x) / sum_j k(x,y_j), V- the same over the
///             particles, leaving the particle itself out unless include_self;
///   none:     the same sums divided by M and by the particle count instead;
///   joint:    the official algorithm (joint row/column softmax, see joint_normalisation.h);
///             include_self false masks the particle diagonal in rows and columns, true
///             masks nothing.
/// With the Laplace kernel this is the `laplace` flow (not a gradient); with the Gaussian
/// kernel it is `gaussian-meanshift` = h^2 (s_p - s_q) when include_self.
class MeanShiftField final : public DriftField {
 public:
  MeanShiftField(Kernel kernel, MeanShiftNormalisation norm, bool includeSelf)
      : m_kernel(kernel), m_norm(norm), m_includeSelf(includeSelf) {}
  void atParticles(const FieldInputs& in, PointRef out) const override;
  void atPoints(const FieldInputs& in, ConstPointRef queries, PointRef out) const override;
  void jacobian(const FieldInputs& in, ConstPointRef queries, bool atParticles, PointRef v,
                PointRef jac) const override;
  Vector selfDivergence(const FieldInputs& in, Eigen::Index rows) const override;
  double bandwidth() const override { return m_kernel.scale; }
  bool conservative() const override;
  bool gaussianKernel() const override { return m_kernel.kind == KernelKind::kGaussian; }
  const Kernel& kernel() const { return m_kernel; }
  MeanShiftNormalisation normalisation() const { return m_norm; }
  bool includeSelf() const { return m_includeSelf; }

 private:
  /// atParticles: the queries are the particles (leave-one-out applies when !include_self).
  void evaluate(const FieldInputs& in, ConstPointRef queries, bool atParticles, PointRef out,
                ParticleKdeSums* kde) const;

  Kernel m_kernel;
  MeanShiftNormalisation m_norm;
  bool m_includeSelf;
};

FlowInfo laplaceFlowInfo();
FlowInfo gaussianMeanShiftFlowInfo();

}  // namespace driftlab
