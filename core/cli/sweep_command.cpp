#include "cli/sweep_command.h"

#include <memory>
#include <ostream>
#include <set>

#include "base/input_error.h"
#include "cli/atomic_file.h"
#include "cli/sweep_journal.h"
#include "cli/sweep_options.h"
#include "cli/sweep_plan_printer.h"
#include "registry/registry.h"

namespace driftlab {

namespace {

void reportJob(std::ostream& err, const SweepPoint& p, size_t total) {
  err << "sweep: job " << p.job << "/" << total << " flow=" << p.flow << " dim=" << p.dim
      << " N=" << p.particles << " seed=" << p.seed << " h=" << p.bandwidth
      << ": stationary root residual " << p.meanRootResidual << " at T=" << p.stopTime
      << (p.converged ? "" : " (not converged)") << '\n';
}

/// Says once per dim when the scene's target lacks it and the isotropic gaussian stands in.
void noteTargetSwitches(const SceneConfig& base, const std::vector<SweepJob>& jobs,
                        std::ostream& err) {
  const TargetInfo& target = targets().require(base.targetName, "target.name");
  std::set<int> said;
  for (const auto& j : jobs)
    if (target.dim != 0 && j.dim != target.dim && said.insert(j.dim).second)
      err << "sweep: note: dim " << j.dim << " runs on the 'gaussian' target (the scene's '"
          << base.targetName << "' is " << target.dim << "D)\n";
}

struct SweepRowsRun {
  std::vector<std::string> lines;
  std::vector<SweepPoint> points;
};

/// Runs the jobs in order, keeping the finished ones; each new row goes to the journal first.
SweepRowsRun runOrKeep(const SweepOptions& o, const std::vector<SweepJob>& jobs, size_t total,
                       const std::map<int, FinishedRow>& kept, SweepJournal* journal,
                       std::ostream& err) {
  SweepRowsRun run;
  for (const auto& job : jobs) {
    if (const auto it = kept.find(job.index); it != kept.end()) {
      err << "sweep: job " << job.index << "/" << total << ": kept from '" << o.csv << "'\n";
      run.lines.push_back(it->second.line);
      run.points.push_back(it->second.point);
      continue;
    }
    const SweepPoint p = *runSweepJob(o.config, job);
    run.lines.push_back(formatSweepRow(p));
    run.points.push_back(p);
    if (journal) journal->append(run.lines.back());
    reportJob(err, p, total);
  }
  return run;
}

int sweep(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
          const SweepPlotWriter& plot) {
  const SweepOptions o = parseSweepOptions(args);
  if (!o.png.empty() && !plot) throw InputError("--png", "this build has no plot writer");
  const SweepConfig& config = o.config;
  const auto all = planSweep(config.base, config.axes);
  if (o.plan) {
    printSweepPlan(o, all, out, err);
    return kExitOk;
  }
  const auto jobs = shardJobs(all, o.shard, o.shards);
  noteTargetSwitches(config.base, jobs, err);
  std::map<int, FinishedRow> kept;
  if (o.resume) kept = finishedRows(o.csv, jobs);
  // Every scene still to run is checked before the first step.
  for (const auto& j : jobs)
    if (!kept.count(j.index))
      sceneForJob(config.base, j, config.bandwidthConstant, config.samplesFollowN);
  std::unique_ptr<AtomicFile> csv;
  std::unique_ptr<SweepJournal> journal;
  if (!o.csv.empty()) {
    csv = std::make_unique<AtomicFile>(o.csv, "--csv");
    std::vector<std::string> keptLines;
    for (const auto& [index, row] : kept) keptLines.push_back(row.line);
    journal = std::make_unique<SweepJournal>(o.csv, keptLines);
  }
  const SweepRowsRun run = runOrKeep(o, jobs, all.size(), kept, journal.get(), err);
  const auto& [lines, points] = run;
  SweepSummary summary;
  if (o.shards == 1) {
    summary = summarizeSweep(points);
    writeSweepPng(summary, plot, o.png);
  }
  if (csv) {
    csv->stream() << sweepCsvHeader() << '\n';
    for (const auto& line : lines) csv->stream() << line << '\n';
    csv->commit();
    journal->remove();
  }
  if (o.shards > 1) {
    int converged = 0;
    for (const auto& p : points) converged += p.converged;
    out << "{\"shard\": \"" << o.shard << "/" << o.shards << "\", \"jobs\": " << points.size()
        << ", \"of\": " << all.size() << ", \"converged\": " << converged << "}\n";
  } else {
    printSweepReport(summary, "driftlab sweep", out, err);
  }
  return kExitOk;
}

}  // namespace

int sweepCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                 const SweepPlotWriter& plot) {
  return guardedCommand("sweep", err, [&] { return sweep(args, out, err, plot); });
}

}  // namespace driftlab
