#pragma once
/// Time stepping x <- x + eta v(x) (Euler) and Heun's RK2.
#include "fields/drift_field.h"
#include "registry/registry.h"

namespace driftlab {

/// What one advance() saw inside the step (the caller sees its start and end).
struct StageReport {
  int evaluations = 0;  ///< field evaluations made
  /// Largest rate |V_b - V_a|_F / |X_b - X_a|_F (1 / time) between intermediate stages and
  /// the start (Heun: the Euler predictor); 0 if the method has none (Euler).
  double stageRate = 0.0;
};

class Integrator {
 public:
  virtual ~Integrator() = default;
  /// X: N x d positions, advanced in place by one step of size eta.
  /// V: on entry v(X) at the old positions, on exit v(X) at the new ones.
  /// Every position update (the final one and any predictor) is followed by
  /// field.retract(), which keeps manifold flows on their manifold.
  /// `in.particles` must refer to X; in.kdeSums, if set, receives the sums of the final
  /// evaluation (at the new X).
  virtual StageReport advance(const DriftField& field, const FieldInputs& in, double eta,
                              PointSet& X, PointSet& V) const = 0;
};

IntegratorInfo eulerIntegratorInfo();
IntegratorInfo heunIntegratorInfo();

}  // namespace driftlab
