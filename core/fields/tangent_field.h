#pragma once
/// A flow on the unit sphere S^2 (SPEC §2): the wrapped field's velocity projected to the
/// tangent plane, u(x) = (I - x x^T) v(x), with kernels on the chordal distance (the Euclidean
/// distance of the 3D points, so the wrapped field is evaluated unchanged), and positions
/// retracted to the sphere after every update (retract).
#include <memory>

#include "fields/drift_field.h"

namespace driftlab {

class TangentField final : public DriftField {
 public:
  /// inner: a field in 3 dimensions.
  explicit TangentField(std::unique_ptr<DriftField> inner) : m_inner(std::move(inner)) {}

  /// u(x_i) = v(x_i) - x_i (x_i . v(x_i)); kdeSums are the inner field's.
  void atParticles(const FieldInputs& in, PointRef out) const override;
  /// The same formula at any point (off the sphere it is the ambient extension whose
  /// Jacobian jacobian() gives).
  void atPoints(const FieldInputs& in, ConstPointRef queries, PointRef out) const override;
  double bandwidth() const override { return m_inner->bandwidth(); }
  /// A projected gradient is the gradient of the restriction only on the sphere; the ambient
  /// extension is not a gradient, so false.
  bool conservative() const override { return false; }
  bool gaussianKernel() const override { return m_inner->gaussianKernel(); }
  /// The exact Jacobian of the extension u(x) = v(x) - x (x . v(x)):
  /// du/dx = P J - (x . v) I - x v^T, with P = I - x x^T and J the inner Jacobian.
  void jacobian(const FieldInputs& in, ConstPointRef queries, bool atParticles, PointRef v,
                PointRef jac) const override;
  /// trace(P S_i) for the inner field's self-derivative S_i (the dependence on x_i as a kernel
  /// centre). The inner field reports trace(S_i) only; S_i = s_i I for the own-centre terms of
  /// radial kernels (separate and no normalisation, the conservative and mmd self terms), where
  /// trace(P S_i) = (2/3) trace(S_i) exactly. For the joint normalisation, whose column sums
  /// are not isotropic in x_i, the same (2/3) factor is an approximation.
  Vector selfDivergence(const FieldInputs& in, Eigen::Index rows) const override;
  /// Rows of X divided by their norms (geometry/sphere_manifold.h's fallback for zero rows).
  void retract(PointRef X) const override;

  const DriftField& inner() const { return *m_inner; }

 private:
  std::unique_ptr<DriftField> m_inner;
};

/// Whether `field` is a flow on the sphere (a TangentField).
inline bool isSphereField(const DriftField& field) {
  return dynamic_cast<const TangentField*>(&field) != nullptr;
}

}  // namespace driftlab
