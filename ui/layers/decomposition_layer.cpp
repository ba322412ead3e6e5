#include "layers/decomposition_layer.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "layers/grid_arrows.h"

namespace driftlab::ui {

namespace {

/// The median over the points of |residual| / |companion + residual|, where V is not ~0.
double medianResidualShare(const PointSet& companion, const PointSet& residual) {
  std::vector<double> shares;
  shares.reserve(std::size_t(residual.rows()));
  for (Eigen::Index i = 0; i < residual.rows(); ++i) {
    const double v = (companion.row(i) + residual.row(i)).norm();
    const double r = residual.row(i).norm();
    if (std::isfinite(v) && std::isfinite(r) && v > 0) shares.push_back(r / v);
  }
  if (shares.empty()) return std::nan("");
  auto mid = shares.begin() + std::ptrdiff_t(shares.size() / 2);
  std::nth_element(shares.begin(), mid, shares.end());
  return *mid;
}

}  // namespace

DecompositionLayer::DecompositionLayer()
    : Layer("decomposition", QStringLiteral("Laplace decomposition (companion, residual)"),
            QKeySequence("X"), -2.8) {
  addProp(m_arrows.actor());
  setEnabled(false);
}

std::optional<ColorLegend> DecompositionLayer::legend() const {
  switch (m_state) {
    case State::kDrawn:
      return ColorLegend{QStringLiteral("V = companion + residual\ngreen: companion c_q (s#_p - "
                                        "s#_q)\nmagenta: residual (c_p - c_q) s#_p"),
                         std::nullopt};
    case State::kUndefined:
      return ColorLegend{QStringLiteral("Laplace decomposition: defined for laplace only"),
                         std::nullopt};
    default:
      return std::nullopt;
  }
}

QString DecompositionLayer::captionNote() const {
  if (m_state == State::kDrawn && std::isfinite(m_residualShare))
    return QString("median |residual| / |V| = %1").arg(m_residualShare, 0, 'g', 2);
  return {};
}

void DecompositionLayer::update(const Snapshot& snapshot, const LayerFrame&) {
  const auto& grid = snapshot.grid;
  if (!grid || grid == m_shown || grid->resolution < 2) return;
  const bool sampled =
      grid->companion.rows() == grid->points.rows() && grid->residual.rows() == grid->points.rows();
  if (grid->hasDecomposition && !sampled) return;  // sampled before it was asked
  m_shown = grid;
  ArrowGeometry g;
  if (!grid->hasDecomposition) {
    m_state = State::kUndefined;
    m_arrows.set(g.tails, g.vectors, g.colors);
    return;
  }
  m_state = State::kDrawn;
  const ArrowSites sites = arrowSites(*grid, grid->lo.size() == 2 ? 16 : 5);
  const double scale = commonArrowScale(grid->companion, grid->residual);
  appendGridArrows(*grid, sites, grid->companion, 1.0, scale, kCompanion, g);
  appendGridArrows(*grid, sites, grid->residual, 1.0, scale, kResidual, g);
  m_arrows.set(g.tails, g.vectors, g.colors);
  m_residualShare = medianResidualShare(grid->companion, grid->residual);
}

}  // namespace driftlab::ui
