#include "cli/sweep_plan_printer.h"

#include <filesystem>
#include <ostream>
#include <set>

namespace driftlab {

namespace {

std::string shellQuote(const std::string& s) {
  if (!s.empty() && s.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                        "0123456789_-+=/.,:") == std::string::npos)
    return s;
  std::string q = "'";
  for (char c : s) q += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return q + "'";
}

std::string stemOf(const std::string& csv) {
  const std::string ext = ".csv";
  return csv.size() > ext.size() && csv.compare(csv.size() - ext.size(), ext.size(), ext) == 0
             ? csv.substr(0, csv.size() - ext.size())
             : csv;
}

std::string executable() {
  std::error_code ec;
  const auto exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  return ec ? std::string("driftlab") : exe.string();
}

}  // namespace

std::string jobCsvPath(const std::string& csv, int job, int jobs) {
  const int width = int(std::to_string(std::max(jobs - 1, 0)).size());
  std::string k = std::to_string(job);
  k.insert(0, size_t(std::max(0, width - int(k.size()))), '0');
  return stemOf(csv) + ".job-" + k + ".csv";
}

void printSweepPlan(const SweepOptions& o, const std::vector<SweepJob>& jobs, std::ostream& out,
                    std::ostream& err) {
  // The same sweep minus the options the plan sets per job.
  static const std::set<std::string> valued = {"--csv", "--png", "--shard"};
  static const std::set<std::string> flags = {"--plan", "--resume"};
  std::string common = shellQuote(executable()) + " sweep";
  for (size_t i = 0; i < o.args.size(); ++i) {
    if (valued.count(o.args[i])) {
      ++i;
      continue;
    }
    if (!flags.count(o.args[i])) common += " " + shellQuote(o.args[i]);
  }
  const int n = int(jobs.size());
  for (const auto& j : jobs)
    out << common << " --shard " << j.index << "/" << n << " --csv "
        << shellQuote(jobCsvPath(o.csv, j.index, n)) << '\n';
  err << "# then: driftlab sweep-merge " << shellQuote(stemOf(o.csv)) << ".job-*.csv --csv "
      << shellQuote(o.csv) << " [--png F]\n";
}

}  // namespace driftlab
