#include "cli/sweep_journal.h"

#include <cstdio>
#include <filesystem>

#include "base/input_error.h"
#include "cli/atomic_file.h"

namespace driftlab {

std::map<int, FinishedRow> finishedRows(const std::string& csv, const std::vector<SweepJob>& jobs) {
  std::map<int, const SweepJob*> byIndex;
  for (const auto& j : jobs) byIndex[j.index] = &j;
  std::map<int, FinishedRow> out;
  for (const bool journal : {false, true}) {
    const std::string path = journal ? SweepJournal::pathFor(csv) : csv;
    if (!std::filesystem::exists(path)) continue;
    const SweepRows rows = readSweepCsv(path, "--resume", journal);
    for (size_t i = 0; i < rows.points.size(); ++i) {
      const SweepPoint& p = rows.points[i];
      const auto it = byIndex.find(p.job);
      if (it == byIndex.end())
        throw InputError("--resume", "'" + path + "' has job " + std::to_string(p.job) +
                                         ", which is not one of this sweep's (or shard's) jobs");
      if (!rowMatchesJob(p, *it->second))
        throw InputError("--resume", "'" + path + "' row of job " + std::to_string(p.job) +
                                         " is from another sweep (flow, dim, N, h or seed differ)");
      out[p.job] = {rows.lines[i], p};
    }
  }
  return out;
}

SweepJournal::SweepJournal(const std::string& csv, const std::vector<std::string>& kept)
    : m_path(pathFor(csv)) {
  {
    AtomicFile f(m_path, "--csv");
    f.stream() << sweepCsvHeader() << '\n';
    for (const auto& line : kept) f.stream() << line << '\n';
    f.commit();
  }
  m_out.open(m_path, std::ios::app | std::ios::binary);
  if (!m_out) throw std::runtime_error("cannot append to '" + m_path + "'");
}

void SweepJournal::append(const std::string& line) {
  m_out << line << '\n';
  m_out.flush();
  if (!m_out) throw std::runtime_error("cannot append to '" + m_path + "'");
}

void SweepJournal::remove() {
  m_out.close();
  std::remove(m_path.c_str());
}

}  // namespace driftlab
