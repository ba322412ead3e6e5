#pragma once
/// TrailLayer: the last K positions of (up to kMaxTracked evenly chosen) particles as fading
/// polylines, one new position per displayed step.
#include <vtkActor.h>
#include <vtkNew.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vector>

#include "layers/layer.h"

namespace driftlab::ui {

class TrailLayer : public Layer {
 public:
  static constexpr int kMaxTracked = 2000;
  TrailLayer();
  /// K, the number of positions kept per particle (2..500).
  void setLength(int k);
  int length() const { return m_length; }
  void update(const Snapshot& snapshot, const LayerFrame& frame) override;
  std::optional<ColorLegend> legend() const override;

 private:
  void clear();
  void rebuild();

  int m_length = 30;
  std::int64_t m_lastStep = -1;
  Eigen::Index m_particleCount = -1;
  Eigen::Index m_stride = 1;
  int m_tracked = 0;
  int m_filled = 0, m_head = 0;  ///< ring buffer of m_length frames
  std::vector<float> m_ring;     ///< m_length x m_tracked x 3
  vtkNew<vtkPolyData> m_poly;
  vtkNew<vtkPolyDataMapper> m_mapper;
  vtkNew<vtkActor> m_actor;
};

}  // namespace driftlab::ui
