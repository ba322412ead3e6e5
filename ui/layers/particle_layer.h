#pragma once
/// ParticleLayer: the particles x_i as round sprites (our GLSL), coloured by speed |v(x_i)| or
/// by initial position (a hue wheel around the initial cloud's centre, which shows mixing).
/// Above a budget of drawn particles it draws every k-th one (k a power of two, so that a
/// coarser subsample is a subset of a finer one) unless "draw all" is on: software OpenGL
/// pays per point, and the picture is saturated anyway. LayerStack adapts the budget to the
/// measured frame time.
#include <vector>

#include "layers/layer.h"
#include "layers/sprite_cloud.h"

namespace driftlab::ui {

class ParticleLayer : public Layer {
 public:
  enum class ColorMode { kSpeed, kInitialPosition };

  static constexpr Eigen::Index kDefaultBudget = 65536;

  ParticleLayer();
  /// Largest number of particles drawn (when "draw all" is off).
  void setBudget(Eigen::Index budget) { m_budget = std::max<Eigen::Index>(1024, budget); }
  Eigen::Index budget() const { return m_budget; }
  /// Particles in the last snapshot shown.
  Eigen::Index count() const { return m_count; }
  void setDrawAll(bool all) { m_drawAll = all; }
  bool drawAll() const { return m_drawAll; }
  /// 1: every particle drawn; k: every k-th.
  Eigen::Index stride() const { return m_stride; }
  void setColorMode(ColorMode mode) { m_mode = mode; }
  ColorMode colorMode() const { return m_mode; }
  void setPointSize(double pixels);
  double pointSize() const { return m_size; }
  void update(const Snapshot& snapshot, const LayerFrame& frame) override;
  std::optional<ColorLegend> legend() const override;

 private:
  void pixelRatioChanged() override { m_cloud.setSize(m_size * pixelRatio()); }
  void colorBySpeed(const PointSet& V);
  void colorByInitialPosition(const std::shared_ptr<const PointSet>& initial);

  SpriteCloud m_cloud;
  ColorMode m_mode = ColorMode::kSpeed;
  double m_size = 5.0;
  bool m_drawAll = false;
  Eigen::Index m_budget = kDefaultBudget;
  Eigen::Index m_stride = 1;
  Eigen::Index m_count = 0;
  double m_speedScale = 0.0;  ///< the speed at the top of the ramp (0: not coloured by speed)
  std::shared_ptr<const PointSet> m_initialColored;
  std::vector<unsigned char> m_initialColors;
};

}  // namespace driftlab::ui
