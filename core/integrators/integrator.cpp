#include "integrators/integrator.h"

namespace driftlab {

namespace {

class EulerIntegrator final : public Integrator {
 public:
  int advance(const DriftField& field, const FieldInputs& in, double eta, PointSet& X,
              PointSet& V) const override {
    X += eta * V;
    field.atParticles({X, in.data, in.dataVersion, in.backend, in.kdeSums}, V);
    return 1;
  }
};

class HeunIntegrator final : public Integrator {
 public:
  int advance(const DriftField& field, const FieldInputs& in, double eta, PointSet& X,
              PointSet& V) const override {
    PointSet predictor = X + eta * V;
    PointSet vPredictor(X.rows(), X.cols());
    field.atParticles({predictor, in.data, in.dataVersion, in.backend}, vPredictor);
    X += (0.5 * eta) * (V + vPredictor);
    field.atParticles({X, in.data, in.dataVersion, in.backend, in.kdeSums}, V);
    return 2;
  }
};

}  // namespace

IntegratorInfo eulerIntegratorInfo() {
  return {"euler", "explicit Euler: x <- x + eta v(x)",
          [] { return std::make_unique<EulerIntegrator>(); }};
}

IntegratorInfo heunIntegratorInfo() {
  return {"heun", "Heun (RK2): average of the velocities at x and at the Euler predictor",
          [] { return std::make_unique<HeunIntegrator>(); }};
}

}  // namespace driftlab
