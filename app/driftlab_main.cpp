// driftlab: the headless command line (SPEC §6). Thin: subcommands live in core/cli.
#include <iostream>
#include <string>
#include <vector>

#include "cli/run_command.h"

namespace {
constexpr const char* kUsage =
    "usage: driftlab run SCENE.json [--steps K] [--csv F] [--dump PREFIX] [--threads T]\n";
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
  std::cerr << "driftlab: command: unknown command '" << sub << "'; allowed: run\n";
  return driftlab::kExitBadInput;
}
