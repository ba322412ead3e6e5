#pragma once
/// CurveChart: one diagnostic's live curve (Qt Charts), on a log axis when the registry says
/// it helps; reports the step under the mouse for the hover read-out.
#include <QChartView>
#include <vector>

class QLineSeries;
class QValueAxis;
class QAbstractAxis;
class QGraphicsLineItem;
class QGraphicsSimpleTextItem;

namespace driftlab::ui {

/// The smallest of 1, 2, 5 times a power of ten that is >= x (axis steps and
/// extents that change rarely and read well).
double niceStep(double x);

class CurveChart : public QChartView {
  Q_OBJECT
 public:
  CurveChart(const QString& id, const QString& description, bool logAxis,
             QWidget* parent = nullptr);
  const QString& id() const { return m_id; }
  bool logAxis() const { return m_log; }
  /// Replaces the curve; the x axis shows [x0, x1] (shared by every chart), the y axis follows
  /// the data.
  void setPoints(const QList<QPointF>& points, double x0, double x1);
  /// Split view: the right side's curve (drawn in another colour; the y axis takes both in).
  /// Set it before setPoints(), which fits the axes.
  void setComparePoints(const QList<QPointF>& points);
  int comparePointCount() const;
  /// The x axis range shown.
  std::pair<double, double> xRange() const;
  /// Draws a marker at `step` (NaN: none).
  void setMarker(double step, double value);
  int pointCount() const;
  /// Vertical markers with a short label (parameter changes, forks) at these steps; the full
  /// label is the marker's tooltip.
  void setEvents(const QList<QPair<double, QString>>& events);
  /// The markers drawn (what the tests read).
  int eventCount() const { return int(m_eventItems.size()); }
  /// A one-line remark drawn in the plot (why a curve is missing or incomplete); empty: none.
  void setNote(const QString& note);
  QString note() const;

 signals:
  void hovered(double step);

 protected:
  void mouseMoveEvent(QMouseEvent* event) override;
  void leaveEvent(QEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;

 private:
  /// Log axis: shows the decades [lo, hi] (integer exponents).
  void setDecades(double lo, double hi);

  /// Places the event markers for the current axes and plot area.
  void layoutEvents();
  /// Labels the y axis has room for (Qt Charts elides them all when they crowd).
  int yLabels() const;

  QString m_id;
  int m_labels = 4;                           ///< y labels in use
  double m_decadeLo = 0.0, m_decadeHi = 1.0;  ///< log axis: the data's decades shown
  bool m_log;
  QLineSeries* m_series;
  QLineSeries* m_marker;
  QLineSeries* m_compare;
  QValueAxis* m_x;
  QAbstractAxis* m_y;
  QList<QPair<double, QString>> m_events;
  std::vector<std::pair<QGraphicsLineItem*, QGraphicsSimpleTextItem*>> m_eventItems;
  QGraphicsSimpleTextItem* m_note;
};

}  // namespace driftlab::ui
