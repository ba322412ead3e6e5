#pragma once
#include "registry/registry.h"

namespace driftlab {

/// Collapse vs blur on Gaussian-mixture targets (NaN on other targets):
/// mode_coverage = share of the K modes holding >= 1/(4K) of the particles (each particle
/// counts for its nearest mean); hq_fraction = share of particles within 3 sigma of a mean.
DiagnosticInfo modeCoverageDiagnosticInfo();
DiagnosticInfo highQualityFractionDiagnosticInfo();

}  // namespace driftlab
