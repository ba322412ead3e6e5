#pragma once
/// The options of `driftlab sweep`, parsed and checked before the first step.
#include <string>
#include <vector>

#include "cli/run_command.h"
#include "sweep/rate_sweep.h"

namespace driftlab {

struct SweepOptions {
  SweepConfig config;
  std::string scenePath;
  std::string csv, png;  ///< empty: not written
  int shard = 0, shards = 1;
  bool plan = false;              ///< print one command per job instead of running
  bool resume = false;            ///< keep the finished rows of --csv and its journal
  std::vector<std::string> args;  ///< the words after "sweep", for --plan
};

/// The usage line of `driftlab sweep`.
const char* sweepUsage();

/// Throws InputError naming the first bad option.
SweepOptions parseSweepOptions(const std::vector<std::string>& args);

/// Comma-separated lists; throw InputError(option, ...) for a bad item.
std::vector<std::int64_t> parseCountList(const std::string& text, const std::string& option,
                                         long long lo, long long hi);
std::vector<double> parseNumberList(const std::string& text, const std::string& option);

}  // namespace driftlab
