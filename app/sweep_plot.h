#pragma once
#include <string>

#include "sweep/sweep_summary.h"

/// Renders a sweep's log-log plot to a PNG with Qt (1200 x 800): per group the level means
/// with their 95% t intervals as error bars, the fitted line, and the theory's slope
/// -1/(d+4) as a dashed line through the group's centre.
void writeSweepPlot(const driftlab::SweepSummary& summary, const std::string& path);
