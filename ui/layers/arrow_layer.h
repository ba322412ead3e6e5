#pragma once
/// ArrowLayer: the velocity v(x_i) of (a subset of at most kMaxArrows) particles as arrows.
#include "layers/arrow_lines.h"
#include "layers/layer.h"

namespace driftlab::ui {

class ArrowLayer : public Layer {
 public:
  static constexpr int kMaxArrows = 800;
  ArrowLayer();
  void update(const Snapshot& snapshot, const LayerFrame& frame) override;

 private:
  ArrowLines m_arrows;
};

}  // namespace driftlab::ui
