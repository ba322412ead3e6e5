#pragma once
/// ContourLayer (2D): contour lines of p_h, q_h or p_h - q_h on the display grid.
#include <vtkActor.h>
#include <vtkContourFilter.h>
#include <vtkNew.h>
#include <vtkPolyDataMapper.h>

#include "layers/density_image_layer.h"

namespace driftlab::ui {

class ContourLayer : public DensityImageLayer {
 public:
  static constexpr int kLevels = 8;
  ContourLayer();

 private:
  void redraw(DensityQuantity quantity, const DensityRange& range) override;

  vtkNew<vtkContourFilter> m_contours;
  vtkNew<vtkPolyDataMapper> m_mapper;
  vtkNew<vtkActor> m_actor;
};

}  // namespace driftlab::ui
