#include "layers/arrow_layer.h"

#include <algorithm>

#include "layers/point_geometry.h"

namespace driftlab::ui {

ArrowLayer::ArrowLayer()
    : Layer("arrows", QStringLiteral("Particle velocity arrows"), QKeySequence("A"), 1.0) {
  addProp(m_arrows.actor());
  setEnabled(false);
}

void ArrowLayer::update(const Snapshot& snapshot, const LayerFrame& frame) {
  if (!snapshot.particles || !snapshot.velocities) return;
  const PointSet& X = *snapshot.particles;
  const PointSet& V = *snapshot.velocities;
  const Eigen::Index n = std::min(X.rows(), V.rows());
  const Eigen::Index stride = std::max<Eigen::Index>(1, (n + kMaxArrows - 1) / kMaxArrows);
  // The typical (95th percentile) arrow spans 5% of the scene.
  const double scale = 0.05 * frame.extent / std::max(normQuantile(V, 0.95), 1e-300);
  const int d = std::min<int>(int(X.cols()), 3);
  std::vector<float> tails, vectors;
  std::vector<unsigned char> colors;
  for (Eigen::Index i = 0; i < n; i += stride) {
    for (int k = 0; k < 3; ++k) {
      tails.push_back(k < d ? float(X(i, k)) : 0.0f);
      vectors.push_back(k < d ? float(scale * V(i, k)) : 0.0f);
    }
    colors.insert(colors.end(), {205, 214, 232});
  }
  m_arrows.set(tails, vectors, colors);
}

}  // namespace driftlab::ui
