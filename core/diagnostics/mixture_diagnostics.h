#pragma once
#include "registry/registry.h"

namespace driftlab {

/// Collapse vs blur on Gaussian-mixture targets (NaN on other targets):
/// mode_coverage = share of the K modes holding >= N/(4K) particles, where mode k holds the
/// particles within 3 sigma_k of its mean (a particle far from every mode counts for none; one
/// within 3 sigma of two overlapping modes counts for both); hq_fraction = share of particles
/// within 3 sigma_k of some mean mu_k. Both are finite whenever N > 0.
DiagnosticInfo modeCoverageDiagnosticInfo();
DiagnosticInfo highQualityFractionDiagnosticInfo();

}  // namespace driftlab
