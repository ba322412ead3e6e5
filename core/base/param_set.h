#pragma once
/// Typed, self-describing parameters of flows, targets and initial clouds.
///
/// Each registry entry lists its ParamSpecs; the scene parser validates against
/// them, the GUI builds its controls from them, and tests enumerate them.
#include <cstddef>
#include <limits>
#include <map>
#include <string>
#include <variant>
#include <vector>

namespace driftlab {

/// Largest magnitude of a vector parameter's entries (centres, offsets, means): far beyond
/// any target's scale, small enough that squared distances and |v|^2 stay finite.
inline constexpr double kVectorLimit = 1e6;

/// kText: free text (a file path: `isPath`), stored as a string. kPoints: a list of points of
/// `pointWidth` coordinates, stored flat (x0, y0, x1, y1, ...) and written in scene files as
/// [[x0, y0], [x1, y1], ...]; 1 to `maxCount` points (default: defaultVector).
enum class ParamKind { kNumber, kInteger, kChoice, kFlag, kVector, kText, kPoints };

/// Longest text parameter (bytes).
inline constexpr std::size_t kMaxTextBytes = 4096;

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
  std::string defaultText;
  bool isPath = false;  ///< kText: a file path (scene files resolve it against their folder)
  int pointWidth = 2;   ///< kPoints: coordinates per point
  std::size_t maxCount = 100000;  ///< kPoints: most points
  bool inert =
      false;  ///< accepted in scene files for compatibility but without effect (GUI hides it)

  static ParamSpec number(std::string key, double def, double min, double max, std::string help,
                          bool minExclusive = false, bool logScale = false);
  static ParamSpec integer(std::string key, int def, int min, int max, std::string help);
  static ParamSpec choice(std::string key, std::vector<std::string> choices, std::string def,
                          std::string help);
  static ParamSpec flag(std::string key, bool def, std::string help);
  static ParamSpec vector(std::string key, std::vector<double> def, std::string help);
  static ParamSpec text(std::string key, std::string def, std::string help, bool isPath = false);
  /// def: the default points, flat.
  static ParamSpec points(std::string key, int width, std::size_t maxCount, std::vector<double> def,
                          std::string help);

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
  /// A kText value (stored like a choice).
  const std::string& text(const std::string& key) const { return choice(key); }
  /// A kPoints value, flat (stored like a vector).
  const std::vector<double>& points(const std::string& key) const { return vector(key); }
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
