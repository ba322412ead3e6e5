#include "curves_panel.h"

#include <QFile>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QTextStream>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "curve_chart.h"
#include "registry/registry.h"

namespace driftlab::ui {

namespace {
const QStringList kDefaultShown = {"residual", "root_residual", "entropy",
                                   "kl",       "center",        "self_interaction"};
}

CurvesPanel::CurvesPanel(QWidget* parent) : QWidget(parent) {
  m_list = new QListWidget(this);
  m_list->setObjectName("curves.list");
  m_list->setMaximumWidth(200);  // "laplace_residual_share" without a scroll bar
  for (const auto& d : diagnostics().entries()) {
    auto* item = new QListWidgetItem(QString::fromStdString(d.id), m_list);
    item->setToolTip(QString::fromStdString(d.description));
    item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
    item->setCheckState(kDefaultShown.contains(item->text()) ? Qt::Checked : Qt::Unchecked);
  }
  m_readout = new QLabel(tr("hover a curve to read values"), this);
  m_readout->setObjectName("curves.readout");
  m_readout->setTextInteractionFlags(Qt::TextSelectableByMouse);
  auto* chartsHost = new QWidget(this);
  m_grid = new QGridLayout(chartsHost);
  m_grid->setContentsMargins(0, 0, 0, 0);
  m_grid->setSpacing(4);

  auto* right = new QVBoxLayout;
  right->addWidget(chartsHost, 1);
  right->addWidget(m_readout);
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(4, 4, 4, 4);
  layout->addWidget(m_list);
  layout->addLayout(right, 1);

  connect(m_list, &QListWidget::itemChanged, this, &CurvesPanel::rebuildCharts);
  // Repainting every chart at once stalls the GUI thread (the window composes the changed
  // area with the GL view, in software GL): one chart per tick, round robin, all on the shared
  // x range; when that range changes (rarely: it grows in nice steps) every chart is redrawn in
  // the same tick, so that their x extents never disagree.
  m_redraw.setInterval(kRedrawMs);
  connect(&m_redraw, &QTimer::timeout, this, [this] {
    if (!isVisible() || m_charts.empty()) return;
    if (sharedRange() != m_xRange) {
      // A new range reaches the charts one per tick like new data (all at once held the GUI
      // thread ~200 ms with six charts: tst_responsiveness); they agree again within a round.
      m_xRange = sharedRange();
      std::fill(m_stale.begin(), m_stale.end(), true);
    }
    for (std::size_t k = 0; k < m_charts.size(); ++k) {
      const std::size_t c = (m_next + k) % m_charts.size();
      if (!m_stale[c]) continue;
      redrawChart(c);
      m_next = c + 1;
      return;
    }
  });
  m_redraw.start();
  rebuildCharts();
}

void CurvesPanel::setChartsOnly(bool chartsOnly) {
  m_list->setVisible(!chartsOnly);
  m_readout->setVisible(!chartsOnly);
}

void CurvesPanel::setColumns(int columns) {
  m_fixedColumns = columns;
  rebuildCharts();
}

QStringList CurvesPanel::shownIds() const {
  QStringList ids;
  for (int i = 0; i < m_list->count(); ++i)
    if (m_list->item(i)->checkState() == Qt::Checked) ids << m_list->item(i)->text();
  return ids;
}

void CurvesPanel::setShown(const QStringList& ids) {
  const QSignalBlocker block(m_list);
  for (int i = 0; i < m_list->count(); ++i)
    m_list->item(i)->setCheckState(ids.contains(m_list->item(i)->text()) ? Qt::Checked
                                                                         : Qt::Unchecked);
  rebuildCharts();
}

void CurvesPanel::rebuildCharts() {
  for (CurveChart* c : m_charts) {
    m_grid->removeWidget(c);
    c->deleteLater();
  }
  m_charts.clear();
  m_columns.clear();
  m_stale.clear();
  const auto& entries = diagnostics().entries();
  const QStringList ids = shownIds();
  const int columns = m_fixedColumns > 0 ? m_fixedColumns
                      : ids.size() <= 4  ? std::max<int>(1, int(ids.size()))
                                         : 3;
  for (std::size_t i = 0; i < entries.size(); ++i) {
    const QString id = QString::fromStdString(entries[i].id);
    if (!ids.contains(id)) continue;
    auto* chart = new CurveChart(id, QString::fromStdString(entries[i].description),
                                 entries[i].logAxis, this);
    chart->setObjectName("curve." + id);
    const int slot = int(m_charts.size());
    m_grid->addWidget(chart, slot / columns, slot % columns);
    connect(chart, &CurveChart::hovered, this, &CurvesPanel::showReadout);
    m_charts.push_back(chart);
    m_columns.push_back(int(i));
    m_stale.push_back(true);
  }
  redraw();
}

void CurvesPanel::appendRows(const std::vector<DiagnosticRow>& rows) {
  m_history.append(rows);
  std::fill(m_stale.begin(), m_stale.end(), true);
}

void CurvesPanel::appendCompareRows(const std::vector<DiagnosticRow>& rows) {
  const bool first = m_compare.size() == 0;
  m_compare.append(rows);
  if (first && m_compare.size() > 0 && !m_readout->text().contains('=')) showReadout(std::nan(""));
  std::fill(m_stale.begin(), m_stale.end(), true);
}

void CurvesPanel::clearCompare() {
  m_compare.clear();
  if (!m_readout->text().contains('=')) showReadout(std::nan(""));
  redraw();
}

void CurvesPanel::clear() {
  m_history.clear();
  showReadout(std::nan(""));
  redraw();
}

std::pair<double, double> CurvesPanel::sharedRange() const {
  // The steps held, rounded up so that the range grows in steps (the curves move across the
  // plot instead of every frame rescaling the axis).
  auto [x0, last] = m_history.stepRange();
  if (m_compare.size() > 0) last = std::max(last, m_compare.stepRange().second);
  return {x0, x0 + niceStep(std::max(3.0, last - x0))};
}

void CurvesPanel::redrawChart(std::size_t c) {
  m_stale[c] = false;
  m_charts[c]->setComparePoints(
      m_compare.series(m_columns[c], kMaxPlotPoints, m_charts[c]->logAxis()));
  m_charts[c]->setPoints(m_history.series(m_columns[c], kMaxPlotPoints, m_charts[c]->logAxis()),
                         m_xRange.first, m_xRange.second);
  QList<QPair<double, QString>> events;
  for (const CurveEvent& e : m_history.events()) events.append({double(e.step), e.label});
  m_charts[c]->setEvents(events);
  m_charts[c]->setNote(chartNote(c));
}

QString CurvesPanel::chartNote(std::size_t c) const {
  if (m_history.size() == 0) return {};
  const DiagnosticInfo& entry = diagnostics().entries()[std::size_t(m_columns[c])];
  const DiagnosticHistory::ValueCounts n = m_history.counts(m_columns[c]);
  if (n.finite == 0) {
    // Nothing computed in this run: say why, so that an empty chart does not read as a bug.
    if (entry.forField) return tr("not defined for this flow");
    if (entry.mixtureOnly) return tr("defined for Gaussian-mixture targets only");
    return entry.every > 1 ? tr("computed every %1 steps").arg(entry.every) : QString();
  }
  if (!m_charts[c]->logAxis() || n.nonPositive == 0) return {};
  if (n.zero == n.finite) return tr("0 at every step (a log axis cannot show 0)");
  if (n.nonPositive == n.finite) return tr("every value <= 0: nothing on the log axis");
  return tr("%1 of %2 values <= 0 not drawn (log axis)").arg(n.nonPositive).arg(n.finite);
}

void CurvesPanel::addEvent(std::int64_t step, const QString& label) {
  m_history.addEvent(step, label);
  std::fill(m_stale.begin(), m_stale.end(), true);
}

void CurvesPanel::redraw() {
  m_xRange = sharedRange();
  for (std::size_t c = 0; c < m_charts.size(); ++c) redrawChart(c);
}

void CurvesPanel::showReadout(double step) {
  const DiagnosticRow* row = std::isfinite(step) ? m_history.nearest(step) : nullptr;
  if (!row) {
    m_readout->setText(tr("hover a curve to read values") +
                       (m_compare.size() ? tr("   (split view: blue left, orange right)") : ""));
    for (CurveChart* c : m_charts) c->setMarker(std::nan(""), 0);
    return;
  }
  QStringList parts{tr("step %1").arg(row->step)};
  const auto& rows = m_history.rows();
  const std::size_t at = std::size_t(row - rows.data());
  for (std::size_t c = 0; c < m_charts.size(); ++c) {
    const auto column = std::size_t(m_columns[c]);
    // Diagnostics computed every k-th step (and those not defined for this run) are NaN in
    // between: read the last value computed at or before the step, and say which step it is.
    std::size_t from = at;
    while (from > 0 && at - from < kReadoutLookBack &&
           !(column < rows[from].values.size() && std::isfinite(rows[from].values[column])))
      --from;
    const double v = column < rows[from].values.size() ? rows[from].values[column] : std::nan("");
    if (!std::isfinite(v)) {
      parts << QString("%1 = -").arg(m_charts[c]->id());
      m_charts[c]->setMarker(std::nan(""), 0);
      continue;
    }
    QString text = QString("%1 = %2").arg(m_charts[c]->id(), QString::number(v, 'g', 5));
    if (from != at) text += tr(" (step %1)").arg(rows[from].step);
    parts << text;
    m_charts[c]->setMarker(double(rows[from].step), v);
  }
  m_readout->setText(parts.join("   "));
}

bool CurvesPanel::exportCsv(const QString& path, QString* error) const {
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate | QIODevice::Text)) {
    if (error) *error = file.errorString();
    return false;
  }
  QTextStream out(&file);
  m_history.writeCsv(out);
  return true;
}

}  // namespace driftlab::ui
