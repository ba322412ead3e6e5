#include "diagnostics/step_diagnostics.h"

#include "diagnostics/diagnostic_context.h"

namespace driftlab {

DiagnosticInfo effectiveEtaDiagnosticInfo() {
  return {"eta_effective",
          "step size taken by the last step: eta unless the step control bound it to keep every "
          "displacement below 0.5 h (0 at step 0)",
          true, 1, [](DiagnosticContext& c) { return c.effectiveEta(); }};
}

}  // namespace driftlab
