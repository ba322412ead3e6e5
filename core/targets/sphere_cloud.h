#pragma once
/// The `sphere` initial cloud: uniform on the unit sphere S^2, or on the cap of half-angle
/// `spread` degrees about `center` (SPEC §4; for manifold: sphere). dim 3.
#include "registry/registry.h"

namespace driftlab {

InitInfo sphereCloudInfo();

}  // namespace driftlab
