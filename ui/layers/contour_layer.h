#pragma once
/// ContourLayer (2D): contour lines of p_h, q_h or p_h - q_h on the display grid.
#include <vtkActor.h>
#include <vtkContourFilter.h>
#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkPolyDataMapper.h>

#include "layers/layer.h"

namespace driftlab::ui {

class ContourLayer : public Layer {
 public:
  static constexpr int kLevels = 8;
  ContourLayer();
  bool supportsDim(int dim) const override { return dim == 2; }
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
