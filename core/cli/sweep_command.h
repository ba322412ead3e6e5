#pragma once
/// `driftlab sweep SCENE.json --particles N1,N2,... [--seeds S] [--time T]
///  [--bandwidth-constant c] [--fixed-samples] [--csv F] [--png F] [--threads T]`
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

#include "sweep/rate_sweep.h"

namespace driftlab {

/// Draws the log-log plot of a sweep into a PNG at `path` (provided by the app, which has Qt);
/// throws std::runtime_error on failure.
using SweepPlotWriter =
    std::function<void(const std::vector<SweepPoint>&, const SlopeFit&, const std::string& path)>;

/// Returns the exit code. `plot` may be empty, then --png is an error.
int sweepCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                 const SweepPlotWriter& plot);

}  // namespace driftlab
