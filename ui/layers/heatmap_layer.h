#pragma once
/// HeatmapLayer (2D): the KDE p_h, q_h or p_h - q_h on the display grid as a smooth image
/// under everything else.
#include <vtkActor.h>
#include <vtkDataSetMapper.h>
#include <vtkImageData.h>
#include <vtkNew.h>

#include "layers/layer.h"

namespace driftlab::ui {

class HeatmapLayer : public Layer {
 public:
  HeatmapLayer();
  bool supportsDim(int dim) const override { return dim == 2; }
  bool needsGrid() const override { return true; }
  void update(const Snapshot& snapshot, const LayerFrame& frame) override;

 private:
  vtkNew<vtkImageData> m_image;
  vtkNew<vtkDataSetMapper> m_mapper;
  vtkNew<vtkActor> m_actor;
  std::shared_ptr<const FieldGrid> m_shown;
  DensityQuantity m_quantity = DensityQuantity::kDifference;
};

}  // namespace driftlab::ui
