#pragma once
/// DensityImageLayer: base of the layers drawn from the engine's density grid (heatmap,
/// contours, slice plane, isosurface). It refills the image only when the grid or the shown
/// quantity changes, and hands the new value range to the subclass.
#include <vtkImageData.h>
#include <vtkNew.h>

#include <memory>

#include "layers/density_image.h"
#include "layers/layer.h"

class vtkActor;
class vtkMapper;

namespace driftlab::ui {

class DensityImageLayer : public Layer {
 public:
  /// gridDim: the grid dimension this layer draws (2 or 3); middleSlice: draw only the middle
  /// z slice of a 3D grid (see fillDensityImage). Density layers start hidden.
  DensityImageLayer(QString id, QString title, QKeySequence shortcut, double zOrder, int gridDim,
                    bool middleSlice = false);
  bool supportsDim(int dim) const override { return dim == m_gridDim; }
  bool needsGrid() const override { return true; }
  void update(const Snapshot& snapshot, const LayerFrame& frame) final;
  std::optional<ColorLegend> legend() const override;

 protected:
  /// The image the subclass's pipeline reads (point scalars "density").
  vtkImageData* image() { return m_image; }
  /// Called after the image was refilled for `quantity`, with its display range.
  virtual void redraw(DensityQuantity quantity, const DensityRange& range) = 0;
  /// Adds `actor` drawing `mapper`, not pickable; unlit unless `lit` (surfaces).
  void addDensityActor(vtkActor* actor, vtkMapper* mapper, bool lit = false);
  /// Colours `mapper`'s scalars with `map` over `range`.
  static void colorByDensity(vtkMapper* mapper, const ColorMap& map, const DensityRange& range);

 private:
  vtkNew<vtkImageData> m_image;
  int m_gridDim;
  bool m_middleSlice;
  std::shared_ptr<const FieldGrid> m_shown;
  DensityQuantity m_quantity = DensityQuantity::kDifference;
  DensityRange m_range;
};

}  // namespace driftlab::ui
