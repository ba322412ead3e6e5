#include "sweep/sweep_csv.h"

#include <cstdio>
#include <fstream>
#include <sstream>

#include "base/input_error.h"

namespace driftlab {

namespace {

std::string num(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

double toNumber(const std::string& s, const std::string& where) {
  try {
    size_t used = 0;
    const double v = std::stod(s, &used);
    if (used == s.size()) return v;
  } catch (const std::exception&) {
  }
  throw InputError(where, "got '" + s + "' where a number belongs", sweepCsvHeader());
}

/// A whole decimal integer in [lo, hi] (no double round trip: seeds use all 64 bits).
std::uint64_t toInteger(const std::string& s, const std::string& where, std::uint64_t hi) {
  std::uint64_t v = 0;
  bool ok = !s.empty() && s.size() <= 20;
  for (char c : s) {
    ok = ok && c >= '0' && c <= '9' && v <= (hi - std::uint64_t(c - '0')) / 10;
    if (ok) v = 10 * v + std::uint64_t(c - '0');
  }
  if (!ok)
    throw InputError(where,
                     "got '" + s + "' where an integer <= " + std::to_string(hi) + " belongs",
                     sweepCsvHeader());
  return v;
}

}  // namespace

const std::string& sweepCsvHeader() {
  static const std::string h =
      "job,flow,dim,particles,requested_bandwidth,seed,bandwidth,eta,mean_root_residual,"
      "half_time_root_residual,final_root_residual,stop_time,steps,converged";
  return h;
}

std::string formatSweepRow(const SweepPoint& p) {
  std::ostringstream o;
  o << p.job << ',' << p.flow << ',' << p.dim << ',' << p.particles << ','
    << num(p.requestedBandwidth) << ',' << p.seed << ',' << num(p.bandwidth) << ',' << num(p.eta)
    << ',' << num(p.meanRootResidual) << ',' << num(p.halfTimeRootResidual) << ','
    << num(p.finalRootResidual) << ',' << num(p.stopTime) << ',' << p.steps << ','
    << (p.converged ? 1 : 0);
  return o.str();
}

SweepPoint parseSweepRow(const std::string& line, const std::string& where) {
  std::vector<std::string> f;
  std::stringstream ss(line);
  std::string item;
  while (std::getline(ss, item, ',')) f.push_back(item);
  if (f.size() != 14)
    throw InputError(where, "has " + std::to_string(f.size()) + " fields", "14 fields");
  SweepPoint p;
  p.job = int(toInteger(f[0], where, 1u << 30));
  p.flow = f[1];
  p.dim = int(toInteger(f[2], where, 8));
  p.particles = std::int64_t(toInteger(f[3], where, std::uint64_t(1) << 62));
  p.requestedBandwidth = toNumber(f[4], where);
  p.seed = toInteger(f[5], where, ~std::uint64_t(0));
  p.bandwidth = toNumber(f[6], where);
  p.eta = toNumber(f[7], where);
  p.meanRootResidual = toNumber(f[8], where);
  p.halfTimeRootResidual = toNumber(f[9], where);
  p.finalRootResidual = toNumber(f[10], where);
  p.stopTime = toNumber(f[11], where);
  p.steps = std::int64_t(toInteger(f[12], where, std::uint64_t(1) << 62));
  p.converged = f[13] == "1";
  return p;
}

SweepRows readSweepCsv(const std::string& path, const std::string& option, bool journal) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(option, "cannot read '" + path + "'");
  std::stringstream buffer;
  buffer << in.rdbuf();
  const std::string text = buffer.str();
  SweepRows rows;
  size_t pos = 0;
  bool header = true;
  while (pos < text.size()) {
    const size_t end = text.find('\n', pos);
    if (end == std::string::npos) {
      if (journal) break;  // an interrupted append
      throw InputError(option, "'" + path + "' ends without a newline (cut short?)");
    }
    const std::string line = text.substr(pos, end - pos);
    pos = end + 1;
    if (header) {
      if (line != sweepCsvHeader())
        throw InputError(option, "'" + path + "' is not a sweep CSV of this version",
                         sweepCsvHeader());
      header = false;
      continue;
    }
    rows.points.push_back(parseSweepRow(line, option + " '" + path + "'"));
    rows.lines.push_back(line);
  }
  if (header && !journal) throw InputError(option, "'" + path + "' is empty");
  return rows;
}

bool rowMatchesJob(const SweepPoint& r, const SweepJob& j) {
  return r.job == j.index && r.flow == j.flow && r.dim == j.dim && r.particles == j.particles &&
         r.requestedBandwidth == j.bandwidth && r.seed == j.seed;
}

}  // namespace driftlab
