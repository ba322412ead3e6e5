#include "cli/sweep_command.h"

#include <omp.h>

#include <cstdio>
#include <iostream>
#include <memory>
#include <sstream>

#include "base/input_error.h"
#include "cli/atomic_file.h"
#include "cli/run_command.h"
#include "scene/scene_json.h"

namespace driftlab {

namespace {

std::vector<std::int64_t> parseParticleList(const std::string& text) {
  std::vector<std::int64_t> out;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ','))
    out.push_back(parseIntegerOption(item, "--particles", 1, 100000000));
  return out;
}

SweepConfig parseSweep(const CommandLine& cl) {
  if (cl.positional.size() != 1)
    throw InputError("SCENE.json", "expected exactly one scene file",
                     "driftlab sweep SCENE.json --particles N1,N2,... [--seeds S] [--time T] "
                     "[--bandwidth-constant c] [--fixed-samples] [--csv F] [--png F]");
  SweepConfig c;
  c.base = loadSceneFile(cl.positional[0]);
  const std::string* particles = cl.get("--particles");
  c.particles = parseParticleList(particles ? *particles : "250,500,1000,2000,4000");
  if (const auto* s = cl.get("--seeds")) c.seeds = int(parseIntegerOption(*s, "--seeds", 1, 1000));
  if (const auto* t = cl.get("--time")) c.time = parseNumberOption(*t, "--time");
  if (!(c.time > 0)) throw InputError("--time", "must be > 0", "numbers in (0, inf)");
  if (const auto* b = cl.get("--bandwidth-constant")) {
    c.bandwidthConstant = parseNumberOption(*b, "--bandwidth-constant");
    if (!(c.bandwidthConstant > 0))
      throw InputError("--bandwidth-constant", "must be > 0", "numbers in (0, inf)");
  }
  c.samplesFollowN = cl.get("--fixed-samples") == nullptr;
  if (const auto* a = cl.get("--average-from")) {
    c.averageFrom = parseNumberOption(*a, "--average-from");
    if (c.averageFrom < 0 || c.averageFrom >= 1)
      throw InputError("--average-from", "got " + *a, "numbers in [0, 1)");
  }
  if (const auto* t = cl.get("--threads"))
    omp_set_num_threads(static_cast<int>(parseIntegerOption(*t, "--threads", 1, 1024)));
  return c;
}

void writeCsv(AtomicFile& f, const std::vector<SweepPoint>& points) {
  auto& os = f.stream();
  os << "particles,seed,bandwidth,eta,mean_root_residual,final_root_residual\n";
  for (const auto& p : points)
    os << p.particles << ',' << p.seed << ',' << p.bandwidth << ',' << p.eta << ','
       << p.meanRootResidual << ',' << p.finalRootResidual << '\n';
}

int sweep(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
          const SweepPlotWriter& plot) {
  const CommandLine cl =
      parseCommandLine(args,
                       {"--particles", "--seeds", "--time", "--bandwidth-constant", "--csv",
                        "--png", "--threads", "--average-from"},
                       {"--fixed-samples"});
  const SweepConfig config = parseSweep(cl);
  if (cl.get("--png") && !plot) throw InputError("--png", "this build has no plot writer");
  std::unique_ptr<AtomicFile> csv;
  if (const auto* f = cl.get("--csv")) csv = std::make_unique<AtomicFile>(*f);
  const auto points = runSweep(config, [&](const SweepPoint& p) {
    err << "sweep: N=" << p.particles << " seed=" << p.seed << " h=" << p.bandwidth
        << " mean root residual=" << p.meanRootResidual << '\n';
  });
  const SlopeFit fit = fitLogLogSlope(points, config.base.dim);
  if (const auto* png = cl.get("--png")) {
    const std::string tmp = *png + ".partial.png";
    plot(points, fit, tmp);
    if (std::rename(tmp.c_str(), png->c_str()) != 0)
      throw std::runtime_error("cannot rename into '" + *png + "'");
  }
  if (csv) {
    writeCsv(*csv, points);
    csv->commit();
  }
  out.precision(17);
  out << "{\"slope\": " << fit.slope << ", \"ci95\": [" << fit.slopeLow << ", " << fit.slopeHigh
      << "], \"theory\": " << fit.theory << ", \"points\": " << fit.points << ", \"flow\": \""
      << config.base.flowName << "\", \"dim\": " << config.base.dim << "}\n";
  return kExitOk;
}

}  // namespace

int sweepCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                 const SweepPlotWriter& plot) {
  try {
    return sweep(args, out, err, plot);
  } catch (const InputError& e) {
    err << "driftlab sweep: " << e.what() << '\n';
    return kExitBadInput;
  } catch (const std::exception& e) {
    err << "driftlab sweep: " << e.what() << '\n';
    return kExitFailure;
  }
}

}  // namespace driftlab
