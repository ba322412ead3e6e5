#pragma once
#include "registry/registry.h"

namespace driftlab {

/// residual = (1/N) sum |v_i|^2 (the drifting loss), its root, and the centre velocity
/// |(1/N) sum v_i|^2; ms_per_step is the wall time of the step.
DiagnosticInfo residualDiagnosticInfo();
DiagnosticInfo rootResidualDiagnosticInfo();
DiagnosticInfo centerDiagnosticInfo();
DiagnosticInfo msPerStepDiagnosticInfo();

}  // namespace driftlab
