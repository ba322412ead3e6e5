#pragma once
/// DiagnosticHistory: the diagnostic rows of the current run, one per step (a row for an earlier
/// step - reset, step back - rewinds to it), thinned by halves past kMaxRows so that hours of
/// running stay bounded. Feeds the curves and the CSV export.
#include <QList>
#include <QPointF>
#include <QString>
#include <vector>

#include "engine/simulation.h"

class QTextStream;

namespace driftlab::ui {

class DiagnosticHistory {
 public:
  static constexpr std::size_t kMaxRows = 200000;

  /// Appends rows (oldest first); rows without values are skipped.
  void append(const std::vector<DiagnosticRow>& rows);
  void clear() { m_rows.clear(); }
  std::size_t size() const { return m_rows.size(); }
  const std::vector<DiagnosticRow>& rows() const { return m_rows; }
  /// (step, value) of diagnostic `column` (registry order), at most maxPoints evenly strided
  /// points plus the last; non-finite values and, if positiveOnly, values <= 0 are left out.
  QList<QPointF> series(int column, int maxPoints, bool positiveOnly) const;
  /// The row whose step is nearest to `step`, or nullptr if empty.
  const DiagnosticRow* nearest(double step) const;
  /// "step,time,<ids>" then one line per row (like `driftlab run --csv`).
  void writeCsv(QTextStream& out) const;

 private:
  std::vector<DiagnosticRow> m_rows;
};

}  // namespace driftlab::ui
