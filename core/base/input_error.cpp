#include "base/input_error.h"

#include <cstdio>

namespace driftlab {

std::string escapeControlCharacters(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (c == '\t') {
      out += "\\t";
    } else if (u < 0x20 || u == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", u);
      out += buf;
    } else {
      out += c;
    }
  }
  return out;
}

std::string quoteForMessage(const std::string& text, std::size_t maxBytes) {
  std::string s = text;
  if (s.size() > maxBytes) {
    std::size_t cut = maxBytes;
    while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;  // UTF-8
    s = s.substr(0, cut) + "... (" + std::to_string(text.size()) + " bytes)";
  }
  return escapeControlCharacters(s);
}

namespace {
std::string compose(const std::string& field, const std::string& problem,
                    const std::string& allowed) {
  std::string s = field + ": " + problem;
  if (!allowed.empty()) s += "; allowed: " + allowed;
  // Echoed user text may hold line breaks or terminal controls: the message stays one line.
  return escapeControlCharacters(s);
}
}  // namespace

InputError::InputError(std::string field, const std::string& problem, const std::string& allowed)
    : std::runtime_error(compose(field, problem, allowed)), m_field(std::move(field)) {}

}  // namespace driftlab
