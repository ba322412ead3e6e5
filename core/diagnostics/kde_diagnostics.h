#pragma once
#include "registry/registry.h"

namespace driftlab {

/// Gaussian-KDE quantities at the particles with the flow's own h (self included):
/// entropy -(1/N) sum log q_h, cross_entropy -(1/N) sum log p_h, kl = their difference,
/// self_interaction (d / h^2)(1/N) sum 1/n_i.
DiagnosticInfo entropyDiagnosticInfo();
DiagnosticInfo crossEntropyDiagnosticInfo();
DiagnosticInfo klDiagnosticInfo();
DiagnosticInfo selfInteractionDiagnosticInfo();

}  // namespace driftlab
