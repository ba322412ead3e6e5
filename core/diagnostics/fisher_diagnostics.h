#pragma once
#include "registry/registry.h"

namespace driftlab {

/// fisher: the smoothed Fisher discrepancy integral q_h |s_p - s_q|^2 with the flow's h, by
/// Monte Carlo on kFisherSamples common random draws of q_h (fisher_estimator.h);
/// fisher_stderr: its standard error.
DiagnosticInfo fisherDiagnosticInfo();
DiagnosticInfo fisherStandardErrorDiagnosticInfo();

}  // namespace driftlab
