#pragma once
/// Draw target (issue 18): paint the `drawn` target's points in the 2D view. While active, a
/// left drag sprays points within the brush radius along the path, a right drag erases the
/// points within it; the wheel still zooms (middle drag pans). The scene's target becomes
/// `drawn` with the painted points, applied through the engine every 100 ms while dragging
/// and on release, so File > Save writes them (target.points). Starts from the scene's own
/// points when its target is already `drawn`, else from an empty canvas.
#include <QObject>
#include <QPointF>
#include <QTimer>
#include <random>
#include <vector>

namespace driftlab::ui {

class BrushOutline;
class EngineBridge;
class VtkView;

class DrawTargetTool : public QObject {
  Q_OBJECT
 public:
  /// Brush radius on screen (logical pixels) and points sprayed per radius of path.
  static constexpr double kBrushPixels = 18.0;
  static constexpr int kPointsPerStep = 6;
  static constexpr int kApplyMs = 100;

  DrawTargetTool(VtkView* view, EngineBridge* bridge, QObject* parent = nullptr);

  bool isActive() const { return m_active; }
  /// Turns the tool on (2D scenes only: else emits message and stays off) or off.
  void setActive(bool active);
  /// The painting (flat x0, y0, x1, y1, ...), as last applied or being painted.
  const std::vector<double>& points() const { return m_points; }

 signals:
  void activeChanged(bool active);
  /// A one-line note for the status bar (why the tool is off, an empty painting).
  void message(const QString& text, bool error);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  /// World position of a view position (logical pixels) and the brush radius there.
  QPointF toWorld(const QPointF& viewPos) const;
  double brushRadiusWorld(const QPointF& viewPos) const;
  void strokeTo(const QPointF& viewPos);
  void spray(const QPointF& world, double radius);
  void erase(const QPointF& world, double radius);
  void apply();

  VtkView* m_view;
  EngineBridge* m_bridge;
  bool m_active = false;
  bool m_dirty = false;
  Qt::MouseButton m_button = Qt::NoButton;  ///< the dragging button (left: paint, right: erase)
  QPointF m_last;                           ///< last stroke position (view, logical pixels)
  std::vector<double> m_points;
  std::mt19937_64 m_rng{20261206};
  QTimer m_applyTimer;
  BrushOutline* m_outline;  ///< owned by the view
};

}  // namespace driftlab::ui
