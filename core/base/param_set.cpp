#include "base/param_set.h"

#include <cmath>
#include <sstream>

#include "base/input_error.h"

namespace driftlab {

ParamSpec ParamSpec::number(std::string key, double def, double min, double max, std::string help,
                            bool minExclusive, bool logScale) {
  ParamSpec s;
  s.key = std::move(key);
  s.kind = ParamKind::kNumber;
  s.defaultNumber = def;
  s.min = min;
  s.max = max;
  s.minExclusive = minExclusive;
  s.logScale = logScale;
  s.help = std::move(help);
  return s;
}

ParamSpec ParamSpec::integer(std::string key, int def, int min, int max, std::string help) {
  ParamSpec s = number(std::move(key), def, min, max, std::move(help));
  s.kind = ParamKind::kInteger;
  return s;
}

ParamSpec ParamSpec::choice(std::string key, std::vector<std::string> choices, std::string def,
                            std::string help) {
  ParamSpec s;
  s.key = std::move(key);
  s.kind = ParamKind::kChoice;
  s.choices = std::move(choices);
  s.defaultChoice = std::move(def);
  s.help = std::move(help);
  return s;
}

ParamSpec ParamSpec::flag(std::string key, bool def, std::string help) {
  ParamSpec s;
  s.key = std::move(key);
  s.kind = ParamKind::kFlag;
  s.defaultFlag = def;
  s.help = std::move(help);
  return s;
}

ParamSpec ParamSpec::vector(std::string key, std::vector<double> def, std::string help) {
  ParamSpec s;
  s.key = std::move(key);
  s.kind = ParamKind::kVector;
  s.defaultVector = std::move(def);
  s.help = std::move(help);
  return s;
}

ParamSpec ParamSpec::text(std::string key, std::string def, std::string help, bool isPath) {
  ParamSpec s;
  s.key = std::move(key);
  s.kind = ParamKind::kText;
  s.defaultText = std::move(def);
  s.isPath = isPath;
  s.help = std::move(help);
  return s;
}

ParamSpec ParamSpec::points(std::string key, int width, std::size_t maxCount,
                            std::vector<double> def, std::string help) {
  ParamSpec s;
  s.defaultVector = std::move(def);
  s.key = std::move(key);
  s.kind = ParamKind::kPoints;
  s.pointWidth = width;
  s.maxCount = maxCount;
  s.help = std::move(help);
  return s;
}

namespace {
std::string fmt(double v) {
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  std::ostringstream os;
  os << v;
  return os.str();
}
}  // namespace

std::string ParamSpec::allowed() const {
  switch (kind) {
    case ParamKind::kNumber:
    case ParamKind::kInteger: {
      std::string s =
          (minExclusive ? "(" : "[") + fmt(min) + ", " + fmt(max) + (std::isinf(max) ? ")" : "]");
      return kind == ParamKind::kInteger ? "integers in " + s : "numbers in " + s;
    }
    case ParamKind::kChoice: {
      std::string s;
      for (const auto& c : choices) s += (s.empty() ? "" : ", ") + c;
      return s;
    }
    case ParamKind::kFlag:
      return "true, false";
    case ParamKind::kVector:
      return "an array of numbers in [" + fmt(-kVectorLimit) + ", " + fmt(kVectorLimit) + "]";
    case ParamKind::kText:
      return std::string(isPath ? "a file path" : "text") + " of at most " +
             std::to_string(kMaxTextBytes) + " bytes on one line";
    case ParamKind::kPoints:
      return "1 to " + std::to_string(maxCount) + " points [" +
             std::string(pointWidth > 1 ? "x, y" : "x") + (pointWidth > 2 ? ", ..." : "") +
             "] with coordinates in [" + fmt(-kVectorLimit) + ", " + fmt(kVectorLimit) + "]";
  }
  return {};
}

double ParamSet::number(const std::string& key) const {
  auto it = m_values.find(key);
  if (it == m_values.end() || !std::holds_alternative<double>(it->second))
    throw InputError(key, "number parameter is not set");
  return std::get<double>(it->second);
}

const std::string& ParamSet::choice(const std::string& key) const {
  auto it = m_values.find(key);
  if (it == m_values.end() || !std::holds_alternative<std::string>(it->second))
    throw InputError(key, "choice parameter is not set");
  return std::get<std::string>(it->second);
}

bool ParamSet::flag(const std::string& key) const {
  auto it = m_values.find(key);
  if (it == m_values.end() || !std::holds_alternative<bool>(it->second))
    throw InputError(key, "flag parameter is not set");
  return std::get<bool>(it->second);
}

const std::vector<double>& ParamSet::vector(const std::string& key) const {
  auto it = m_values.find(key);
  if (it == m_values.end() || !std::holds_alternative<std::vector<double>>(it->second))
    throw InputError(key, "vector parameter is not set");
  return std::get<std::vector<double>>(it->second);
}

namespace {
void checkNumber(const ParamSpec& s, double v, const std::string& name) {
  const bool belowMin = s.minExclusive ? !(v > s.min) : !(v >= s.min);
  if (!std::isfinite(v) || belowMin || v > s.max)
    throw InputError(name, "got " + fmt(v), s.allowed());
  if (s.kind == ParamKind::kInteger && v != std::floor(v))
    throw InputError(name, "got " + fmt(v) + ", not an integer", s.allowed());
}
}  // namespace

ParamSet validateParams(const std::vector<ParamSpec>& specs, const ParamSet& given,
                        const std::string& prefix) {
  ParamSet out;
  for (const auto& [key, value] : given.values()) {
    bool known = false;
    for (const auto& s : specs) known = known || s.key == key;
    if (!known) {
      std::string keys;
      for (const auto& s : specs) keys += (keys.empty() ? "" : ", ") + s.key;
      throw InputError(prefix + "." + key, "unknown key", keys.empty() ? "(none)" : keys);
    }
  }
  for (const auto& s : specs) {
    const std::string name = prefix + "." + s.key;
    auto it = given.values().find(s.key);
    const bool present = it != given.values().end();
    switch (s.kind) {
      case ParamKind::kNumber:
      case ParamKind::kInteger: {
        double v = s.defaultNumber;
        if (present) {
          if (!std::holds_alternative<double>(it->second))
            throw InputError(name, "expected a number", s.allowed());
          v = std::get<double>(it->second);
        }
        checkNumber(s, v, name);
        out.set(s.key, v);
        break;
      }
      case ParamKind::kChoice: {
        std::string v = s.defaultChoice;
        if (present) {
          if (!std::holds_alternative<std::string>(it->second))
            throw InputError(name, "expected a string", s.allowed());
          v = std::get<std::string>(it->second);
        }
        bool ok = false;
        for (const auto& c : s.choices) ok = ok || c == v;
        if (!ok) throw InputError(name, "unknown value '" + v + "'", s.allowed());
        out.set(s.key, v);
        break;
      }
      case ParamKind::kFlag: {
        bool v = s.defaultFlag;
        if (present) {
          if (!std::holds_alternative<bool>(it->second))
            throw InputError(name, "expected true or false", s.allowed());
          v = std::get<bool>(it->second);
        }
        out.set(s.key, v);
        break;
      }
      case ParamKind::kVector: {
        std::vector<double> v = s.defaultVector;
        if (present) {
          if (!std::holds_alternative<std::vector<double>>(it->second))
            throw InputError(name, "expected an array of numbers", s.allowed());
          v = std::get<std::vector<double>>(it->second);
        }
        for (std::size_t i = 0; i < v.size(); ++i)
          if (!(std::abs(v[i]) <= kVectorLimit))  // also NaN
            throw InputError(name + "[" + std::to_string(i) + "]", "got " + fmt(v[i]), s.allowed());
        out.set(s.key, v);
        break;
      }
      case ParamKind::kText: {
        std::string v = s.defaultText;
        if (present) {
          if (!std::holds_alternative<std::string>(it->second))
            throw InputError(name, "expected a string", s.allowed());
          v = std::get<std::string>(it->second);
        }
        if (v.size() > kMaxTextBytes ||
            v.find_first_of(std::string("\n\r\0", 3)) != std::string::npos)
          throw InputError(name, "got '" + quoteForMessage(v) + "'", s.allowed());
        out.set(s.key, v);
        break;
      }
      case ParamKind::kPoints: {
        std::vector<double> v = s.defaultVector;
        if (present) {
          if (!std::holds_alternative<std::vector<double>>(it->second))
            throw InputError(name, "expected a list of points", s.allowed());
          v = std::get<std::vector<double>>(it->second);
        }
        {
          const std::size_t w = static_cast<std::size_t>(s.pointWidth);
          if (v.empty() || v.size() % w != 0)
            throw InputError(name, v.empty() ? "no points" : "an incomplete point", s.allowed());
          if (v.size() / w > s.maxCount)
            throw InputError(name, std::to_string(v.size() / w) + " points", s.allowed());
          for (std::size_t i = 0; i < v.size(); ++i)
            if (!(std::abs(v[i]) <= kVectorLimit))  // also NaN
              throw InputError(
                  name + "[" + std::to_string(i / w) + "][" + std::to_string(i % w) + "]",
                  "got " + fmt(v[i]), s.allowed());
        }
        out.set(s.key, v);
        break;
      }
    }
  }
  return out;
}

}  // namespace driftlab
