#pragma once
/// CurvesPanel: live curves of the diagnostics (Qt Charts). Which ones are shown is chosen
/// from the registry's list; rows arrive from EngineBridge (engine.drainDiagnostics()) and are
/// stored at once, but only one chart redraws per kRedrawMs tick (round robin) so that plotting
/// never holds up the GUI thread. Hovering a chart reads out every shown diagnostic at that step.
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

  explicit CurvesPanel(QWidget* parent = nullptr);
  const DiagnosticHistory& history() const { return m_history; }
  /// Ids of the diagnostics shown.
  QStringList shownIds() const;
  void setShown(const QStringList& ids);
  /// Writes the history as CSV; returns false (and the reason) on failure.
  bool exportCsv(const QString& path, QString* error = nullptr) const;
  /// Redraws now (normally done by the throttle timer).
  void redraw();

 public slots:
  void appendRows(const std::vector<DiagnosticRow>& rows);

 private:
  void rebuildCharts();
  void redrawChart(std::size_t c);
  void showReadout(double step);

  DiagnosticHistory m_history;
  QListWidget* m_list;
  QGridLayout* m_grid;
  QLabel* m_readout;
  std::vector<CurveChart*> m_charts;
  std::vector<int> m_columns;  ///< registry index of each chart
  std::vector<bool> m_stale;   ///< chart needs a redraw
  std::size_t m_next = 0;      ///< next chart in the round robin
  QTimer m_redraw;
};

}  // namespace driftlab::ui
