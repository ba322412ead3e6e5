#pragma once
/// DiagnosticHistory: every diagnostic row of the current run, one per step the engine computed
/// diagnostics for (a row for an earlier step - reset, step back - rewinds to it). Rows are never
/// thinned: the CSV export holds all of them; only the drawing is decimated (series()).
#include <QList>
#include <QPointF>
#include <QString>
#include <vector>

#include "engine/simulation.h"

class QTextStream;

namespace driftlab::ui {

/// A parameter change (or a fork after scrubbing back) at a step: a marker on every curve and
/// the CSV's `event` column.
struct CurveEvent {
  std::int64_t step = 0;
  QString label;
};

class DiagnosticHistory {
 public:
  /// Appends rows (oldest first); rows without values are skipped.
  void append(const std::vector<DiagnosticRow>& rows);
  void clear() {
    m_rows.clear();
    m_events.clear();
  }
  /// Marks a change at `step`; events after a rewind point go with the rows they belonged to.
  void addEvent(std::int64_t step, const QString& label);
  const std::vector<CurveEvent>& events() const { return m_events; }
  std::size_t size() const { return m_rows.size(); }
  const std::vector<DiagnosticRow>& rows() const { return m_rows; }
  /// (step, value) of diagnostic `column` (registry order) for drawing: when there are more
  /// than maxPoints rows, the steps are cut into maxPoints / 2 buckets and each bucket gives its
  /// smallest and its largest value (in step order), so that spikes survive decimation. The
  /// first and the last finite value are always included. Non-finite values and, if
  /// positiveOnly, values <= 0 are left out.
  QList<QPointF> series(int column, int maxPoints, bool positiveOnly) const;
  /// How many values of `column` are finite, how many of those are <= 0 (a log axis cannot
  /// draw them) and how many are exactly 0.
  struct ValueCounts {
    std::size_t finite = 0, nonPositive = 0, zero = 0;
  };
  ValueCounts counts(int column) const;
  /// First and last step held ({0, 0} when empty).
  std::pair<double, double> stepRange() const;
  /// The row whose step is nearest to `step`, or nullptr if empty.
  const DiagnosticRow* nearest(double step) const;
  /// "step,time,<ids>,event" then one line per row (like `driftlab run --csv`, plus the
  /// labels of the changes made at that step, quoted, "; "-joined).
  void writeCsv(QTextStream& out) const;

 private:
  std::vector<DiagnosticRow> m_rows;
  std::vector<CurveEvent> m_events;
};

}  // namespace driftlab::ui
