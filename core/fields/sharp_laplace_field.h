#pragma once
#include "fields/drift_field.h"
#include "registry/registry.h"

namespace driftlab {

/// Conservative companion of `laplace`: v = grad log(p * k#) - grad log(q * k#) with the sharp
/// kernel k#(r) = tau (r + tau) exp(-r / tau). Because grad_x k#(|x - y|) = k(x, y)(y - x),
///   grad log(p * k#)(x) = sum_j k(x, y_j)(y_j - x) / sum_j k#(|x - y_j|),
/// the Laplace displacement sum over a sharp-kernel density. The particle itself is a kernel
/// centre of q * k# (as in `conservative`), so v is the gradient of log((p*k#)/(q*k#)).
class SharpLaplaceField final : public DriftField {
 public:
  explicit SharpLaplaceField(double tau) : m_tau(tau) {}
  void atParticles(const FieldInputs& in, PointRef out) const override;
  void atPoints(const FieldInputs& in, ConstPointRef queries, PointRef out) const override;
  void jacobian(const FieldInputs& in, ConstPointRef queries, bool atParticles, PointRef v,
                PointRef jac) const override;
  Vector selfDivergence(const FieldInputs& in, Eigen::Index rows) const override;
  double bandwidth() const override { return m_tau; }
  bool conservative() const override { return true; }
  bool gaussianKernel() const override { return false; }

  /// log sum_j k#(|q_i - s_j|) for every query (exact, stabilised); excludeSelf: query i skips
  /// source i (leave-one-out, queries = sources; -inf when nothing is left). queries: n x d.
  static Vector logSharpSums(double tau, ConstPointRef queries, ConstPointRef sources,
                             bool excludeSelf = false);

 private:
  double m_tau;
};

FlowInfo sharpLaplaceFlowInfo();

}  // namespace driftlab
