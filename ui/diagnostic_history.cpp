#include "diagnostic_history.h"

#include <QStringList>
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
    while (!m_events.empty() && m_events.back().step > row.step) m_events.pop_back();
    m_rows.push_back(row);
  }
}

void DiagnosticHistory::addEvent(std::int64_t step, const QString& label) {
  while (!m_events.empty() && m_events.back().step > step) m_events.pop_back();
  m_events.push_back({step, label});
}

DiagnosticHistory::ValueCounts DiagnosticHistory::counts(int column) const {
  ValueCounts n;
  const auto c = std::size_t(column);
  for (const DiagnosticRow& r : m_rows)
    if (c < r.values.size() && std::isfinite(r.values[c])) {
      ++n.finite;
      if (r.values[c] <= 0) ++n.nonPositive;
      if (r.values[c] == 0) ++n.zero;
    }
  return n;
}

QList<QPointF> DiagnosticHistory::series(int column, int maxPoints, bool positiveOnly) const {
  QList<QPointF> out;
  const std::size_t n = m_rows.size();
  const auto c = std::size_t(column);
  auto usable = [&](const DiagnosticRow& r) {
    if (c >= r.values.size()) return false;
    const double v = r.values[c];
    return std::isfinite(v) && !(positiveOnly && v <= 0);
  };
  auto point = [&](std::size_t i) { return QPointF(double(m_rows[i].step), m_rows[i].values[c]); };
  const std::size_t buckets = std::size_t(std::max(1, maxPoints / 2));
  if (n <= std::size_t(std::max(maxPoints, 2))) {
    for (std::size_t i = 0; i < n; ++i)
      if (usable(m_rows[i])) out.append(point(i));
    return out;
  }
  for (std::size_t b = 0; b < buckets; ++b) {
    const std::size_t lo = b * n / buckets, hi = (b + 1) * n / buckets;
    std::size_t iMin = n, iMax = n;
    for (std::size_t i = lo; i < hi; ++i) {
      if (!usable(m_rows[i])) continue;
      if (iMin == n || m_rows[i].values[c] < m_rows[iMin].values[c]) iMin = i;
      if (iMax == n || m_rows[i].values[c] > m_rows[iMax].values[c]) iMax = i;
    }
    if (iMin == n) continue;
    if (b == 0) {  // the first value, then the bucket's extremes
      std::size_t first = lo;
      while (!usable(m_rows[first])) ++first;
      if (first != std::min(iMin, iMax)) out.append(point(first));
    }
    out.append(point(std::min(iMin, iMax)));
    if (iMax != iMin) out.append(point(std::max(iMin, iMax)));
  }
  for (std::size_t i = n; i-- > 0;)  // the last value
    if (usable(m_rows[i])) {
      if (out.isEmpty() || out.back().x() != double(m_rows[i].step)) out.append(point(i));
      break;
    }
  return out;
}

std::pair<double, double> DiagnosticHistory::stepRange() const {
  if (m_rows.empty()) return {0.0, 0.0};
  return {double(m_rows.front().step), double(m_rows.back().step)};
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
  out << ",event\n";
  std::size_t e = 0;
  for (const auto& r : m_rows) {
    out << r.step << ',' << QString::number(r.time, 'g', 17);
    for (double v : r.values)
      out << ',' << (std::isfinite(v) ? QString::number(v, 'g', 17) : "nan");
    QStringList labels;
    while (e < m_events.size() && m_events[e].step <= r.step) {
      if (m_events[e].step == r.step) labels << m_events[e].label;
      ++e;
    }
    out << ',';
    if (!labels.isEmpty()) out << '"' << labels.join("; ").replace('"', "\"\"") << '"';
    out << '\n';
  }
}

}  // namespace driftlab::ui
