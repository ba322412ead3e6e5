#pragma once
/// Typed, self-describing parameters of flows, targets and initial clouds.
///
/// Each registry entry lists its ParamSpecs; the scene parser validates against
/// them, the GUI builds its controls from them, and tests enumerate them.
#include <limits>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace driftlab {

/// Largest magnitude of a vector parameter's entries (centres, offsets, means): far beyond
/// any target's scale, small enough that squared distances and |v|^2 stay finite.
inline constexpr double kVectorLimit = 1e6;

enum class ParamKind { kNumber, kInteger, kChoice, kFlag, kVector };

/// One parameter: key, kind, default and allowed range or choices.
struct ParamSpec {
  std::string key;
  ParamKind kind = ParamKind::kNumber;
  std::string help;
  double defaultNumber = 0.0;
  double min = -std::numeric_limits<double>::infinity();
  double max = std::numeric_limits<double>::infinity();
  bool minExclusive = false;  ///< value must be > min rather than >= min
  bool logScale = false;      ///< hint for sliders
  std::vector<std::string> choices;
  std::string defaultChoice;
  bool defaultFlag = false;
  std::vector<double> defaultVector;  ///< empty: "the origin of the dimension" etc.
  bool inert =
      false;  ///< accepted in scene files for compatibility but without effect (GUI hides it)

  static ParamSpec number(std::string key, double def, double min, double max, std::string help,
                          bool minExclusive = false, bool logScale = false);
  static ParamSpec integer(std::string key, int def, int min, int max, std::string help);
  static ParamSpec choice(std::string key, std::vector<std::string> choices, std::string def,
                          std::string help);
  static ParamSpec flag(std::string key, bool def, std::string help);
  static ParamSpec vector(std::string key, std::vector<double> def, std::string help);

  /// Human-readable allowed range, e.g. "(0, inf)" or "separate, joint, none".
  std::string allowed() const;
};

using ParamValue = std::variant<double, std::string, bool, std::vector<double>>;

/// Values keyed by ParamSpec::key. Numbers and integers are both stored as double.
class ParamSet {
 public:
  void set(const std::string& key, ParamValue value) { m_values[key] = std::move(value); }
  bool has(const std::string& key) const { return m_values.count(key) != 0; }
  double number(const std::string& key) const;
  int integer(const std::string& key) const { return static_cast<int>(number(key)); }
  const std::string& choice(const std::string& key) const;
  bool flag(const std::string& key) const;
  const std::vector<double>& vector(const std::string& key) const;
  const std::map<std::string, ParamValue>& values() const { return m_values; }
  bool operator==(const ParamSet&) const = default;

 private:
  std::map<std::string, ParamValue> m_values;
};

/// Checks `given` against `specs` and fills in defaults. Unknown keys, wrong types and
/// out-of-range values throw InputError naming `prefix + "." + key`.
ParamSet validateParams(const std::vector<ParamSpec>& specs, const ParamSet& given,
                        const std::string& prefix);

}  // namespace driftlab
