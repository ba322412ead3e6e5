#include "orbit_style.h"

#include <vtkObjectFactory.h>

namespace driftlab::ui {

vtkStandardNewMacro(OrbitStyle);

}  // namespace driftlab::ui
