#pragma once
/// InspectorLayer: what pulls the inspected point (issue 16 item 5). The data and particles
/// that carry kernel weight for that point, coloured by the weight (log10 of w / w_max over
/// three decades; data drawn larger than particles), the point itself as a large white dot, and
/// its V+ (data pull), V- (particle pull) and V = V+ - V- as arrows from the point, each
/// labelled in its colour; for laplace also the two parts of the sharp-companion split. The
/// Inspector computes the numbers (core/fields/point_inspection.h) and hands them over.
#include <vtkBillboardTextActor3D.h>
#include <vtkNew.h>
#include <array>

#include "fields/point_inspection.h"
#include "layers/arrow_lines.h"
#include "layers/layer.h"
#include "layers/sprite_cloud.h"

namespace driftlab::ui {

class InspectorLayer : public Layer {
 public:
  static constexpr double kDecades = 3.0;  ///< weights below 10^-3 w_max are not drawn
  static constexpr int kMaxArrows = 5;
  static constexpr Eigen::Index kMaxDrawn = 20000;  ///< centres drawn per side (the heaviest)
  /// Arrow colours (RGB bytes): V+, V-, V, sharp companion, sharp residual.
  static const std::array<std::array<unsigned char, 3>, kMaxArrows>& arrowColors();
  static const std::array<const char*, kMaxArrows>& arrowNames();

  InspectorLayer();
  ~InspectorLayer() override;
  /// Shows `inspection` (positions read from data: M x d and particles: N x d); an
  /// unavailable inspection shows the point only.
  void setInspection(const PointInspection& inspection, const PointSet& data,
                     const PointSet& particles);
  /// Removes everything drawn.
  void clearInspection();
  bool hasInspection() const { return m_has; }
  /// Centres drawn on each side (for tests).
  vtkIdType dataDrawn() const { return m_data.count(); }
  vtkIdType particlesDrawn() const { return m_particles.count(); }
  /// World length of the longest arrow drawn (0 without arrows).
  double arrowScale() const { return m_arrowScale; }

  bool savedInScene() const override { return false; }  ///< a pick is not part of a scene
  void update(const Snapshot& snapshot, const LayerFrame& frame) override;
  std::optional<ColorLegend> legend() const override;

 private:
  void pixelRatioChanged() override;
  void drawCentres(SpriteCloud& cloud, const Vector& weights, const PointSet& points,
                   double maxWeight);
  void drawArrows(const PointInspection& r, double extent);
  void placeLabels();

  SpriteCloud m_data, m_particles, m_marker;
  ArrowLines m_arrows;
  std::array<vtkNew<vtkBillboardTextActor3D>, kMaxArrows> m_labels;
  std::array<std::array<double, 3>, kMaxArrows> m_labelAt{};
  int m_labelCount = 0;
  bool m_has = false;
  double m_arrowScale = 0.0;
};

}  // namespace driftlab::ui
