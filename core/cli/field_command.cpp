#include "cli/field_command.h"

#include <cmath>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <sstream>

#include "base/input_error.h"
#include "cli/output_set.h"
#include "cli/run_command.h"
#include "engine/simulation.h"
#include "fields/field_jacobian.h"
#include "scene/scene_json.h"

namespace driftlab {

namespace {

constexpr const char* kUsage =
    "driftlab field SCENE.json --points F.csv [--jacobian] [--steps K] [--out F]";
/// Points per call: the Jacobians cost O(n (M + N) d^2) and the output ~20 bytes a number.
constexpr Eigen::Index kMaxPoints = 1000000;

std::vector<std::string> splitCells(const std::string& line) {
  std::vector<std::string> cells;
  std::stringstream ss(line);
  std::string cell;
  while (std::getline(ss, cell, ',')) {
    const auto first = cell.find_first_not_of(" \t");
    const auto last = cell.find_last_not_of(" \t");
    cells.push_back(first == std::string::npos ? "" : cell.substr(first, last - first + 1));
  }
  if (!line.empty() && line.back() == ',') cells.emplace_back();
  return cells;
}

std::string expectedHeader(int dim) {
  std::string s;
  for (int k = 0; k < dim; ++k) s += (k ? "," : "") + ("x" + std::to_string(k));
  return s;
}

void writeHeader(std::ostream& os, int d, bool jacobian) {
  for (int k = 0; k < d; ++k) os << (k ? "," : "") << 'x' << k;
  for (int k = 0; k < d; ++k) os << ",v" << k;
  if (jacobian)
    for (int a = 0; a < d; ++a)
      for (int b = 0; b < d; ++b) os << ",J" << a << b;
  os << '\n';
}

int field(const std::vector<std::string>& args, std::ostream& out) {
  const CommandLine cl = parseCommandLine(args, {"--points", "--steps", "--out"}, {"--jacobian"});
  if (cl.positional.size() != 1)
    throw InputError("SCENE.json", cl.positional.empty() ? "missing" : "more than one given",
                     kUsage);
  const std::string* pointsPath = cl.get("--points");
  if (!pointsPath) throw InputError("--points", "missing", kUsage);
  SceneConfig scene = loadSceneFile(cl.positional[0]);
  const std::int64_t steps =
      cl.get("--steps") ? parseIntegerOption(*cl.get("--steps"), "--steps", 0, 1LL << 40) : 0;
  const bool withJacobian = cl.get("--jacobian") != nullptr;

  std::ifstream file(*pointsPath);
  if (!file)
    throw InputError("--points", "cannot read '" + quoteForMessage(*pointsPath) + "'", kUsage);
  const PointSet queries = readPointsCsv(file, scene.dim);

  OutputSet outputs;  // checked and opened before any work
  std::ostream* os = cl.get("--out") ? &outputs.add(*cl.get("--out"), "--out") : &out;

  Simulation sim(scene);
  for (std::int64_t k = 0; k < steps; ++k) sim.step();
  const PointSet v = sim.fieldAt(queries);
  FieldJacobians jac;
  if (withJacobian)
    jac = sim.jacobiansAt(queries);  // the state's inputs (target and time included)
  if (!v.allFinite() || (withJacobian && !jac.jacobian.allFinite()))
    throw StateError("state: the field is not finite at the points after " + std::to_string(steps) +
                     " steps; allowed: a smaller integrator.eta or a larger flow.bandwidth");

  const int d = scene.dim;
  std::ostringstream text;  // one write: stdout never gets a partial table
  text.precision(17);
  writeHeader(text, d, withJacobian);
  for (Eigen::Index i = 0; i < queries.rows(); ++i) {
    for (int k = 0; k < d; ++k) text << (k ? "," : "") << queries(i, k);
    for (int k = 0; k < d; ++k) text << ',' << v(i, k);
    if (withJacobian)
      for (int a = 0; a < d * d; ++a) text << ',' << jac.jacobian(i, a);
    text << '\n';
  }
  *os << text.str();
  if (!outputs.empty()) outputs.commit();
  return kExitOk;
}

}  // namespace

PointSet readPointsCsv(std::istream& in, int dim) {
  std::string line;
  if (!std::getline(in, line)) throw InputError("--points", "empty file", expectedHeader(dim));
  if (!line.empty() && line.back() == '\r') line.pop_back();
  const std::vector<std::string> header = splitCells(line);
  for (size_t k = 0; k < header.size() || k < size_t(dim); ++k) {
    const std::string want = "x" + std::to_string(k);
    if (k >= header.size())
      throw InputError(
          "--points",
          "header lacks column " + want + " (the scene has dim " + std::to_string(dim) + ")",
          expectedHeader(dim));
    if (k >= size_t(dim) || header[k] != want)
      throw InputError("--points",
                       "header column " + std::to_string(k + 1) + " is " + "'" +
                           quoteForMessage(header[k], 40) + "'" + " (the scene has dim " +
                           std::to_string(dim) + ")",
                       expectedHeader(dim));
  }
  std::vector<double> values;
  Eigen::Index rows = 0;
  for (long long lineNo = 2; std::getline(in, line); ++lineNo) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.find_first_not_of(" \t") == std::string::npos) continue;
    const std::vector<std::string> cells = splitCells(line);
    const std::string where = "line " + std::to_string(lineNo);
    if (cells.size() != size_t(dim))
      throw InputError("--points", where + " has " + std::to_string(cells.size()) + " values",
                       std::to_string(dim) + " numbers per line (" + expectedHeader(dim) + ")");
    if (++rows > kMaxPoints)
      throw InputError("--points", "more than " + std::to_string(kMaxPoints) + " points",
                       "at most " + std::to_string(kMaxPoints) + " points per call");
    for (int k = 0; k < dim; ++k) {
      char* end = nullptr;
      const double x = std::strtod(cells[size_t(k)].c_str(), &end);
      if (cells[size_t(k)].empty() || *end != '\0' || !std::isfinite(x))
        throw InputError("--points",
                         where + ", column x" + std::to_string(k) + ": got " + "'" +
                             quoteForMessage(cells[size_t(k)], 40) + "'",
                         "finite numbers");
      values.push_back(x);
    }
  }
  PointSet out(rows, dim);
  for (Eigen::Index i = 0; i < rows; ++i)
    for (int k = 0; k < dim; ++k) out(i, k) = values[size_t(i * dim + k)];
  return out;
}

int fieldCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  return guardedCommand("field", err, [&] { return field(args, out); });
}

}  // namespace driftlab
