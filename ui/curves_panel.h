#pragma once
/// CurvesPanel: live curves of the diagnostics (Qt Charts). Which ones are shown is chosen
/// from the registry's list; rows arrive from EngineBridge (engine.drainDiagnostics()) and are
/// all stored (the CSV export writes every one); the drawing is decimated to kMaxPlotPoints per
/// chart. Every chart shows the same x range (the steps held, rounded up to a nice number);
/// new data reach one chart per kRedrawMs tick (round robin, so that plotting never holds up
/// the view), and a change of the range reaches them the same way, within one round. Hovering a
/// chart reads out every shown diagnostic at that step.
#include <QTimer>
#include <QWidget>
#include <vector>

#include "diagnostic_history.h"

class QListWidget;
class QLabel;
class QGridLayout;

namespace driftlab::ui {

class CurveChart;

class CurvesPanel : public QWidget {
  Q_OBJECT
 public:
  static constexpr int kRedrawMs = 80;
  static constexpr int kMaxPlotPoints = 600;
  /// The hover read-out looks this many rows back for a diagnostic not computed at the step.
  static constexpr std::size_t kReadoutLookBack = 200;

  explicit CurvesPanel(QWidget* parent = nullptr);
  const DiagnosticHistory& history() const { return m_history; }
  /// Ids of the diagnostics shown.
  QStringList shownIds() const;
  void setShown(const QStringList& ids);
  /// Writes the history as CSV; returns false (and the reason) on failure.
  bool exportCsv(const QString& path, QString* error = nullptr) const;
  /// Redraws every chart now (normally done by the throttle timer).
  void redraw();
  /// Forgets every row (a new scene starts clean) and redraws.
  void clear();
  /// Shows only the charts (no list of diagnostics, no read-out): the recorder's frames.
  void setChartsOnly(bool chartsOnly);
  /// Charts per row (0: by count, as on screen).
  void setColumns(int columns);
  /// The charts shown, in layout order.
  const std::vector<CurveChart*>& charts() const { return m_charts; }

 public slots:
  void appendRows(const std::vector<DiagnosticRow>& rows);
  /// A labelled marker on every chart at `step` (a parameter change, a fork).
  void addEvent(std::int64_t step, const QString& label);
  /// Split view: the right side's rows, a second curve in another colour on every chart.
  void appendCompareRows(const std::vector<DiagnosticRow>& rows);

 public:
  /// Forgets the right side's rows (the split closed or started over).
  void clearCompare();
  const DiagnosticHistory& compareHistory() const { return m_compare; }

 private:
  void rebuildCharts();
  void redrawChart(std::size_t c);
  /// The x range every chart shows.
  std::pair<double, double> sharedRange() const;
  void showReadout(double step);
  /// Why chart c shows no curve or only part of it (not defined for this run, values <= 0 on
  /// a log axis); empty when it shows every value.
  QString chartNote(std::size_t c) const;

  DiagnosticHistory m_history;
  DiagnosticHistory m_compare;  ///< the split view's right side (empty without a split)
  QListWidget* m_list;
  QGridLayout* m_grid;
  QLabel* m_readout;
  std::vector<CurveChart*> m_charts;
  std::vector<int> m_columns;                    ///< registry index of each chart
  std::vector<bool> m_stale;                     ///< chart needs new data
  std::size_t m_next = 0;                        ///< next chart in the round robin
  std::pair<double, double> m_xRange{0.0, 0.0};  ///< the range every chart shows
  QTimer m_redraw;
  int m_fixedColumns = 0;
};

}  // namespace driftlab::ui
