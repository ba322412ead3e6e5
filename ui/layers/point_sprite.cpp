#include "layers/point_sprite.h"

#include <vtkActor.h>
#include <vtkProperty.h>
#include <vtkShaderProperty.h>
#include <string>

#include "shader_sources.h"

namespace driftlab::ui {

void usePointSprites(vtkActor* actor, double sizePixels) {
  vtkProperty* prop = actor->GetProperty();
  prop->SetRepresentationToPoints();
  prop->RenderPointsAsSpheresOff();
  prop->LightingOff();
  prop->SetPointSize(float(sizePixels));
  // Pre-replacement keeping the tag: VTK substitutes its colour code for the tag and ours
  // then runs on the final colour.
  actor->GetShaderProperty()->ClearAllFragmentShaderReplacements();
  actor->GetShaderProperty()->AddFragmentShaderReplacement(
      "//VTK::Light::Impl", true, std::string("//VTK::Light::Impl\n") + shaders::kPointSpriteGlsl,
      false);
}

}  // namespace driftlab::ui
