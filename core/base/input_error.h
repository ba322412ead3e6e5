#pragma once
/// The one error type for bad user input: names the offending field and what is allowed.
#include <cstddef>
#include <stdexcept>
#include <string>

namespace driftlab {

/// Thrown for invalid scenes, parameters and commands. what() is one line:
/// "<field>: <problem>; allowed: <allowed values>".
class InputError : public std::runtime_error {
 public:
  InputError(std::string field, const std::string& problem, const std::string& allowed = {});
  const std::string& field() const { return m_field; }

 private:
  std::string m_field;
};

/// `text` with control characters (newline, tab, ESC, ...) written as \n, \t, \x1b: echoed
/// user text can never break a one-line message.
std::string escapeControlCharacters(const std::string& text);

/// User text for a message: cut to `maxBytes` (at a UTF-8 boundary, saying how long it was)
/// and escaped.
std::string quoteForMessage(const std::string& text, std::size_t maxBytes = 80);

/// Thrown when the simulated state stops being finite (NaN/inf), e.g. eta too large.
class StateError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace driftlab
