#pragma once
/// The sweep's CSV: one row per job in plan order, numbers written so that they read back to
/// the same doubles (%.17g). Shards, journals and merges move rows as text, so a merged file
/// is byte for byte the file of an unsharded run.
#include <iosfwd>
#include <string>
#include <vector>

#include "sweep/rate_sweep.h"

namespace driftlab {

/// The header line (without newline).
const std::string& sweepCsvHeader();
/// One row (without newline).
std::string formatSweepRow(const SweepPoint& p);
/// Parses a row written by formatSweepRow; throws InputError(`where`, ...) if malformed.
SweepPoint parseSweepRow(const std::string& line, const std::string& where);

/// The rows of a sweep CSV (or of a journal: then an unterminated last line, the trace of an
/// interrupted write, is dropped). Throws InputError(`option`, ...) if the file cannot be read
/// or its header is not sweepCsvHeader().
struct SweepRows {
  std::vector<std::string> lines;
  std::vector<SweepPoint> points;
};
SweepRows readSweepCsv(const std::string& path, const std::string& option, bool journal = false);

/// Whether a row is the result of `job` (same index, flow, dim, N, requested h and seed).
bool rowMatchesJob(const SweepPoint& row, const SweepJob& job);

}  // namespace driftlab
