#pragma once
/// FieldGlyphLayer: the velocity field on the engine's display grid (Snapshot::grid), as
/// arrows on every few grid points, length and colour by magnitude.
#include "layers/arrow_lines.h"
#include "layers/layer.h"

namespace driftlab::ui {

class FieldGlyphLayer : public Layer {
 public:
  FieldGlyphLayer();
  bool needsGrid() const override { return true; }
  void update(const Snapshot& snapshot, const LayerFrame& frame) override;
  std::optional<ColorLegend> legend() const override;

 private:
  ArrowLines m_arrows;
  std::shared_ptr<const FieldGrid> m_shown;
  double m_scale = 0.0;  ///< the magnitude at the top of the ramp
};

}  // namespace driftlab::ui
