#pragma once
#include "registry/registry.h"

namespace driftlab {

/// Non-Gaussian toy targets: 2D moons, swissroll, checkerboard, rings, pinwheel, spirals;
/// 3D swissroll3d, torus, helix, linked-rings, scurve, shell.
TargetInfo moonsTargetInfo();
TargetInfo swissrollTargetInfo();
TargetInfo checkerboardTargetInfo();
TargetInfo ringsTargetInfo();
TargetInfo swissroll3dTargetInfo();
TargetInfo torusTargetInfo();
TargetInfo pinwheelTargetInfo();
TargetInfo spiralsTargetInfo();
TargetInfo helixTargetInfo();
TargetInfo linkedRingsTargetInfo();
TargetInfo sCurveTargetInfo();
TargetInfo shellTargetInfo();

}  // namespace driftlab
