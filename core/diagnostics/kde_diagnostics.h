#pragma once
#include "registry/registry.h"

namespace driftlab {

/// Gaussian-KDE quantities at the particles with the flow's own h (self included):
/// entropy -(1/N) sum log q_h, cross_entropy -(1/N) sum log p_h, kl_plugin = their
/// difference, self_interaction (d / h^2)(1/N) sum 1/n_i. kl and kl_stderr: the Monte Carlo
/// estimate of KL(q_h || p_h) and its standard error (kl_estimator.h).
DiagnosticInfo entropyDiagnosticInfo();
DiagnosticInfo crossEntropyDiagnosticInfo();
DiagnosticInfo klDiagnosticInfo();
DiagnosticInfo klStandardErrorDiagnosticInfo();
DiagnosticInfo klPlugInDiagnosticInfo();
DiagnosticInfo selfInteractionDiagnosticInfo();

}  // namespace driftlab
