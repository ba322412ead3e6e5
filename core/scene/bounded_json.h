#pragma once
/// JSON text parsed with bounds (nesting depth, string length, document size) and with every
/// failure mapped to an InputError that names the key path where it happened.
#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace driftlab {

struct JsonBounds {
  int maxDepth = 32;                    ///< nested arrays and objects
  std::size_t maxString = 4096;         ///< bytes in one string or key
  std::size_t maxDocument = 64u << 20;  ///< bytes of text
};

/// Parses `text`. Malformed text throws InputError("scene", ...); a number outside double
/// range (1e400), nesting deeper than bounds.maxDepth or a string longer than
/// bounds.maxString throws InputError naming the key path ("flow.bandwidth", "init.center[0]").
/// Never recurses, so hostile input cannot overflow the stack.
nlohmann::json parseBoundedJson(const std::string& text, const JsonBounds& bounds = {});

/// A short description of a value for messages: its text (cut to ~40 bytes, escaped) and, for
/// containers, its type ("array [1,2,...]").
std::string briefJson(const nlohmann::json& value);

/// "a, b, c": a list of allowed values for messages.
std::string joinedList(const std::vector<std::string>& items);

/// Whether `items` holds `s`.
bool listed(const std::vector<std::string>& items, const std::string& s);

/// Typed reads of one field for the scene readers: a value of the wrong JSON type throws
/// InputError("<field>: expected a string/number/true or false, got ...; allowed: <allowed>").
std::string readString(const nlohmann::json& j, const std::string& field,
                       const std::string& allowed);
double readNumber(const nlohmann::json& j, const std::string& field, const std::string& allowed);
bool readBool(const nlohmann::json& j, const std::string& field);

/// Requires `obj` to be an object whose keys are all in `known`; else InputError naming
/// `where` (or "scene" when empty) or the unknown key under it, with the allowed keys.
void requireKnownKeys(const nlohmann::json& obj, const std::string& where,
                      const std::vector<std::string>& known);

}  // namespace driftlab
