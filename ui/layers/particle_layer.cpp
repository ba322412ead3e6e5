#include "layers/particle_layer.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "layers/color_maps.h"
#include "layers/point_geometry.h"

namespace driftlab::ui {

ParticleLayer::ParticleLayer()
    : Layer("particles", QStringLiteral("Particles"), QKeySequence("P"), 0.0), m_cloud(5.0) {
  addProp(m_cloud.actor());
}

void ParticleLayer::setPointSize(double pixels) {
  m_size = std::clamp(pixels, 1.0, 40.0);
  m_cloud.setSize(m_size * pixelRatio());
}

void ParticleLayer::update(const Snapshot& snapshot, const LayerFrame&) {
  if (!snapshot.particles) return;
  const Eigen::Index n = snapshot.particles->rows();
  m_count = n;
  m_stride = 1;
  while (!m_drawAll && n > m_budget * m_stride) m_stride *= 2;
  m_cloud.setPositions(*snapshot.particles, m_stride);
  m_speedScale = 0.0;
  if (m_mode == ColorMode::kSpeed && snapshot.velocities &&
      snapshot.velocities->rows() == snapshot.particles->rows())
    colorBySpeed(*snapshot.velocities);
  else if (snapshot.initial && snapshot.initial->rows() == snapshot.particles->rows())
    colorByInitialPosition(snapshot.initial);
  else
    m_cloud.fillColor(230, 230, 235);
}

std::optional<ColorLegend> ParticleLayer::legend() const {
  if (m_mode == ColorMode::kInitialPosition)
    return ColorLegend{QStringLiteral("particle hue: angle around the initial cloud's centre"),
                       std::nullopt};
  if (m_speedScale <= 0) return std::nullopt;
  // The ramp tops out at the 95th percentile; faster particles share its last colour.
  return ColorLegend{QStringLiteral("particle speed |v|"), ColorMap::speed(), 0.0, m_speedScale};
}

void ParticleLayer::colorBySpeed(const PointSet& V) {
  // Scale by a high quantile rather than the maximum so that one fast outlier does not wash
  // the whole cloud into the low end of the ramp.
  const double scale = std::max(normQuantile(V, 0.95), 1e-300);
  m_speedScale = scale;
  const auto& table = ColorMap::speed().table();
  unsigned char* c = m_cloud.colorBuffer();
  const Eigen::Index n = m_cloud.count(), d = V.cols();
  const double* v = V.data();
  for (Eigen::Index i = 0; i < n; ++i) {
    const double* row = v + i * m_stride * d;
    double s2 = 0.0;
    for (Eigen::Index k = 0; k < d; ++k) s2 += row[k] * row[k];
    const double t = std::sqrt(s2) / scale;
    const int idx = std::isfinite(t) ? int(std::min(t, 1.0) * 255.0 + 0.5) : 255;
    std::memcpy(c + 3 * i, table.data() + 3 * idx, 3);
  }
  m_cloud.colorsChanged();
}

void ParticleLayer::colorByInitialPosition(const std::shared_ptr<const PointSet>& initial) {
  const PointSet& X0 = *initial;
  const Eigen::Index n = X0.rows();
  if (m_initialColored != initial || m_initialColors.size() != std::size_t(3 * n)) {
    m_initialColored = initial;
    // Hue from the angle around the initial cloud's centre (in the first two axes),
    // saturation from the distance; computed once per initial cloud.
    m_initialColors.resize(std::size_t(3 * n));
    const Eigen::RowVectorXd centre = X0.colwise().mean();
    double radius = 1e-300;
    for (Eigen::Index i = 0; i < n; ++i) radius = std::max(radius, (X0.row(i) - centre).norm());
    for (Eigen::Index i = 0; i < n; ++i) {
      const double dx = X0(i, 0) - centre(0);
      const double dy = X0.cols() > 1 ? X0(i, 1) - centre(1) : 0.0;
      const double hue = std::atan2(dy, dx) / (2 * M_PI) + 0.5;
      const double r = std::sqrt(dx * dx + dy * dy) / (0.6 * radius);
      const auto rgb = hsvToRgb(hue, 0.25 + 0.7 * std::min(r, 1.0), 0.97);
      std::memcpy(m_initialColors.data() + 3 * i, rgb.data(), 3);
    }
  }
  unsigned char* c = m_cloud.colorBuffer();
  for (Eigen::Index i = 0; i < m_cloud.count(); ++i)
    std::memcpy(c + 3 * i, m_initialColors.data() + 3 * i * m_stride, 3);
  m_cloud.colorsChanged();
}

}  // namespace driftlab::ui
