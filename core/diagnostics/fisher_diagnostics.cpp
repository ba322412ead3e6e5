#include "diagnostics/fisher_diagnostics.h"

#include "diagnostics/diagnostic_context.h"

namespace driftlab {

DiagnosticInfo fisherDiagnosticInfo() {
  return {"fisher",
          "smoothed Fisher discrepancy integral q_h |s_p - s_q|^2 (score units, the flow's h): "
          "Monte Carlo mean of |s_p - s_q|^2 at kl's 2048 draws z = x_J + h xi of q_h (the same "
          "draws every step: common random numbers) from kl's kernel sums",
          true, 1, [](DiagnosticContext& c) { return c.fisher().value; }};
}

DiagnosticInfo fisherStandardErrorDiagnosticInfo() {
  return {"fisher_stderr",
          "standard error of fisher: std of |s_p - s_q|^2 over its 2048 draws / sqrt(2048) (an "
          "upper bound: the draws are stratified over the particles)",
          true, 1, [](DiagnosticContext& c) { return c.fisher().standardError; }};
}

}  // namespace driftlab
