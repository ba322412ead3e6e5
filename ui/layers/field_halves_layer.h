#pragma once
/// FieldHalvesLayer: the field's two halves drawn apart on the display grid, v = V+ - V-:
/// the attraction V+ (towards the data) in orange and the repulsion -V- (away from the
/// particles) in blue, on one length scale so that where they cancel shows.
#include "layers/arrow_lines.h"
#include "layers/layer.h"

namespace driftlab::ui {

class FieldHalvesLayer : public Layer {
 public:
  FieldHalvesLayer();
  bool needsGrid() const override { return true; }
  void addGridExtras(GridRequest& request) const override { request.halves = true; }
  void update(const Snapshot& snapshot, const LayerFrame& frame) override;
  std::optional<ColorLegend> legend() const override;

  static constexpr Rgb kAttraction = {1.00f, 0.60f, 0.22f};
  static constexpr Rgb kRepulsion = {0.35f, 0.66f, 1.00f};

 private:
  ArrowLines m_arrows;
  std::shared_ptr<const FieldGrid> m_shown;
};

}  // namespace driftlab::ui
