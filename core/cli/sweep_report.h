#pragma once
/// The end of `driftlab sweep` and `driftlab sweep-merge`: the JSON summary on stdout, one
/// stderr line per warning, and the PNG, all from the same rows so both commands agree.
#include <functional>
#include <iosfwd>
#include <string>

#include "sweep/sweep_summary.h"

namespace driftlab {

/// Draws the sweep's log-log plot into a PNG at `path` (provided by the app, which has Qt):
/// the level means with their intervals, one series per group, and the theory's slope.
/// Throws std::runtime_error on failure.
using SweepPlotWriter = std::function<void(const SweepSummary&, const std::string& path)>;

/// Writes the PNG (through a temporary renamed into place) when `png` is not empty.
void writeSweepPng(const SweepSummary& summary, const SweepPlotWriter& plot,
                   const std::string& png);

/// Prints the JSON summary to `out` and each warning to `err` as
/// "<command>: warning: <text>".
void printSweepReport(const SweepSummary& summary, const std::string& command, std::ostream& out,
                      std::ostream& err);

}  // namespace driftlab
