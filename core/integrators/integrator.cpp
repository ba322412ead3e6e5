#include "integrators/integrator.h"

namespace driftlab {

namespace {

class EulerIntegrator final : public Integrator {
 public:
  StageReport advance(const DriftField& field, const FieldInputs& in, double eta, PointSet& X,
                      PointSet& V) const override {
    X += eta * V;
    field.retract(X);
    FieldInputs atEnd = in.withParticles(X, in.kdeSums);
    atEnd.time = in.time + eta;
    field.atParticles(atEnd, V);
    return {1, 0.0};
  }
};

class HeunIntegrator final : public Integrator {
 public:
  StageReport advance(const DriftField& field, const FieldInputs& in, double eta, PointSet& X,
                      PointSet& V) const override {
    PointSet predictor = X + eta * V;
    field.retract(predictor);
    PointSet vPredictor(X.rows(), X.cols());
    FieldInputs atPredictor = in.withParticles(predictor);
    atPredictor.time = in.time + eta;
    field.atParticles(atPredictor, vPredictor);
    // The predictor's rate: when it overshoots a stiff direction, V and vPredictor nearly
    // cancel and the step's own start-to-end rate sees almost no motion.
    const double moved = eta * V.norm();
    const double rate = moved > 0.0 ? (vPredictor - V).norm() / moved : 0.0;
    X += (0.5 * eta) * (V + vPredictor);
    field.retract(X);
    FieldInputs atEnd = in.withParticles(X, in.kdeSums);
    atEnd.time = in.time + eta;
    field.atParticles(atEnd, V);
    return {2, rate};
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
