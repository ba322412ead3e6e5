#include "cli/run_command.h"

#include <omp.h>

#include <chrono>
#include <iostream>
#include <memory>

#include "base/input_error.h"
#include "cli/atomic_file.h"
#include "engine/simulation.h"
#include "registry/registry.h"
#include "scene/scene_json.h"

namespace driftlab {

namespace {

void writeCsvHeader(std::ostream& os) {
  os << "step,time";
  for (const auto& d : diagnostics().entries()) os << ',' << d.id;
  os << '\n';
}

void writeCsvRow(std::ostream& os, const DiagnosticRow& row) {
  os << row.step << ',' << row.time;
  for (double v : row.values) os << ',' << v;
  os << '\n';
}

void writeColumns(std::ostream& os, const char* prefix, int d) {
  for (int k = 0; k < d; ++k) os << (k ? "," : "") << prefix << k;
}

void writeDump(const std::string& prefix, Simulation& sim) {
  const int d = sim.scene().dim;
  AtomicFile particles(prefix + "_particles.csv");
  AtomicFile data(prefix + "_data.csv");
  auto& p = particles.stream();
  writeColumns(p, "x", d);
  p << ',';
  writeColumns(p, "v", d);
  p << '\n';
  const PointSet& X = sim.particles();
  const PointSet& V = sim.velocities();
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    for (int k = 0; k < d; ++k) p << X(i, k) << ',';
    for (int k = 0; k < d; ++k) p << V(i, k) << (k + 1 < d ? "," : "\n");
  }
  auto& y = data.stream();
  writeColumns(y, "y", d);
  y << '\n';
  const PointSet& Y = sim.data();
  for (Eigen::Index j = 0; j < Y.rows(); ++j)
    for (int k = 0; k < d; ++k) y << Y(j, k) << (k + 1 < d ? "," : "\n");
  particles.commit();
  data.commit();
}

int run(const std::vector<std::string>& args, std::ostream& out) {
  const CommandLine cl = parseCommandLine(args, {"--steps", "--csv", "--dump", "--threads"});
  if (cl.positional.size() != 1)
    throw InputError("SCENE.json", cl.positional.empty() ? "missing" : "more than one given",
                     "driftlab run SCENE.json [--steps K] [--csv F] [--dump PREFIX] "
                     "[--threads T]");
  SceneConfig scene = loadSceneFile(cl.positional[0]);
  if (const auto* s = cl.get("--steps"))
    scene.steps = parseIntegerOption(*s, "--steps", 0, 1LL << 40);
  if (const auto* t = cl.get("--threads"))
    omp_set_num_threads(static_cast<int>(parseIntegerOption(*t, "--threads", 1, 1024)));

  Simulation sim(scene);
  std::unique_ptr<AtomicFile> csv;
  if (const auto* f = cl.get("--csv")) {
    csv = std::make_unique<AtomicFile>(*f);
    writeCsvHeader(csv->stream());
  }
  double ms = 0.0;
  for (std::int64_t k = 0;; ++k) {
    if (csv) writeCsvRow(csv->stream(), sim.diagnostics(ms));
    if (k == scene.steps) break;
    const auto t0 = std::chrono::steady_clock::now();
    sim.step();
    ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
  }
  if (const auto* prefix = cl.get("--dump")) writeDump(*prefix, sim);
  if (csv) {
    csv->commit();
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

int runCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  try {
    return run(args, out);
  } catch (const InputError& e) {
    err << "driftlab run: " << e.what() << '\n';
    return kExitBadInput;
  } catch (const StateError& e) {
    err << "driftlab run: " << e.what() << '\n';
    return kExitBadInput;
  } catch (const std::exception& e) {
    err << "driftlab run: " << e.what() << '\n';
    return kExitFailure;
  }
}

}  // namespace driftlab
