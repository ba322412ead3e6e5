#pragma once
/// The diagnostics CSV of `driftlab run --csv` and `driftlab record --csv` (SPEC §7): one row
/// per step, the registry's diagnostics as columns; `nan` only for "not computed this step".
#include <iosfwd>

#include "engine/simulation.h"

namespace driftlab {

void writeCsvHeader(std::ostream& os);
void writeCsvRow(std::ostream& os, const DiagnosticRow& row);

/// A run that exits 0 writes only finite numbers: NaN marks a diagnostic not computed at this
/// step (row.computed, from diagnosticDue: not scheduled, or not defined for this target or
/// field); a computed value that is not finite throws StateError like a non-finite state.
void requireFiniteRow(const DiagnosticRow& row);

}  // namespace driftlab
