#include "cli/run_command.h"

#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iostream>
#include <memory>

#include "base/input_error.h"
#include "cli/diagnostics_csv.h"
#include "cli/output_set.h"
#include "diffusion/diffusion_schedule.h"
#include "engine/simulation.h"
#include "registry/registry.h"
#include "scene/scene_json.h"

namespace driftlab {

namespace {

void writeColumns(std::ostream& os, const char* prefix, int d) {
  for (int k = 0; k < d; ++k) os << (k ? "," : "") << prefix << k;
}

void requireFinite(const PointSet& points, const char* what) {
  if (!points.allFinite())
    throw StateError(std::string("state: ") + what +
                     " are not all finite at the end of the run; allowed: a smaller "
                     "integrator.eta or a larger flow.bandwidth");
}

void writeDump(std::ostream& p, std::ostream& y, Simulation& sim) {
  const int d = sim.scene().dim;
  const PointSet& X = sim.particles();
  const PointSet& V = sim.velocities();
  const PointSet& Y = sim.data();
  requireFinite(X, "particle positions");
  requireFinite(V, "particle velocities");
  requireFinite(Y, "data samples");
  writeColumns(p, "x", d);
  p << ',';
  writeColumns(p, "v", d);
  p << '\n';
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    for (int k = 0; k < d; ++k) p << X(i, k) << ',';
    for (int k = 0; k < d; ++k) p << V(i, k) << (k + 1 < d ? "," : "\n");
  }
  writeColumns(y, "y", d);
  y << '\n';
  for (Eigen::Index j = 0; j < Y.rows(); ++j)
    for (int k = 0; k < d; ++k) y << Y(j, k) << (k + 1 < d ? "," : "\n");
}

constexpr const char* kUsage =
    "driftlab run SCENE.json [--steps K] [--csv F] [--dump PREFIX] [--threads T]";

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  const CommandLine cl = parseCommandLine(args, {"--steps", "--csv", "--dump", "--threads"});
  if (cl.positional.size() != 1)
    throw InputError("SCENE.json", cl.positional.empty() ? "missing" : "more than one given",
                     kUsage);
  SceneConfig scene = loadSceneFile(cl.positional[0]);
  if (const auto* s = cl.get("--steps"))
    scene.steps = parseIntegerOption(*s, "--steps", 0, 1LL << 40);
  if (const auto* t = cl.get("--threads"))
    omp_set_num_threads(static_cast<int>(parseIntegerOption(*t, "--threads", 1, 1024)));

  // Every output is checked and opened (as a temporary) before the first step.
  OutputSet outputs;
  std::ostream* csv = nullptr;
  std::ostream *particles = nullptr, *data = nullptr;
  if (const auto* f = cl.get("--csv")) csv = &outputs.add(*f, "--csv");
  if (const auto* prefix = cl.get("--dump")) {
    if (prefix->empty() || prefix->back() == '/')
      throw InputError("--dump", prefix->empty() ? "empty prefix" : "prefix ends with '/'",
                       "a path prefix P: P_particles.csv and P_data.csv are written");
    particles = &outputs.add(*prefix + "_particles.csv", "--dump");
    data = &outputs.add(*prefix + "_data.csv", "--dump");
  }

  Simulation sim(scene);
  if (csv) writeCsvHeader(*csv);
  double ms = 0.0;
  for (std::int64_t k = 0;; ++k) {
    if (csv) {
      const DiagnosticRow row = sim.diagnostics(ms);
      requireFiniteRow(row);
      writeCsvRow(*csv, row);
    }
    if (k == scene.steps) break;
    if (sim.finished()) {  // the flow's own time grid ended first (pf-ode at t_min)
      const DiffusionSchedule* d = sim.field().diffusionSchedule();
      err << "driftlab run: flow " << scene.flowName << " reached the end of its time grid after "
          << k << " of " << scene.steps << " steps";
      if (d) err << " (diffusion time t = " << formatNumber(d->diffusionTime(sim.time())) << ")";
      err << "; stopped there\n";
      scene.steps = k;
      break;
    }
    const auto t0 = std::chrono::steady_clock::now();
    sim.step();
    ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  }
  if (particles) writeDump(*particles, *data, sim);
  outputs.commit();
  if (csv) {
    out << "driftlab: " << scene.steps << " steps of " << scene.flowName << " on "
        << scene.targetName << " (N=" << scene.particles << ", M=" << scene.samples
        << "); diagnostics written to " << *cl.get("--csv") << '\n';
  } else {
    out << "driftlab: " << scene.steps << " steps of " << scene.flowName << " on "
        << scene.targetName << " done\n";
  }
  return kExitOk;
}

}  // namespace

int guardedCommand(const std::string& name, std::ostream& err, const std::function<int()>& body) {
  // One line on stderr whatever the exception holds.
  try {
    return body();
  } catch (const InputError& e) {
    err << "driftlab " << name << ": " << e.what() << '\n';
    return kExitBadInput;
  } catch (const StateError& e) {
    err << "driftlab " << name << ": " << escapeControlCharacters(e.what()) << '\n';
    return kExitBadInput;
  } catch (const std::exception& e) {
    err << "driftlab " << name << ": " << escapeControlCharacters(e.what()) << '\n';
    return kExitFailure;
  }
}

int runCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  return guardedCommand("run", err, [&] { return run(args, out, err); });
}

}  // namespace driftlab
