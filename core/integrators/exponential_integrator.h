#pragma once
/// Second-order exponential integrator for probability-flow ODEs (DPM-Solver++(2S), Lu et al.
/// 2022, single-step with the midpoint r = 1/2): in the half log-SNR lambda = log(alpha /
/// sigma) the linear part of the ODE is solved exactly and the data prediction
/// x0(x, t) = (x + sigma_t^2 score_t(x)) / alpha_t is taken at the midpoint in lambda. One step
/// from t0 to t1 (h = lambda(t1) - lambda(t0) > 0, s the time of lambda(t0) + h/2):
///   u  = (sigma_s / sigma_0) x - alpha_s (e^{-h/2} - 1) x0(x, t0)
///   x' = (sigma_1 / sigma_0) x - alpha_1 (e^{-h} - 1) x0(u, s).
/// (The data rather than the noise prediction: with the exact score both are second order, but
/// the last steps near t_min have a large h, where e^{-h} keeps x' an interpolation between x
/// and the prediction while the noise form's e^h amplifies the prediction's error.)
/// The score is recovered from the field's velocity v = 0.5 g^2 score - f x, so the integrator
/// serves any field with a diffusionSchedule(); others are refused (InputError).
#include "integrators/integrator.h"

namespace driftlab {

IntegratorInfo exponentialIntegratorInfo();

}  // namespace driftlab
