#pragma once
/// Diagnostics of the running field itself, from its closed-form Jacobians at the particles.
#include "fields/field_jacobian.h"
#include "registry/registry.h"

namespace driftlab {

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
/// The `stein` value for a field and its inputs (j: jacobiansAtParticles of the same).
double steinDrift(const DriftField& field, const FieldInputs& in, const FieldJacobians& j);

}  // namespace driftlab
