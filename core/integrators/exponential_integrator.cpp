#include "integrators/exponential_integrator.h"

#include <cmath>

#include "base/input_error.h"
#include "diffusion/diffusion_schedule.h"

namespace driftlab {

namespace {

/// The data prediction x0 = (x + sigma^2 score) / alpha with score = (v + f x) / (0.5 g^2), at
/// diffusion time t.
PointSet dataPrediction(const DiffusionSchedule& s, double t, const PointSet& X,
                        const PointSet& V) {
  const double sigma = s.sigma(t);
  return (X + (sigma * sigma / (0.5 * s.g2(t))) * (V + s.drift(t) * X)) / s.alpha(t);
}

class ExponentialIntegrator final : public Integrator {
 public:
  StageReport advance(const DriftField& field, const FieldInputs& in, double eta, PointSet& X,
                      PointSet& V) const override {
    const DiffusionSchedule* s = field.diffusionSchedule();
    if (!s)
      throw InputError("integrator.name", "'exponential' needs a diffusion flow",
                       "euler, heun; or flow pf-ode");
    const double t0 = s->diffusionTime(in.time), t1 = t0 - eta;
    const double l0 = s->lambda(t0), h = s->lambda(t1) - l0;
    const double tm = s->timeOfLambda(l0 + 0.5 * h);
    const double sigma0 = s->sigma(t0);
    const PointSet d0 = dataPrediction(*s, t0, X, V);
    PointSet u = (s->sigma(tm) / sigma0) * X - (s->alpha(tm) * std::expm1(-0.5 * h)) * d0;
    PointSet vu(X.rows(), X.cols());
    FieldInputs atMid = in.withParticles(u);
    atMid.time = s->horizon() - tm;
    field.atParticles(atMid, vu);
    const PointSet dMid = dataPrediction(*s, tm, u, vu);
    X = (s->sigma(t1) / sigma0) * X - (s->alpha(t1) * std::expm1(-h)) * dMid;
    FieldInputs atEnd = in.withParticles(X, in.kdeSums);
    atEnd.time = in.time + eta;
    field.atParticles(atEnd, V);
    return {2, 0.0};
  }
};

}  // namespace

IntegratorInfo exponentialIntegratorInfo() {
  return {"exponential",
          "second-order exponential integrator (DPM-Solver-2 in log-SNR) for probability-flow "
          "ODEs; flow pf-ode only",
          [] { return std::make_unique<ExponentialIntegrator>(); },
          /*needsDiffusion=*/true};
}

}  // namespace driftlab
