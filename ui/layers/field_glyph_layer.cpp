#include "layers/field_glyph_layer.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "layers/color_maps.h"
#include "layers/point_geometry.h"

namespace driftlab::ui {

FieldGlyphLayer::FieldGlyphLayer()
    : Layer("field", QStringLiteral("Velocity field glyphs"), QKeySequence("G"), -3.0) {
  addProp(m_arrows.actor());
  setEnabled(false);
}

std::optional<ColorLegend> FieldGlyphLayer::legend() const {
  if (!m_shown) return std::nullopt;
  return ColorLegend{QStringLiteral("field |v| (glyphs)"), ColorMap::field(), 0.0, m_scale};
}

void FieldGlyphLayer::update(const Snapshot& snapshot, const LayerFrame&) {
  const auto& grid = snapshot.grid;
  if (!grid || grid == m_shown || grid->resolution < 2) return;
  m_shown = grid;
  const int d = int(grid->lo.size());
  const int res = grid->resolution;
  const int perAxis = d == 2 ? 20 : 6;
  const int stride = std::max(1, res / perAxis);
  double cell = std::numeric_limits<double>::infinity();
  for (int k = 0; k < d; ++k)
    cell = std::min(cell, stride * (grid->hi[k] - grid->lo[k]) / (res - 1));
  const double scale = std::max(normQuantile(grid->velocity, 0.9), 1e-300);
  m_scale = scale;
  const ColorMap& map = ColorMap::field();
  std::vector<float> tails, vectors;
  std::vector<unsigned char> colors;
  const int offset = (res - 1) % stride / 2;  // centre the subgrid in the box
  const int nz = d == 3 ? res : 1;
  for (int z = d == 3 ? offset : 0; z < nz; z += (d == 3 ? stride : 1))
    for (int y = offset; y < res; y += stride)
      for (int x = offset; x < res; x += stride) {
        const Eigen::Index i = x + Eigen::Index(res) * (y + Eigen::Index(res) * z);
        const auto v = grid->velocity.row(i);
        const double mag = v.norm();
        if (!std::isfinite(mag)) continue;
        // Lengths saturate at one cell so that strong regions do not cover the picture.
        const double t = std::min(mag / scale, 1.0);
        const double len = 0.8 * cell * std::sqrt(t);
        for (int k = 0; k < 3; ++k) {
          tails.push_back(k < d ? float(grid->points(i, k)) : 0.0f);
          vectors.push_back(k < d && mag > 0 ? float(len * v(k) / mag) : 0.0f);
        }
        const Rgb c = map.at(t);
        for (int k = 0; k < 3; ++k) colors.push_back(static_cast<unsigned char>(255 * c[k]));
      }
  m_arrows.set(tails, vectors, colors);
}

}  // namespace driftlab::ui
