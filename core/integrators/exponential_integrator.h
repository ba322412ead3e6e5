#pragma once
/// Second-order exponential integrator for probability-flow ODEs (DPM-Solver-2, Lu et al.
/// 2022): in the half log-SNR lambda = log(alpha / sigma) the linear part of the ODE is solved
/// exactly and the noise prediction eps = -sigma score is taken at the midpoint in lambda.
/// One step from t0 to t1 (h = lambda(t1) - lambda(t0), s the time of lambda(t0) + h/2):
///   u  = (alpha_s / alpha_0) x - sigma_s (e^{h/2} - 1) eps(x, t0)
///   x' = (alpha_1 / alpha_0) x - sigma_1 (e^h - 1) eps(u, s).
/// The score is recovered from the field's velocity v = 0.5 g^2 score - f x, so the integrator
/// serves any field with a diffusionSchedule(); others are refused (InputError).
#include "integrators/integrator.h"

namespace driftlab {

IntegratorInfo exponentialIntegratorInfo();

}  // namespace driftlab
