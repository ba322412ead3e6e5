#pragma once
/// `driftlab sweep-merge A.csv B.csv ... --csv OUT [--png F]`: joins the CSVs of shards (or of
/// a plan's jobs) into the CSV an unsharded run writes, byte for byte, and prints its summary.
#include <iosfwd>
#include <string>
#include <vector>

#include "cli/sweep_report.h"

namespace driftlab {

/// Returns the exit code. `plot` may be empty, then --png is an error.
int sweepMergeCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                      const SweepPlotWriter& plot);

}  // namespace driftlab
