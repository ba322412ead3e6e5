#pragma once
/// CurlLayer: the curl of the field from its closed-form Jacobian on the display grid. 2D: the
/// scalar curl J21 - J12 as a heatmap on a diverging ramp symmetric about 0; 3D: the curl
/// vector's norm on the horizontal plane through the middle of the grid. A gradient flow's
/// curl is rounding noise: the ramp never spans less than kNoiseFloor times the Jacobian's
/// scale, so that noise draws as the background, and the caption says so.
#include <vtkActor.h>
#include <vtkDataSetMapper.h>
#include <vtkImageData.h>
#include <vtkNew.h>

#include "layers/layer.h"

namespace driftlab::ui {

class CurlLayer : public Layer {
 public:
  /// The smallest colour range, relative to the 90th percentile of ||J||_F on the grid.
  static constexpr double kNoiseFloor = 1e-6;
  /// A curl below this times ||J||_F is zero up to rounding.
  static constexpr double kRoundingRatio = 1e-9;

  CurlLayer();
  bool needsGrid() const override { return true; }
  void addGridExtras(GridRequest& request) const override { request.curl = true; }
  void update(const Snapshot& snapshot, const LayerFrame& frame) override;
  std::optional<ColorLegend> legend() const override;
  QString captionNote() const override;

  /// The colour range shown: [-m, m] in 2D, [0, m] in 3D (0 before the first grid); m is the
  /// 98th percentile of |curl| on the slice shown, at least kNoiseFloor ||J||.
  double rangeMax() const { return m_rangeMax; }
  /// The largest |curl| on the grid last drawn.
  double maxAbsCurl() const { return m_maxAbs; }

 private:
  vtkNew<vtkImageData> m_image;
  vtkNew<vtkDataSetMapper> m_mapper;
  vtkNew<vtkActor> m_actor;
  std::shared_ptr<const FieldGrid> m_shown;
  int m_gridDim = 2;
  double m_maxAbs = 0.0, m_rangeMax = 0.0, m_jacobianScale = 0.0;
  bool m_conservative = false;
};

}  // namespace driftlab::ui
