#pragma once
/// SliceLayer (3D): the chosen KDE quantity on the horizontal plane through the middle of the
/// display grid.
#include <vtkActor.h>
#include <vtkDataSetMapper.h>
#include <vtkImageData.h>
#include <vtkNew.h>

#include "layers/layer.h"

namespace driftlab::ui {

class SliceLayer : public Layer {
 public:
  SliceLayer();
  bool supportsDim(int dim) const override { return dim == 3; }
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
