// driftlab: the headless command line (SPEC §6). Thin: subcommands live in core/cli.
#include <iostream>
#include <string>
#include <vector>

#include "cli/bench_command.h"
#include "cli/run_command.h"
#include "cli/sweep_command.h"
#ifdef DRIFTLAB_HAS_PLOT
#include "sweep_plot.h"
#endif

namespace {
constexpr const char* kUsage =
    "usage: driftlab run SCENE.json [--steps K] [--csv F] [--dump PREFIX] [--threads T]\n"
    "       driftlab bench --flow F --dim d --particles N --samples M --bandwidth h\n"
    "                      --backend direct|fft|auto [--target T] [--evals K] [--steps S]\n"
    "                      [--eta E] [--threads T] [--seed S] [--reference-particles R]\n"
    "       driftlab bench --peak [--threads T]\n"
    "       driftlab sweep SCENE.json --particles N1,N2,... [--seeds S] [--time T]\n"
    "                      [--bandwidth-constant c] [--fixed-samples] [--csv F] [--png F]\n";
}

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    (args.empty() ? std::cerr : std::cout) << kUsage;
    return args.empty() ? driftlab::kExitBadInput : driftlab::kExitOk;
  }
  const std::string sub = args[0];
  args.erase(args.begin());
  if (sub == "run") return driftlab::runCommand(args, std::cout, std::cerr);
  if (sub == "bench") return driftlab::benchCommand(args, std::cout, std::cerr);
  if (sub == "sweep") {
#ifdef DRIFTLAB_HAS_PLOT
    return driftlab::sweepCommand(args, std::cout, std::cerr, writeSweepPlot);
#else
    return driftlab::sweepCommand(args, std::cout, std::cerr, {});
#endif
  }
  std::cerr << "driftlab: command: unknown command '" << sub << "'; allowed: run, bench, sweep\n";
  return driftlab::kExitBadInput;
}
