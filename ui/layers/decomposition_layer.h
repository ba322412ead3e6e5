#pragma once
/// DecompositionLayer: the sharp-companion decomposition of the `laplace` field on the
/// display grid, V = c_q (s#_p - s#_q) + (c_p - c_q) s#_p (SPEC §3): the conservative
/// companion in green and the residual term in magenta, on one length scale. For other flows
/// it draws nothing and says so.
#include "layers/arrow_lines.h"
#include "layers/layer.h"

namespace driftlab::ui {

class DecompositionLayer : public Layer {
 public:
  DecompositionLayer();
  bool needsGrid() const override { return true; }
  void addGridExtras(GridRequest& request) const override { request.decomposition = true; }
  void update(const Snapshot& snapshot, const LayerFrame& frame) override;
  std::optional<ColorLegend> legend() const override;
  QString captionNote() const override;

  static constexpr Rgb kCompanion = {0.45f, 0.86f, 0.45f};
  static constexpr Rgb kResidual = {0.96f, 0.42f, 0.88f};

 private:
  enum class State { kNone, kDrawn, kUndefined };
  ArrowLines m_arrows;
  std::shared_ptr<const FieldGrid> m_shown;
  State m_state = State::kNone;
  double m_residualShare = 0.0;  ///< median over the grid of |residual| / |V|
};

}  // namespace driftlab::ui
