#include "cli/sweep_merge_command.h"

#include <map>
#include <ostream>

#include "base/input_error.h"
#include "cli/atomic_file.h"
#include "cli/run_command.h"
#include "sweep/sweep_csv.h"

namespace driftlab {

namespace {

struct Row {
  std::string line, file;
  SweepPoint point;
};

std::map<int, Row> readShards(const std::vector<std::string>& files) {
  std::map<int, Row> rows;
  for (const auto& file : files) {
    const SweepRows r = readSweepCsv(file, "A.csv");
    for (size_t i = 0; i < r.lines.size(); ++i) {
      const int job = r.points[i].job;
      const auto it = rows.find(job);
      if (it != rows.end() && it->second.line != r.lines[i])
        throw InputError("A.csv", "job " + std::to_string(job) + " differs between '" +
                                      it->second.file + "' and '" + file + "'");
      rows[job] = {r.lines[i], file, r.points[i]};
    }
  }
  if (rows.empty()) throw InputError("A.csv", "no rows to merge");
  return rows;
}

int merge(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
          const SweepPlotWriter& plot) {
  const CommandLine cl = parseCommandLine(args, {"--csv", "--png"});
  if (cl.positional.empty())
    throw InputError("A.csv", "expected the CSVs to merge",
                     "driftlab sweep-merge A.csv B.csv ... --csv OUT [--png F]");
  const std::string* csvPath = cl.get("--csv");
  if (!csvPath) throw InputError("--csv", "is required (the merged CSV)");
  const std::string png = cl.get("--png") ? *cl.get("--png") : "";
  if (!png.empty() && !plot) throw InputError("--png", "this build has no plot writer");
  const auto rows = readShards(cl.positional);
  AtomicFile csv(*csvPath, "--csv");
  std::string missing;
  int expected = 0;
  std::vector<SweepPoint> points;
  for (const auto& [job, row] : rows) {
    for (; expected < job; ++expected)
      missing += (missing.empty() ? "" : ", ") + std::to_string(expected);
    ++expected;
    points.push_back(row.point);
  }
  if (!missing.empty())
    err << "driftlab sweep-merge: warning: jobs " << missing
        << " are missing; the merged CSV is not a whole sweep\n";
  const SweepSummary summary = summarizeSweep(points);
  writeSweepPng(summary, plot, png);
  csv.stream() << sweepCsvHeader() << '\n';
  for (const auto& [job, row] : rows) csv.stream() << row.line << '\n';
  csv.commit();
  printSweepReport(summary, "driftlab sweep", out, err);
  return kExitOk;
}

}  // namespace

int sweepMergeCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err,
                      const SweepPlotWriter& plot) {
  return guardedCommand("sweep-merge", err, [&] { return merge(args, out, err, plot); });
}

}  // namespace driftlab
