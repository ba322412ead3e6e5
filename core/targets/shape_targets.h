#pragma once
#include "registry/registry.h"

namespace driftlab {

/// Non-Gaussian toy targets: 2D moons, swissroll, checkerboard, rings; 3D swissroll3d, torus.
TargetInfo moonsTargetInfo();
TargetInfo swissrollTargetInfo();
TargetInfo checkerboardTargetInfo();
TargetInfo ringsTargetInfo();
TargetInfo swissroll3dTargetInfo();
TargetInfo torusTargetInfo();

}  // namespace driftlab
