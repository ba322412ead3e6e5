#include "cli/diagnostics_csv.h"

#include <cmath>
#include <ostream>

#include "base/input_error.h"
#include "registry/registry.h"

namespace driftlab {

void writeCsvHeader(std::ostream& os) {
  os << "step,time";
  for (const auto& d : diagnostics().entries()) os << ',' << d.id;
  os << '\n';
}

void writeCsvRow(std::ostream& os, const DiagnosticRow& row) {
  os << row.step << ',' << row.time;
  for (double v : row.values) os << ',' << v;
  os << '\n';
}

void requireFiniteRow(const DiagnosticRow& row) {
  const auto& entries = diagnostics().entries();
  for (std::size_t k = 0; k < row.values.size() && k < entries.size(); ++k) {
    const double v = row.values[k];
    const bool computed = k < row.computed.size() && row.computed[k];
    if (std::isinf(v) || (std::isnan(v) && computed))
      throw StateError("state: diagnostic '" + entries[k].id + "' became " +
                       (std::isnan(v) ? "nan" : "inf") + " at step " + std::to_string(row.step) +
                       "; allowed: a smaller integrator.eta or a larger flow.bandwidth");
  }
}

}  // namespace driftlab
