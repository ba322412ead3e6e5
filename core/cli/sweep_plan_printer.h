#pragma once
/// `driftlab sweep ... --plan`: one shell command per job, each writing its own CSV, so that
/// `driftlab sweep ... --plan | parallel -j2` runs the sweep locally and
/// `driftlab sweep-merge <stem>.job-*.csv --csv <csv>` joins the results.
#include <iosfwd>
#include <string>
#include <vector>

#include "cli/sweep_options.h"

namespace driftlab {

/// "<stem>.job-<k>.csv" (k zero-padded to the width of the last index) for `csv` = "<stem>.csv".
std::string jobCsvPath(const std::string& csv, int job, int jobs);

/// Prints the commands to `out` and the merge command to `err` (as a "# then:" line).
void printSweepPlan(const SweepOptions& options, const std::vector<SweepJob>& jobs,
                    std::ostream& out, std::ostream& err);

}  // namespace driftlab
