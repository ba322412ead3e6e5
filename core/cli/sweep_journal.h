#pragma once
/// Resuming a sweep: every finished job's row is appended (and flushed) to "<csv>.journal"
/// while the sweep runs; the CSV itself is written atomically at the end and the journal then
/// removed. `--resume` keeps the rows found in the CSV and the journal and runs the rest.
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "sweep/sweep_csv.h"

namespace driftlab {

struct FinishedRow {
  std::string line;
  SweepPoint point;
};

/// The rows of `csv` and of its journal (whichever exist) that finish one of `jobs`, by job
/// index. Throws InputError("--resume", ...) for a row of another sweep (same index, other
/// flow, dim, N, h or seed) or a row whose job is not in `jobs` (another shard).
std::map<int, FinishedRow> finishedRows(const std::string& csv, const std::vector<SweepJob>& jobs);

class SweepJournal {
 public:
  static std::string pathFor(const std::string& csv) { return csv + ".journal"; }
  /// Replaces the journal (atomically) by the header and `kept`, then opens it for appending.
  SweepJournal(const std::string& csv, const std::vector<std::string>& kept);
  /// Appends one row and flushes it.
  void append(const std::string& line);
  /// Deletes the journal (after the CSV was committed).
  void remove();

 private:
  std::string m_path;
  std::ofstream m_out;
};

}  // namespace driftlab
