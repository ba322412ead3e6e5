#include "cli/sweep_report.h"

#include <cstdio>
#include <ostream>
#include <stdexcept>

namespace driftlab {

void writeSweepPng(const SweepSummary& summary, const SweepPlotWriter& plot,
                   const std::string& png) {
  if (png.empty()) return;
  const std::string tmp = png + ".partial.png";
  plot(summary, tmp);
  if (std::rename(tmp.c_str(), png.c_str()) != 0)
    throw std::runtime_error("cannot rename into '" + png + "'");
}

void printSweepReport(const SweepSummary& summary, const std::string& command, std::ostream& out,
                      std::ostream& err) {
  for (const auto& g : summary.groups)
    for (const auto& w : g.warnings) err << command << ": warning: " << w << '\n';
  out << sweepSummaryJson(summary) << '\n';
}

}  // namespace driftlab
