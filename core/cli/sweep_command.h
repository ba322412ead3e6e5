#pragma once
/// `driftlab sweep SCENE.json --particles N1,N2,... [--seeds S] [--max-time T] [--tolerance r]
///  [--window W] [--bandwidth-constant c] [--bandwidths h,...] [--dims d,...] [--flows f,...]
///  [--fixed-samples] [--csv F] [--png F] [--shard i/n] [--plan] [--resume] [--threads T]`
#include <iosfwd>
#include <string>
#include <vector>

#include "cli/sweep_report.h"

namespace driftlab {

/// Returns the exit code. `plot` may be empty, then --png is an error.
int sweepCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                 const SweepPlotWriter& plot);

}  // namespace driftlab
