#pragma once
#include "registry/registry.h"

namespace driftlab {

/// eta_effective: the step size the last step actually took, min(eta, 0.5 h / max|v|, 1 / L,
/// cap) (integrators/step_control.h); the scene's eta where the step control did not bind, 0 at
/// step 0. The run's time is the sum of this column.
DiagnosticInfo effectiveEtaDiagnosticInfo();

}  // namespace driftlab
