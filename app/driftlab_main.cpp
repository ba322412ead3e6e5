// driftlab: the headless command line (SPEC §6). Thin: subcommands live in core/cli.
#include <iostream>
#include <string>
#include <vector>

#include "cli/bench_command.h"
#include "cli/compare_command.h"
#include "cli/field_command.h"
#include "cli/run_command.h"
#include "cli/sweep_command.h"
#include "cli/sweep_merge_command.h"
#ifdef DRIFTLAB_HAS_PLOT
#include "sweep_plot.h"
#endif
#ifdef DRIFTLAB_HAS_RECORD
#include <QApplication>

#include "app_setup.h"
#include "recording/record_command.h"
#endif

namespace {
constexpr const char* kUsage =
    "usage: driftlab run SCENE.json [--steps K] [--csv F] [--dump PREFIX] [--threads T]\n"
    "       driftlab field SCENE.json --points F.csv [--jacobian] [--steps K] [--out F]\n"
    "       driftlab bench --flow F --dim d --particles N --samples M --bandwidth h\n"
    "                      --backend direct|fft|auto [--target T] [--evals K] [--steps S]\n"
    "                      [--eta E] [--threads T] [--seed S] [--reference-particles R]\n"
    "       driftlab bench --peak [--threads T]\n"
    "       driftlab sweep SCENE.json --particles N1,N2,... [--seeds S] [--max-time T]\n"
    "                      [--tolerance r] [--window W] [--bandwidth-constant c]\n"
    "                      [--bandwidths h1,...] [--dims d1,...] [--flows f1,...]\n"
    "                      [--fixed-samples] [--csv F] [--png F] [--shard i/n] [--plan]\n"
    "                      [--resume] [--threads T]\n"
    "       driftlab sweep-merge A.csv B.csv ... --csv OUT [--png F]\n"
    "       driftlab compare SCENE.json... [--targets T1,T2,...] [--steps K] [--particles N]\n"
    "                      [--samples M] [--threads T] [--csv F]\n"
    "       driftlab record SCENE.json --out F.{mp4,webm,gif,ogv} | --frames DIR [--fps F]\n"
    "                      [--steps-per-frame K] [--steps S] [--size WxH] [--curves]\n"
    "                      [--caption] [--progress] [--title T] [--end-card] [--csv F]\n";

int record(int argc, char** argv, const std::vector<std::string>& args) {
#ifdef DRIFTLAB_HAS_RECORD
  driftlab::ui::prepareGuiEnvironment();
  // Without a display Qt's xcb plugin aborts with a multi-line dump; say it in one line.
  if (qgetenv("QT_QPA_PLATFORM") == "xcb" && qEnvironmentVariableIsEmpty("DISPLAY")) {
    std::cerr << "driftlab record: display: DISPLAY is not set and VTK 9.1 renders through "
                 "GLX only; allowed: run under X or `xvfb-run -a driftlab record ...`\n";
    return driftlab::kExitFailure;
  }
  QApplication app(argc, argv);
  driftlab::ui::configureApplication(app);
  return driftlab::ui::recordCommand(args, std::cout, std::cerr);
#else
  (void)argc, (void)argv, (void)args;
  std::cerr << "driftlab record: command: this build has no renderer (configured with "
               "DRIFTLAB_GUI=OFF); allowed: run, field, bench, sweep, sweep-merge, compare\n";
  return driftlab::kExitBadInput;
#endif
}
}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    (args.empty() ? std::cerr : std::cout) << kUsage;
    return args.empty() ? driftlab::kExitBadInput : driftlab::kExitOk;
  }
  const std::string sub = args[0];
  args.erase(args.begin());
  if (sub == "run") return driftlab::runCommand(args, std::cout, std::cerr);
  if (sub == "field") return driftlab::fieldCommand(args, std::cout, std::cerr);
  if (sub == "bench") return driftlab::benchCommand(args, std::cout, std::cerr);
  if (sub == "compare") return driftlab::compareCommand(args, std::cout, std::cerr);
  if (sub == "sweep") {
#ifdef DRIFTLAB_HAS_PLOT
    return driftlab::sweepCommand(args, std::cout, std::cerr, writeSweepPlot);
#else
    return driftlab::sweepCommand(args, std::cout, std::cerr, {});
#endif
  }
  if (sub == "sweep-merge") {
#ifdef DRIFTLAB_HAS_PLOT
    return driftlab::sweepMergeCommand(args, std::cout, std::cerr, writeSweepPlot);
#else
    return driftlab::sweepMergeCommand(args, std::cout, std::cerr, {});
#endif
  }
  if (sub == "record") return record(argc, argv, args);
  std::cerr << "driftlab: command: unknown command '" << sub
            << "'; allowed: run, field, bench, sweep, sweep-merge, compare, record\n";
  return driftlab::kExitBadInput;
}
