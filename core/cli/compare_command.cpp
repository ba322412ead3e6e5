#include "cli/compare_command.h"

#include <omp.h>

#include <chrono>
#include <cmath>
#include <iomanip>
#include <limits>
#include <ostream>
#include <sstream>

#include "base/input_error.h"
#include "cli/output_set.h"
#include "cli/run_command.h"
#include "engine/simulation.h"
#include "registry/registry.h"
#include "scene/scene_json.h"

namespace driftlab {

namespace {

constexpr const char* kUsage =
    "driftlab compare SCENE.json... [--targets T1,T2,...] [--steps K] [--particles N] "
    "[--samples M] [--threads T] [--csv F]";

std::string baseName(const std::string& path) {
  const auto slash = path.find_last_of('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

std::string cell(double v, int digits) {
  if (!std::isfinite(v)) return "-";
  std::ostringstream s;
  s << std::setprecision(digits) << v;
  return s.str();
}

void writeMarkdown(std::ostream& out, const std::vector<ComparisonRow>& rows) {
  out << "| scene | flow | target | steps | sliced_w2 start | sliced_w2 end | end/start | "
         "mode_coverage | hq_fraction | ms/step |\n"
         "|---|---|---|---|---|---|---|---|---|---|\n";
  for (const auto& r : rows)
    out << "| " << r.scene << " | " << r.flow << " | " << r.target << " | " << r.steps << " | "
        << cell(r.slicedW2Start, 3) << " | " << cell(r.slicedW2End, 3) << " | "
        << cell(r.slicedW2End / r.slicedW2Start, 2) << " | " << cell(r.modeCoverage, 3) << " | "
        << cell(r.hqFraction, 3) << " | " << cell(r.msPerStep, 3) << " |\n";
}

void writeCsv(std::ostream& out, const std::vector<ComparisonRow>& rows) {
  out << "scene,flow,target,steps,sliced_w2_start,sliced_w2_end,mode_coverage,hq_fraction,"
         "ms_per_step\n"
      << std::setprecision(17);
  for (const auto& r : rows)
    out << r.scene << ',' << r.flow << ',' << r.target << ',' << r.steps << ',' << r.slicedW2Start
        << ',' << r.slicedW2End << ',' << r.modeCoverage << ',' << r.hqFraction << ','
        << r.msPerStep << '\n';
}

int compare(const std::vector<std::string>& args, std::ostream& out) {
  const CommandLine cl = parseCommandLine(
      args, {"--targets", "--steps", "--particles", "--samples", "--threads", "--csv"});
  if (cl.positional.empty()) throw InputError("SCENE.json", "missing", kUsage);
  if (const auto* t = cl.get("--threads"))
    omp_set_num_threads(static_cast<int>(parseIntegerOption(*t, "--threads", 1, 1024)));
  std::vector<SceneConfig> scenes;
  for (const auto& path : cl.positional) scenes.push_back(loadSceneFile(path));
  std::vector<std::string> targetNames;
  if (const auto* t = cl.get("--targets")) {
    targetNames = splitCommaList(*t);
    for (const auto& id : targetNames) targets().require(id, "--targets");
  } else {
    targetNames.push_back("");  // each scene's own
  }

  // Every scene of the comparison is validated before the first run.
  std::vector<std::pair<SceneConfig, std::string>> runs;
  for (const auto& target : targetNames)
    for (std::size_t k = 0; k < scenes.size(); ++k) {
      SceneConfig s = scenes[k];
      if (!target.empty() && target != s.targetName) {
        s.targetName = target;
        s.targetParams = ParamSet{};
      }
      if (const auto* v = cl.get("--steps"))
        s.steps = parseIntegerOption(*v, "--steps", 0, 1LL << 40);
      if (const auto* v = cl.get("--particles"))
        s.particles = parseIntegerOption(*v, "--particles", 1, 1LL << 40);
      if (const auto* v = cl.get("--samples"))
        s.samples = parseIntegerOption(*v, "--samples", 1, 1LL << 40);
      try {
        validateScene(s);
      } catch (const InputError& e) {
        throw InputError(cl.positional[k],
                         std::string("on target '") + s.targetName + "': " + e.what(),
                         "scenes valid for every --targets entry");
      }
      runs.emplace_back(std::move(s), baseName(cl.positional[k]));
    }

  OutputSet outputs;
  std::ostream* csv = nullptr;
  if (const auto* f = cl.get("--csv")) csv = &outputs.add(*f, "--csv");
  std::vector<ComparisonRow> rows;
  for (const auto& [scene, label] : runs) rows.push_back(compareRun(scene, label));
  writeMarkdown(out, rows);
  if (csv) {
    writeCsv(*csv, rows);
    outputs.commit();
  }
  return kExitOk;
}

}  // namespace

ComparisonRow compareRun(const SceneConfig& scene, const std::string& label) {
  Simulation sim(scene);
  ComparisonRow row{label, scene.flowName, scene.targetName};
  row.slicedW2Start = sim.diagnosticNow("sliced_w2");
  double ms = 0.0;
  while (row.steps < scene.steps && !sim.finished()) {
    const auto t0 = std::chrono::steady_clock::now();
    sim.step();
    ms += std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    ++row.steps;
  }
  row.msPerStep = row.steps > 0 ? ms / double(row.steps) : std::numeric_limits<double>::quiet_NaN();
  row.slicedW2End = sim.diagnosticNow("sliced_w2");
  row.modeCoverage = sim.diagnosticNow("mode_coverage");
  row.hqFraction = sim.diagnosticNow("hq_fraction");
  requireFinite(sim.particles(), "particle positions", sim.stepIndex());
  return row;
}

int compareCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  return guardedCommand("compare", err, [&] { return compare(args, out); });
}

}  // namespace driftlab
