#pragma once
/// Diagnostics of the running field itself, from its closed-form Jacobians at the particles.
#include "fields/field_jacobian.h"
#include "registry/registry.h"

namespace driftlab {

/// Both are computed on at most DiagnosticContext::kJacobianRows evenly strided particles.
/// nonconservative: the particle mean of ||J - J^T||_F / ||J||_F, J = d v / d x at x_i with
/// every kernel centre fixed (jacobiansAtParticles); <= 1e-10 for the gradient flows.
DiagnosticInfo nonconservativeDiagnosticInfo();
/// stein: (1/N) sum_i [s_p . v + div v](x_i), s_p = grad log p_h (Gaussian KDE of the data with
/// the flow's bandwidth), div v the divergence of the particle's own velocity when it moves
/// together with its kernel centre: trace(J_i) + DriftField::selfDivergence (SPEC §3).
DiagnosticInfo steinDiagnosticInfo();

/// s_p . v + trace J at each row of `j` (its velocities and Jacobians at `queries`), s_p the
/// score of the Gaussian KDE of `data` with bandwidth h. queries: n x d; returns n values.
Vector steinIntegrand(const FieldJacobians& j, ConstPointRef queries, ConstPointRef data, double h);
/// The `stein` value: the mean of s_p . v + div v over the sampled particles (all of them
/// when N <= the sample size), div v = trace J + the self term.
double steinDrift(const ParticleJacobianSample& sample, ConstPointRef data, double h);
/// The `nonconservative` value: the mean of asymmetryRatio over the sampled particles.
/// onSphere: the sample's field is a TangentField; the ratio is then that of the tangential
/// (covariant) part P J P, P = I - x x^T.
double nonconservativeIndex(const ParticleJacobianSample& sample, bool onSphere = false);

}  // namespace driftlab
