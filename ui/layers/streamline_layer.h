#pragma once
/// StreamlineLayer: streamlines of the velocity field on the display grid (VTK's
/// vtkStreamTracer, RK4 in both directions), seeded on a coarse grid (2D) or a sparse 3D
/// grid, coloured by |v|; a short arrow at each seed gives the direction of the flow.
#include <vtkActor.h>
#include <vtkImageData.h>
#include <vtkNew.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkStreamTracer.h>

#include "layers/arrow_lines.h"
#include "layers/layer.h"

namespace driftlab::ui {

class StreamlineLayer : public Layer {
 public:
  StreamlineLayer();
  bool needsGrid() const override { return true; }
  void update(const Snapshot& snapshot, const LayerFrame& frame) override;
  std::optional<ColorLegend> legend() const override;

  /// Seeds per axis: 2D, 3D.
  static constexpr int kSeeds2D = 14, kSeeds3D = 5;
  /// Points of the streamlines last traced (for tests).
  vtkIdType pointCount() const;

 private:
  void setSeeds(const FieldGrid& grid);

  vtkNew<vtkImageData> m_image;
  vtkNew<vtkPolyData> m_seeds;
  vtkNew<vtkStreamTracer> m_tracer;
  vtkNew<vtkPolyDataMapper> m_mapper;
  vtkNew<vtkActor> m_actor;
  ArrowLines m_arrows;
  std::shared_ptr<const FieldGrid> m_shown;
  double m_scale = 0.0;  ///< |v| at the top of the ramp
};

}  // namespace driftlab::ui
