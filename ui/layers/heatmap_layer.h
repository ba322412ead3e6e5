#pragma once
/// HeatmapLayer (2D): the KDE p_h, q_h or p_h - q_h on the display grid as a smooth image
/// under everything else.
#include <vtkActor.h>
#include <vtkDataSetMapper.h>
#include <vtkNew.h>

#include "layers/density_image_layer.h"

namespace driftlab::ui {

class HeatmapLayer : public DensityImageLayer {
 public:
  HeatmapLayer();

 private:
  void redraw(DensityQuantity quantity, const DensityRange& range) override;

  vtkNew<vtkDataSetMapper> m_mapper;
  vtkNew<vtkActor> m_actor;
};

}  // namespace driftlab::ui
