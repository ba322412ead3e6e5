#pragma once
#include "registry/registry.h"

namespace driftlab {

/// Initial clouds: gaussian (centre, scale), uniform (box), collapsed (a point), far (offset).
InitInfo gaussianCloudInfo();
InitInfo uniformCloudInfo();
InitInfo collapsedCloudInfo();
InitInfo farCloudInfo();

}  // namespace driftlab
