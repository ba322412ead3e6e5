#pragma once
#include "registry/registry.h"

namespace driftlab {

/// diffusion_time: the diffusion time t = T - (simulation time) of a probability-flow field
/// (pf-ode), from T at step 0 down to t_min; defined only for fields with a diffusion schedule.
DiagnosticInfo diffusionTimeDiagnosticInfo();

}  // namespace driftlab
