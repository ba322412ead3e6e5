#pragma once
/// Time stepping x <- x + eta v(x) (Euler) and Heun's RK2.
#include "fields/drift_field.h"
#include "registry/registry.h"

namespace driftlab {

class Integrator {
 public:
  virtual ~Integrator() = default;
  /// X: N x d positions, advanced in place by one step of size eta.
  /// V: on entry v(X) at the old positions, on exit v(X) at the new ones.
  /// `in.particles` must refer to X; in.kdeSums, if set, receives the sums of the final
  /// evaluation (at the new X). Returns the number of field evaluations made.
  virtual int advance(const DriftField& field, const FieldInputs& in, double eta, PointSet& X,
                      PointSet& V) const = 0;
};

IntegratorInfo eulerIntegratorInfo();
IntegratorInfo heunIntegratorInfo();

}  // namespace driftlab
