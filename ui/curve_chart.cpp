#include "curve_chart.h"

#include <QGraphicsLineItem>
#include <QGraphicsSimpleTextItem>

#include <QCategoryAxis>
#include <QLineSeries>
#include <QMouseEvent>
#include <QValueAxis>
#include <algorithm>
#include <cmath>

namespace driftlab::ui {

CurveChart::CurveChart(const QString& id, const QString& description, bool logAxis, QWidget* parent)
    : QChartView(parent), m_id(id), m_log(logAxis) {
  auto* chart = new QChart;
  chart->setTheme(QChart::ChartThemeDark);
  chart->setBackgroundBrush(QColor(30, 33, 40));
  chart->setAnimationOptions(QChart::NoAnimation);
  chart->setDropShadowEnabled(false);  // raster blur: the most expensive part of a redraw
  chart->setBackgroundRoundness(0);
  chart->legend()->hide();
  chart->setTitle(id + (logAxis ? "  (log)" : ""));
  QFont titleFont = chart->titleFont();
  titleFont.setPointSizeF(std::max(7.0, titleFont.pointSizeF() * 0.85));
  chart->setTitleFont(titleFont);
  chart->setMargins(QMargins(2, 2, 2, 2));
  setToolTip(description);

  m_series = new QLineSeries(chart);
  m_series->setPen(QPen(QColor(110, 200, 240), 1.6));
  m_marker = new QLineSeries(chart);
  m_marker->setPen(QPen(QColor(250, 200, 90), 1.0));
  m_marker->setPointsVisible(true);
  m_marker->setMarkerSize(6);
  m_compare = new QLineSeries(chart);
  m_compare->setPen(QPen(QColor(240, 130, 110), 1.6));
  chart->addSeries(m_series);
  chart->addSeries(m_compare);
  chart->addSeries(m_marker);

  m_x = new QValueAxis(chart);
  m_x->setLabelFormat("%d");
  m_x->setTickCount(4);
  if (logAxis) {
    // The curve holds log10 of the values; the axis labels whole decades as 1e-3 etc.
    auto* y = new QCategoryAxis(chart);
    y->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    m_y = y;
  } else {
    auto* y = new QValueAxis(chart);
    y->setLabelFormat("%.3g");
    y->setTickCount(4);
    m_y = y;
  }
  for (QAbstractAxis* a : {static_cast<QAbstractAxis*>(m_x), m_y}) {
    QFont f = a->labelsFont();
    f.setPointSizeF(std::max(6.0, f.pointSizeF() * 0.8));
    a->setLabelsFont(f);
  }
  chart->addAxis(m_x, Qt::AlignBottom);
  chart->addAxis(m_y, Qt::AlignLeft);
  for (QLineSeries* s : {m_series, m_compare, m_marker}) {
    s->attachAxis(m_x);
    s->attachAxis(m_y);
  }
  // QChartView(QWidget*) made a default chart; setChart() only removes it from the view's scene
  // and hands it back ("the previous chart must be deleted", QChartView::setChart docs).
  QChart* placeholder = QChartView::chart();
  setChart(chart);
  delete placeholder;
  setRenderHint(QPainter::Antialiasing, false);
  setViewportUpdateMode(QGraphicsView::MinimalViewportUpdate);
  setMinimumSize(140, 70);  // small windows keep half their height for the view
  setMouseTracking(true);
  m_note = new QGraphicsSimpleTextItem(chart);
  m_note->setFont(m_x->labelsFont());
  m_note->setBrush(QColor(200, 205, 215));
  m_note->setZValue(11);
}

void CurveChart::setNote(const QString& note) {
  if (note == m_note->text()) return;
  m_note->setText(note);
  layoutEvents();
}

QString CurveChart::note() const {
  return m_note->text();
}

int CurveChart::pointCount() const {
  return int(m_series->count());
}

int CurveChart::yLabels() const {
  // About 45 px go to the title and the x labels; a label needs about 20 px.
  return std::clamp((height() - 45) / 20, 2, 4);
}

void CurveChart::setEvents(const QList<QPair<double, QString>>& events) {
  if (events == m_events) return;
  m_events = events;
  for (auto& [line, text] : m_eventItems) {
    delete line;
    delete text;
  }
  m_eventItems.clear();
  QFont font = m_x->labelsFont();
  for (const auto& [step, label] : m_events) {
    auto* line = new QGraphicsLineItem(chart());
    line->setPen(QPen(QColor(242, 196, 109), 1.0, Qt::DashLine));
    line->setToolTip(tr("step %1: %2").arg(step).arg(label));
    auto* text = new QGraphicsSimpleTextItem(label.left(28), chart());
    text->setFont(font);
    text->setBrush(QColor(242, 196, 109));
    text->setToolTip(line->toolTip());
    line->setZValue(10);
    text->setZValue(10);
    m_eventItems.emplace_back(line, text);
  }
  layoutEvents();
}

void CurveChart::layoutEvents() {
  const QRectF area = chart()->plotArea();
  // The note sits at the top of the plot, centred (it may be the only thing there).
  const QRectF box = m_note->boundingRect();
  m_note->setPos(area.center().x() - box.width() / 2, area.top() + 2);
  for (std::size_t i = 0; i < m_eventItems.size(); ++i) {
    const double step = m_events[int(i)].first;
    const double x = chart()->mapToPosition(QPointF(step, 0.0), m_series).x();
    const bool inside = step >= m_x->min() && step <= m_x->max();
    auto [line, text] = m_eventItems[i];
    line->setVisible(inside);
    text->setVisible(inside);
    line->setLine(x, area.top(), x, area.bottom());
    text->setPos(x + 2, area.top());
  }
}

void CurveChart::resizeEvent(QResizeEvent* event) {
  QChartView::resizeEvent(event);
  layoutEvents();
  // The x range is 1, 2 or 5 times a power of ten: fifths (or halves) are whole steps.
  const int xTicks = width() >= 300 ? 6 : 3;
  if (m_x->tickCount() != xTicks) m_x->setTickCount(xTicks);
  if (yLabels() == m_labels) return;  // only the axis, never the data, on a resize
  m_labels = yLabels();
  if (m_log)
    setDecades(m_decadeLo, m_decadeHi);
  else
    static_cast<QValueAxis*>(m_y)->setTickCount(m_labels);
}

void CurveChart::setPoints(const QList<QPointF>& points, double x0, double x1) {
  if (!m_log) {
    m_series->replace(points);
  } else {
    QList<QPointF> logs;
    logs.reserve(points.size());
    for (const QPointF& p : points) logs.append(QPointF(p.x(), std::log10(p.y())));
    m_series->replace(logs);
  }
  if (x1 < x0 + 3) x1 = x0 + 3;  // whole-step ticks: "0 1 2 3", never "0 0 0 1"
  m_x->setRange(x0, x1);
  layoutEvents();
  if (points.isEmpty() && m_compare->count() == 0) return;
  double lo = points.isEmpty() ? m_compare->at(0).y() : m_series->at(0).y(), hi = lo;
  for (const QLineSeries* series : {m_series, m_compare})
    for (const QPointF& p : series->points()) {
      lo = std::min(lo, p.y());
      hi = std::max(hi, p.y());
    }
  if (m_log) {
    setDecades(std::floor(lo), std::ceil(hi));
  } else {
    // Rounded out to nice steps: the axis (and its relayout) changes only now and then.
    const double span = hi > lo ? hi - lo : std::max(1e-12, 0.1 * std::abs(hi));
    const double step = niceStep(span / 4);  // finer than the labels: the curve fills the plot
    double a = step * std::floor(lo / step), b = step * std::ceil(hi / step);
    if (b <= a) b = a + step;
    if (a != static_cast<QValueAxis*>(m_y)->min() || b != static_cast<QValueAxis*>(m_y)->max())
      m_y->setRange(a, b);
  }
}

double niceStep(double x) {
  if (!(x > 0) || !std::isfinite(x)) return 1.0;
  const double decade = std::pow(10.0, std::floor(std::log10(x)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * decade >= x * (1 - 1e-12)) return m * decade;
  return 10.0 * decade;
}

void CurveChart::setComparePoints(const QList<QPointF>& points) {
  if (points.isEmpty() && m_compare->count() == 0) return;
  QList<QPointF> shown = points;
  if (m_log)
    for (QPointF& p : shown) p.setY(std::log10(p.y()));
  m_compare->replace(shown);
}

int CurveChart::comparePointCount() const {
  return int(m_compare->count());
}

std::pair<double, double> CurveChart::xRange() const {
  return {m_x->min(), m_x->max()};
}

void CurveChart::setDecades(double lo, double hi) {
  m_decadeLo = lo;
  m_decadeHi = hi;
  if (hi <= lo) hi = lo + 1;
  // At most yLabels() labelled decades (small charts elide crowded labels), on multiples of
  // the label stride.
  double stride = 1.0, a = lo, b = hi;
  if (m_labels <= 2) {
    // Room for two labels only: the two ends, one interval.
    stride = std::ceil(hi) - std::floor(lo);
    lo = std::floor(lo);
    hi = lo + stride;
  }
  for (; m_labels > 2; stride += 1.0) {
    a = stride * std::floor(lo / stride);
    b = std::max(a + stride, stride * std::ceil(hi / stride));
    // Two intervals are always reachable (a range across 1e0 needs them), so this ends.
    if ((b - a) / stride <= std::max(2, m_labels - 1) + 1e-9) break;
  }
  if (m_labels > 2) {
    lo = a;
    hi = b;
  }
  auto* axis = static_cast<QCategoryAxis*>(m_y);
  for (const QString& label : axis->categoriesLabels()) axis->remove(label);
  for (double e = lo; e <= hi + 0.5; e += stride) axis->append(QString("1e%1").arg(int(e)), e);
  axis->setStartValue(lo);
  axis->setRange(lo, hi);
}

void CurveChart::setMarker(double step, double value) {
  if (!std::isfinite(step) || !std::isfinite(value)) {
    m_marker->clear();
    return;
  }
  m_marker->replace(
      QList<QPointF>{QPointF(step, m_log ? std::log10(std::max(value, 1e-300)) : value)});
}

void CurveChart::mouseMoveEvent(QMouseEvent* event) {
  const QPointF value = chart()->mapToValue(event->position(), m_series);
  if (chart()->plotArea().contains(event->position())) emit hovered(value.x());
  QChartView::mouseMoveEvent(event);
}

void CurveChart::leaveEvent(QEvent* event) {
  emit hovered(std::nan(""));
  QChartView::leaveEvent(event);
}

}  // namespace driftlab::ui
