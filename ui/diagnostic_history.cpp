#include "diagnostic_history.h"

#include <QTextStream>
#include <algorithm>
#include <cmath>

#include "registry/registry.h"

namespace driftlab::ui {

void DiagnosticHistory::append(const std::vector<DiagnosticRow>& rows) {
  for (const auto& row : rows) {
    if (row.values.empty()) continue;
    // A step at or before the last one (a reset, a step back, the same step re-published
    // after a parameter change) rewinds the history to just before it.
    while (!m_rows.empty() && m_rows.back().step >= row.step) m_rows.pop_back();
    m_rows.push_back(row);
  }
  if (m_rows.size() > kMaxRows) {
    std::vector<DiagnosticRow> thinned;
    thinned.reserve(m_rows.size() / 2 + 1);
    for (std::size_t i = 0; i < m_rows.size(); i += 2) thinned.push_back(std::move(m_rows[i]));
    if (m_rows.size() % 2 == 0) thinned.push_back(std::move(m_rows.back()));
    m_rows = std::move(thinned);
  }
}

QList<QPointF> DiagnosticHistory::series(int column, int maxPoints, bool positiveOnly) const {
  QList<QPointF> out;
  const std::size_t n = m_rows.size();
  if (n == 0) return out;
  const std::size_t stride = std::max<std::size_t>(1, n / std::size_t(std::max(maxPoints, 1)));
  auto add = [&](const DiagnosticRow& r) {
    if (column >= int(r.values.size())) return;
    const double v = r.values[std::size_t(column)];
    if (!std::isfinite(v) || (positiveOnly && v <= 0)) return;
    out.append(QPointF(double(r.step), v));
  };
  std::size_t last = 0;
  for (std::size_t i = 0; i < n; i += stride) {
    // Diagnostics computed every k-th step leave NaN between; look ahead for a value.
    std::size_t j = i;
    while (j < std::min(n, i + stride) && !std::isfinite(m_rows[j].values[std::size_t(column)]))
      ++j;
    if (j < n) add(m_rows[j]);
    last = j;
  }
  if (last + 1 < n) add(m_rows.back());
  return out;
}

const DiagnosticRow* DiagnosticHistory::nearest(double step) const {
  if (m_rows.empty()) return nullptr;
  auto it = std::lower_bound(m_rows.begin(), m_rows.end(), step,
                             [](const DiagnosticRow& r, double s) { return double(r.step) < s; });
  if (it == m_rows.end()) return &m_rows.back();
  if (it != m_rows.begin() && step - double(std::prev(it)->step) < double(it->step) - step)
    return &*std::prev(it);
  return &*it;
}

void DiagnosticHistory::writeCsv(QTextStream& out) const {
  out << "step,time";
  for (const auto& d : diagnostics().entries()) out << ',' << QString::fromStdString(d.id);
  out << '\n';
  for (const auto& r : m_rows) {
    out << r.step << ',' << QString::number(r.time, 'g', 17);
    for (double v : r.values)
      out << ',' << (std::isfinite(v) ? QString::number(v, 'g', 17) : "nan");
    out << '\n';
  }
}

}  // namespace driftlab::ui
