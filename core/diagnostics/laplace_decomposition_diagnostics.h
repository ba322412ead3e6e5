#pragma once
#include "registry/registry.h"

namespace driftlab {

/// For `laplace` with separate normalisation (hasLaplaceDecomposition), from the decomposition
/// V = c_q (s#_p - s#_q) + (c_p - c_q) s#_p at the particles (leave-one-out as the field):
/// laplace_residual_term = sqrt(mean_i |(c_p - c_q) s#_p|^2(x_i)), the part of V that the
/// conservative companion misses; laplace_residual_share = that / sqrt(mean_i |V(x_i)|^2)
/// (0 when both vanish, capped at 1e12 when only V does). Means over an evenly strided subset
/// of at most DiagnosticContext::kLaplaceResidualRows particles (all when N is not larger).
DiagnosticInfo laplaceResidualTermDiagnosticInfo();
DiagnosticInfo laplaceResidualShareDiagnosticInfo();

/// The share with its guards: residualRms / vRms, 0 for 0/0, at most 1e12.
double laplaceResidualShare(double residualRms, double vRms);

}  // namespace driftlab
