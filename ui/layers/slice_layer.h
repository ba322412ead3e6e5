#pragma once
/// SliceLayer (3D): the chosen KDE quantity on the horizontal plane through the middle of the
/// display grid.
#include <vtkActor.h>
#include <vtkDataSetMapper.h>
#include <vtkNew.h>

#include "layers/density_image_layer.h"

namespace driftlab::ui {

class SliceLayer : public DensityImageLayer {
 public:
  SliceLayer();

 private:
  void redraw(DensityQuantity quantity, const DensityRange& range) override;

  vtkNew<vtkDataSetMapper> m_mapper;
  vtkNew<vtkActor> m_actor;
};

}  // namespace driftlab::ui
