#pragma once
/// `driftlab run SCENE.json [--steps K] [--csv F] [--dump PREFIX] [--threads T]` (SPEC §7).
#include <functional>
#include <iosfwd>
#include <string>
#include <vector>

namespace driftlab {

/// Exit codes of every subcommand.
inline constexpr int kExitOk = 0;
inline constexpr int kExitFailure = 1;
inline constexpr int kExitBadInput = 2;

/// Runs a subcommand's body and turns what it throws into one line on `err`,
/// "driftlab NAME: message" (control characters escaped): InputError and StateError (bad
/// input, a state that went non-finite) exit kExitBadInput, anything else kExitFailure.
int guardedCommand(const std::string& name, std::ostream& err, const std::function<int()>& body);

/// args: the words after "run". Returns the exit code; messages go to `out` / `err`.
int runCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

/// Parses "--name value" options; throws InputError for unknown or value-less options.
struct CommandLine {
  std::vector<std::string> positional;
  std::vector<std::pair<std::string, std::string>> options;
  const std::string* get(const std::string& name) const;
};
CommandLine parseCommandLine(const std::vector<std::string>& args,
                             const std::vector<std::string>& valued,
                             const std::vector<std::string>& flags = {});
long long parseIntegerOption(const std::string& value, const std::string& name, long long lo,
                             long long hi);
double parseNumberOption(const std::string& value, const std::string& name);
/// "a,b,,c" -> {"a", "b", "", "c"}; "" -> {""} (empty items reach the item's own check).
std::vector<std::string> splitCommaList(const std::string& text);

}  // namespace driftlab
