#pragma once
/// DataLayer: the target samples y_j as small grey sprites (at most kMaxDrawn of them, an even
/// subsample by index: they are a backdrop, and software OpenGL pays per point).
#include "layers/layer.h"
#include "layers/sprite_cloud.h"

namespace driftlab::ui {

class DataLayer : public Layer {
 public:
  static constexpr Eigen::Index kMaxDrawn = 40000;
  DataLayer();
  void update(const Snapshot& snapshot, const LayerFrame& frame) override;

 private:
  static constexpr double kSize = 3.0;
  void pixelRatioChanged() override { m_cloud.setSize(kSize * pixelRatio()); }
  SpriteCloud m_cloud;
  std::shared_ptr<const PointSet> m_shown;
};

}  // namespace driftlab::ui
