#pragma once
#include "registry/registry.h"

namespace driftlab {

/// Gaussian-mixture targets (exact density and score): 8 modes on a circle, a 5 x 5 grid,
/// the 8 corners of a cube, and an isotropic Gaussian in any dimension.
TargetInfo eightGaussiansTargetInfo();
TargetInfo twentyFiveGaussiansTargetInfo();
TargetInfo cubeCornersTargetInfo();
TargetInfo isotropicGaussianTargetInfo();
TargetInfo bimodalTargetInfo();

}  // namespace driftlab
