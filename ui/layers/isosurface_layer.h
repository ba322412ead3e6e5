#pragma once
/// IsosurfaceLayer (3D): translucent isosurfaces of p_h or q_h (at a quarter of the peak) or of
/// p_h - q_h (at +-30% of its largest magnitude: red where data outweigh particles, blue where
/// particles outweigh data).
#include <vtkActor.h>
#include <vtkContourFilter.h>
#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkPolyDataMapper.h>

#include "layers/layer.h"

namespace driftlab::ui {

class IsosurfaceLayer : public Layer {
 public:
  IsosurfaceLayer();
  bool supportsDim(int dim) const override { return dim == 3; }
  bool needsGrid() const override { return true; }
  void update(const Snapshot& snapshot, const LayerFrame& frame) override;

 private:
  vtkNew<vtkImageData> m_image;
  vtkNew<vtkContourFilter> m_contours;
  vtkNew<vtkPolyDataMapper> m_mapper;
  vtkNew<vtkActor> m_actor;
  std::shared_ptr<const FieldGrid> m_shown;
  DensityQuantity m_quantity = DensityQuantity::kDifference;
};

}  // namespace driftlab::ui
