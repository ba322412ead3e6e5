#include "diagnostics/diffusion_diagnostics.h"

#include <limits>

#include "diagnostics/diagnostic_context.h"
#include "diffusion/diffusion_schedule.h"
#include "fields/drift_field.h"

namespace driftlab {

DiagnosticInfo diffusionTimeDiagnosticInfo() {
  DiagnosticInfo info{"diffusion_time",
                      "diffusion time t of the probability-flow ODE (T at step 0, t_min at the "
                      "end; pf-ode only)",
                      false, 1, [](DiagnosticContext& c) {
                        const DiffusionSchedule* s =
                            c.field() ? c.field()->diffusionSchedule() : nullptr;
                        return s ? s->diffusionTime(c.fieldInputs().time)
                                 : std::numeric_limits<double>::quiet_NaN();
                      }};
  info.forField = [](const DriftField& f) { return f.diffusionSchedule() != nullptr; };
  return info;
}

}  // namespace driftlab
