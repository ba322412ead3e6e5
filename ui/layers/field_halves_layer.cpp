#include "layers/field_halves_layer.h"

#include "layers/grid_arrows.h"

namespace driftlab::ui {

FieldHalvesLayer::FieldHalvesLayer()
    : Layer("halves", QStringLiteral("V+ and V- apart (attraction, repulsion)"), QKeySequence("V"),
            -2.9) {
  addProp(m_arrows.actor());
  setEnabled(false);
}

std::optional<ColorLegend> FieldHalvesLayer::legend() const {
  if (!m_shown) return std::nullopt;
  return ColorLegend{QStringLiteral("v = V+ - V-\norange: V+ (towards the data)\n"
                                    "blue: -V- (away from the particles)"),
                     std::nullopt};
}

void FieldHalvesLayer::update(const Snapshot& snapshot, const LayerFrame&) {
  const auto& grid = snapshot.grid;
  if (!grid || grid == m_shown || grid->resolution < 2) return;
  if (grid->attraction.rows() != grid->points.rows()) return;  // sampled before it was asked
  m_shown = grid;
  const ArrowSites sites = arrowSites(*grid, grid->lo.size() == 2 ? 16 : 5);
  const double scale = commonArrowScale(grid->attraction, grid->repulsion);
  ArrowGeometry g;
  appendGridArrows(*grid, sites, grid->attraction, 1.0, scale, kAttraction, g);
  appendGridArrows(*grid, sites, grid->repulsion, -1.0, scale, kRepulsion, g);
  m_arrows.set(g.tails, g.vectors, g.colors);
}

}  // namespace driftlab::ui
