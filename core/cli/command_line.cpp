#include <cmath>
#include <cstdlib>
#include <sstream>

#include "base/input_error.h"
#include "cli/run_command.h"

namespace driftlab {

const std::string* CommandLine::get(const std::string& name) const {
  const std::string* found = nullptr;
  for (const auto& [k, v] : options)
    if (k == name) found = &v;
  return found;
}

CommandLine parseCommandLine(const std::vector<std::string>& args,
                             const std::vector<std::string>& valued,
                             const std::vector<std::string>& flags) {
  CommandLine cl;
  auto listed = [](const std::vector<std::string>& v, const std::string& s) {
    for (const auto& x : v)
      if (x == s) return true;
    return false;
  };
  std::string allowed;
  for (const auto& v : valued) allowed += (allowed.empty() ? "" : ", ") + v;
  for (const auto& f : flags) allowed += (allowed.empty() ? "" : ", ") + f;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    if (a.rfind("--", 0) != 0) {
      cl.positional.push_back(a);
    } else if (listed(flags, a)) {
      cl.options.emplace_back(a, "");
    } else if (listed(valued, a)) {
      if (i + 1 >= args.size()) throw InputError(a, "needs a value", a + " VALUE");
      cl.options.emplace_back(a, args[++i]);
    } else {
      throw InputError(a, "unknown option", allowed);
    }
  }
  return cl;
}

long long parseIntegerOption(const std::string& value, const std::string& name, long long lo,
                             long long hi) {
  char* end = nullptr;
  errno = 0;
  const long long v = std::strtoll(value.c_str(), &end, 10);
  if (value.empty() || *end != '\0' || errno != 0 || v < lo || v > hi)
    throw InputError(name, "got '" + value + "'",
                     "integers from " + std::to_string(lo) + " to " + std::to_string(hi));
  return v;
}

double parseNumberOption(const std::string& value, const std::string& name) {
  char* end = nullptr;
  const double v = std::strtod(value.c_str(), &end);
  if (value.empty() || *end != '\0' || !std::isfinite(v))
    throw InputError(name, "got '" + value + "'", "a finite number");
  return v;
}

std::vector<std::string> splitCommaList(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ',')) out.push_back(item);
  if (out.empty()) out.push_back("");
  return out;
}

}  // namespace driftlab
