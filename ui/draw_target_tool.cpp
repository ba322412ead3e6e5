#include "draw_target_tool.h"

#include <vtkRenderer.h>
#include <QCursor>
#include <QMouseEvent>
#include <QPainter>
#include <QWidget>
#include <cmath>

#include "engine_bridge.h"
#include "targets/drawn_target.h"
#include "vtk_view.h"

namespace driftlab::ui {

/// The brush's outline over the view (it lets every mouse event through).
class BrushOutline : public QWidget {
 public:
  explicit BrushOutline(QWidget* view) : QWidget(view) {
    setAttribute(Qt::WA_TransparentForMouseEvents);
    setAttribute(Qt::WA_NoSystemBackground);
    setAttribute(Qt::WA_TranslucentBackground);
    hide();
  }
  void moveTo(const QPointF& at, bool erasing) {
    m_at = at;
    m_erasing = erasing;
    setGeometry(parentWidget()->rect());
    update();
  }

 protected:
  void paintEvent(QPaintEvent*) override {
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    p.setPen(QPen(m_erasing ? QColor(255, 120, 100) : QColor(235, 235, 235), 1.5));
    p.drawEllipse(m_at, DrawTargetTool::kBrushPixels, DrawTargetTool::kBrushPixels);
  }

 private:
  QPointF m_at;
  bool m_erasing = false;
};

DrawTargetTool::DrawTargetTool(VtkView* view, EngineBridge* bridge, QObject* parent)
    : QObject(parent), m_view(view), m_bridge(bridge), m_outline(new BrushOutline(view)) {
  m_applyTimer.setSingleShot(true);
  m_applyTimer.setInterval(kApplyMs);
  connect(&m_applyTimer, &QTimer::timeout, this, &DrawTargetTool::apply);
  m_view->installEventFilter(this);
}

void DrawTargetTool::setActive(bool active) {
  if (active == m_active) return;
  if (active && m_bridge->scene().dim != 2) {
    emit message(tr("Draw target: the painted target is 2D; switch to a 2D scene first"), true);
    emit activeChanged(false);
    return;
  }
  m_active = active;
  if (active) {
    const SceneConfig& s = m_bridge->scene();
    m_points = s.targetName == "drawn" && s.targetParams.has("points")
                   ? s.targetParams.points("points")
                   : std::vector<double>{};
    m_view->setCursor(Qt::CrossCursor);
    m_outline->moveTo(m_view->mapFromGlobal(QCursor::pos()), false);
    m_outline->show();
    emit message(tr("Draw target: left drag paints, right drag erases (Shift+D: done)"), false);
  } else {
    if (m_dirty) apply();
    m_button = Qt::NoButton;
    m_view->unsetCursor();
    m_outline->hide();
  }
  emit activeChanged(m_active);
}

QPointF DrawTargetTool::toWorld(const QPointF& viewPos) const {
  vtkRenderer* ren = m_view->renderer();
  const double dpr = m_view->devicePixelRatioF();
  const int height = m_view->renderWindow()->GetSize()[1];
  ren->SetDisplayPoint(viewPos.x() * dpr, height - 1 - viewPos.y() * dpr, 0.0);
  ren->DisplayToWorld();
  const double* w = ren->GetWorldPoint();
  const double s = w[3] != 0.0 ? 1.0 / w[3] : 1.0;
  return {w[0] * s, w[1] * s};
}

double DrawTargetTool::brushRadiusWorld(const QPointF& viewPos) const {
  const QPointF a = toWorld(viewPos), b = toWorld(viewPos + QPointF(kBrushPixels, 0.0));
  return std::hypot(b.x() - a.x(), b.y() - a.y());
}

bool DrawTargetTool::eventFilter(QObject* watched, QEvent* event) {
  if (!m_active || watched != m_view) return false;
  const auto type = event->type();
  if (type != QEvent::MouseButtonPress && type != QEvent::MouseButtonDblClick &&
      type != QEvent::MouseMove && type != QEvent::MouseButtonRelease)
    return false;
  auto* e = static_cast<QMouseEvent*>(event);
  m_outline->moveTo(e->position(), (e->buttons() & Qt::RightButton) != 0);
  if (type == QEvent::MouseButtonPress || type == QEvent::MouseButtonDblClick) {
    if (e->button() != Qt::LeftButton && e->button() != Qt::RightButton) return false;
    m_button = e->button();
    m_last = e->position();
    strokeTo(e->position());
    return true;
  }
  if (type == QEvent::MouseMove) {
    if (m_button == Qt::NoButton) return false;  // hover: the view's own handling
    strokeTo(e->position());
    return true;
  }
  // Release.
  if (e->button() != m_button) return m_button != Qt::NoButton;
  m_button = Qt::NoButton;
  m_applyTimer.stop();
  apply();
  return true;
}

void DrawTargetTool::strokeTo(const QPointF& viewPos) {
  // Along the path from the last position in steps of half a brush radius.
  const double pixels = std::hypot(viewPos.x() - m_last.x(), viewPos.y() - m_last.y());
  const int steps = std::max(1, int(std::ceil(pixels / (0.5 * kBrushPixels))));
  const bool first = pixels == 0.0;
  for (int k = first ? 0 : 1; k <= steps; ++k) {
    const QPointF at = m_last + (viewPos - m_last) * (double(k) / steps);
    const double radius = brushRadiusWorld(at);
    if (m_button == Qt::LeftButton)
      spray(toWorld(at), radius);
    else
      erase(toWorld(at), radius);
    if (first) break;
  }
  m_last = viewPos;
  m_dirty = true;
  if (!m_applyTimer.isActive()) m_applyTimer.start();
}

void DrawTargetTool::spray(const QPointF& world, double radius) {
  std::uniform_real_distribution<double> u(0.0, 1.0);
  for (int i = 0; i < kPointsPerStep && m_points.size() / 2 < kMaxDrawnPoints; ++i) {
    const double r = radius * std::sqrt(u(m_rng)), a = 2.0 * 3.14159265358979 * u(m_rng);
    m_points.push_back(world.x() + r * std::cos(a));
    m_points.push_back(world.y() + r * std::sin(a));
  }
}

void DrawTargetTool::erase(const QPointF& world, double radius) {
  std::vector<double> kept;
  kept.reserve(m_points.size());
  for (std::size_t i = 0; i + 1 < m_points.size(); i += 2) {
    const double dx = m_points[i] - world.x(), dy = m_points[i + 1] - world.y();
    if (dx * dx + dy * dy > radius * radius) {
      kept.push_back(m_points[i]);
      kept.push_back(m_points[i + 1]);
    }
  }
  m_points.swap(kept);
}

void DrawTargetTool::apply() {
  if (!m_dirty) return;
  m_dirty = false;
  if (m_points.empty()) {
    emit message(tr("Draw target: the painting is empty; paint at least one point"), true);
    return;
  }
  SceneConfig s = m_bridge->scene();
  if (s.dim != 2) return;
  if (s.targetName != "drawn") {
    s.targetName = "drawn";
    s.targetParams = ParamSet{};  // jitter's default
  }
  s.targetParams.set("points", m_points);
  m_bridge->applyScene(s);
}

}  // namespace driftlab::ui
