#pragma once
/// IsosurfaceLayer (3D): translucent isosurfaces of p_h or q_h (at a quarter of the peak) or of
/// p_h - q_h (at +-30% of its largest magnitude: red where data outweigh particles, blue where
/// particles outweigh data).
#include <vtkActor.h>
#include <vtkContourFilter.h>
#include <vtkNew.h>
#include <vtkPolyDataMapper.h>

#include "layers/density_image_layer.h"

namespace driftlab::ui {

class IsosurfaceLayer : public DensityImageLayer {
 public:
  IsosurfaceLayer();

 private:
  void redraw(DensityQuantity quantity, const DensityRange& range) override;

  vtkNew<vtkContourFilter> m_contours;
  vtkNew<vtkPolyDataMapper> m_mapper;
  vtkNew<vtkActor> m_actor;
};

}  // namespace driftlab::ui
