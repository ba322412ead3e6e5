#include "cli/sweep_options.h"

#include <omp.h>

#include <cmath>
#include <sstream>

#include "base/input_error.h"
#include "scene/scene_json.h"

namespace driftlab {

namespace {

double positiveNumber(const std::string& text, const std::string& option) {
  const double v = parseNumberOption(text, option);
  if (!(v > 0) || !std::isfinite(v)) throw InputError(option, "must be > 0", "numbers in (0, inf)");
  return v;
}

void parseShard(const std::string& text, SweepOptions& o) {
  const auto slash = text.find('/');
  if (slash == std::string::npos)
    throw InputError("--shard", "got '" + text + "'", "i/n, 0 <= i < n");
  o.shards = int(parseIntegerOption(text.substr(slash + 1), "--shard", 1, 1000000));
  o.shard = int(parseIntegerOption(text.substr(0, slash), "--shard", 0, o.shards - 1));
}

void parseAxes(const CommandLine& cl, SweepConfig& c) {
  const std::string* particles = cl.get("--particles");
  if (particles) c.axes.particles = parseCountList(*particles, "--particles", 1, 100000000);
  if (const auto* s = cl.get("--seeds"))
    c.axes.seeds = int(parseIntegerOption(*s, "--seeds", 1, 1000));
  if (const auto* b = cl.get("--bandwidths"))
    c.axes.bandwidths = parseNumberList(*b, "--bandwidths");
  if (const auto* d = cl.get("--dims"))
    for (auto v : parseCountList(*d, "--dims", 1, 8)) c.axes.dims.push_back(int(v));
  if (const auto* f = cl.get("--flows")) c.axes.flows = splitCommaList(*f);
  // Without any axis the sweep is the classic one over N.
  if (!particles && c.axes.bandwidths.empty() && c.axes.dims.empty() && c.axes.flows.empty())
    c.axes.particles = {250, 500, 1000, 2000, 4000};
}

}  // namespace

const char* sweepUsage() {
  return "driftlab sweep SCENE.json --particles N1,N2,... [--seeds S] [--max-time T] "
         "[--tolerance r] [--window W] [--bandwidth-constant c] [--bandwidths h1,h2,...] "
         "[--dims d1,d2,...] [--flows f1,f2,...] [--fixed-samples] [--csv F] [--png F] "
         "[--shard i/n] [--plan] [--resume] [--threads T]";
}

std::vector<std::int64_t> parseCountList(const std::string& text, const std::string& option,
                                         long long lo, long long hi) {
  std::vector<std::int64_t> out;
  for (const auto& item : splitCommaList(text))
    out.push_back(parseIntegerOption(item, option, lo, hi));
  return out;
}

std::vector<double> parseNumberList(const std::string& text, const std::string& option) {
  std::vector<double> out;
  for (const auto& item : splitCommaList(text)) out.push_back(positiveNumber(item, option));
  return out;
}

SweepOptions parseSweepOptions(const std::vector<std::string>& args) {
  const CommandLine cl =
      parseCommandLine(args,
                       {"--particles", "--seeds", "--time", "--max-time", "--tolerance", "--window",
                        "--bandwidth-constant", "--bandwidths", "--dims", "--flows", "--csv",
                        "--png", "--threads", "--shard"},
                       {"--fixed-samples", "--plan", "--resume"});
  if (cl.positional.size() != 1)
    throw InputError("SCENE.json", "expected exactly one scene file", sweepUsage());
  SweepOptions o;
  o.args = args;
  o.scenePath = cl.positional[0];
  SweepConfig& c = o.config;
  c.base = loadSceneFile(o.scenePath);
  parseAxes(cl, c);
  // --time is the older name of --max-time: runs now stop at stationarity, T at the latest.
  if (const auto* t = cl.get("--time")) c.stationarity.maxTime = positiveNumber(*t, "--time");
  if (const auto* t = cl.get("--max-time"))
    c.stationarity.maxTime = positiveNumber(*t, "--max-time");
  if (const auto* t = cl.get("--tolerance"))
    c.stationarity.tolerance = positiveNumber(*t, "--tolerance");
  if (const auto* w = cl.get("--window")) {
    c.stationarity.window = positiveNumber(*w, "--window");
  } else {
    c.stationarity.window = defaultStationarityWindow(c.stationarity.maxTime);
  }
  validateStationarityRule(c.stationarity);
  if (const auto* b = cl.get("--bandwidth-constant"))
    c.bandwidthConstant = positiveNumber(*b, "--bandwidth-constant");
  c.samplesFollowN = cl.get("--fixed-samples") == nullptr;
  if (const auto* t = cl.get("--threads"))
    omp_set_num_threads(static_cast<int>(parseIntegerOption(*t, "--threads", 1, 1024)));
  if (const auto* s = cl.get("--shard")) parseShard(*s, o);
  if (const auto* f = cl.get("--csv")) o.csv = *f;
  if (const auto* f = cl.get("--png")) o.png = *f;
  o.plan = cl.get("--plan") != nullptr;
  o.resume = cl.get("--resume") != nullptr;
  if (o.plan && o.csv.empty())
    throw InputError("--plan", "needs --csv (each job writes <csv stem>.job-K.csv)");
  if (o.plan && (cl.get("--shard") || o.resume || !o.png.empty()))
    throw InputError("--plan", "cannot be combined with --shard, --resume or --png");
  if (o.shards > 1 && !o.png.empty())
    throw InputError("--png", "a shard has no plot; join the shards with `driftlab sweep-merge`");
  if (o.resume && o.csv.empty()) throw InputError("--resume", "needs --csv");
  return o;
}

}  // namespace driftlab
