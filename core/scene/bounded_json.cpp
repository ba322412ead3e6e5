#include "scene/bounded_json.h"

#include <algorithm>

#include <vector>

#include "base/input_error.h"

namespace driftlab {

using nlohmann::json;

namespace {

/// nlohmann's SAX interface building a DOM like json::parse, with bounds and key paths. The
/// parser itself is iterative; only a recursive dump() of a deep value could overflow the
/// stack, and the depth bound rules that out.
class BoundedBuilder {
 public:
  BoundedBuilder(json& root, const JsonBounds& bounds) : m_root(root), m_bounds(bounds) {}

  bool null() { return put(nullptr); }
  bool boolean(bool v) { return put(v); }
  bool number_integer(json::number_integer_t v) { return put(v); }
  bool number_unsigned(json::number_unsigned_t v) { return put(v); }
  bool number_float(json::number_float_t v, const std::string&) { return put(v); }
  bool string(std::string& v) {
    checkString(v, "string");
    return put(std::move(v));
  }
  bool binary(json::binary_t& v) { return put(json::binary(std::move(v))); }
  bool start_object(std::size_t) { return open(json::value_t::object); }
  bool start_array(std::size_t) { return open(json::value_t::array); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }
  bool key(std::string& k) {
    m_frames.back().key = k;  // path first, so a too-long key is named by its parent
    m_frames.back().hasKey = true;
    checkString(k, "key");
    m_slot = &(*m_frames.back().value)[k];
    return true;
  }

  bool parse_error(std::size_t position, const std::string& token,
                   const nlohmann::detail::exception& ex) {
    if (ex.id == 406)  // out_of_range: number overflow
      throw InputError(path(), "number " + quoteForMessage(token, 40) + " is outside double range",
                       "finite numbers (magnitude below 1.8e308)");
    std::string msg = ex.what();
    const auto pos = msg.find("] ");
    msg = msg.substr(pos == std::string::npos ? 0 : pos + 2);
    throw InputError("scene",
                     "malformed JSON at byte " + std::to_string(position) + " (" +
                         quoteForMessage(msg, 160) + ")",
                     "a JSON object as in SPEC §7");
  }

 private:
  struct Frame {
    json* value = nullptr;
    std::string key;  ///< objects: the current key
    bool hasKey = false;
    std::size_t index = 0;  ///< arrays: the next element's index
  };

  std::string path() const {
    std::string p;
    for (const auto& f : m_frames) {
      if (f.value->is_object()) {
        if (f.hasKey) p += (p.empty() ? "" : ".") + quoteForMessage(f.key, 40);
      } else {
        p += "[" + std::to_string(f.index) + "]";
      }
    }
    return p.empty() ? "scene" : p;
  }

  void checkString(const std::string& s, const char* what) {
    if (s.size() > m_bounds.maxString)
      throw InputError(path(), std::string(what) + " of " + std::to_string(s.size()) + " bytes",
                       "strings of at most " + std::to_string(m_bounds.maxString) + " bytes");
  }

  template <class V>
  json* place(V&& v) {
    if (m_frames.empty()) {
      m_root = json(std::forward<V>(v));
      return &m_root;
    }
    Frame& f = m_frames.back();
    if (f.value->is_array()) {
      f.value->emplace_back(std::forward<V>(v));
      ++f.index;
      return &f.value->back();
    }
    *m_slot = json(std::forward<V>(v));
    return m_slot;
  }

  template <class V>
  bool put(V&& v) {
    place(std::forward<V>(v));
    return true;
  }

  bool open(json::value_t type) {
    if (static_cast<int>(m_frames.size()) >= m_bounds.maxDepth)
      throw InputError(
          path(), "nested deeper than " + std::to_string(m_bounds.maxDepth) + " levels",
          "at most " + std::to_string(m_bounds.maxDepth) + " nested arrays and objects");
    json* v = place(type);
    if (!m_frames.empty() && m_frames.back().value->is_array())
      --m_frames.back().index;  // the path of what is inside names this element
    m_frames.push_back({v, {}, false, 0});
    return true;
  }

  bool close() {
    m_frames.pop_back();
    if (!m_frames.empty() && m_frames.back().value->is_array()) ++m_frames.back().index;
    return true;
  }

  json& m_root;
  const JsonBounds& m_bounds;
  std::vector<Frame> m_frames;
  json* m_slot = nullptr;
};

}  // namespace

json parseBoundedJson(const std::string& text, const JsonBounds& bounds) {
  if (text.size() > bounds.maxDocument)
    throw InputError("scene", "document of " + std::to_string(text.size()) + " bytes",
                     "at most " + std::to_string(bounds.maxDocument) + " bytes");
  json root;
  BoundedBuilder builder(root, bounds);
  json::sax_parse(text, &builder);
  return root;
}

std::string briefJson(const json& value) {
  // Depth is bounded by parseBoundedJson, so dump() cannot recurse far.
  const std::string text = quoteForMessage(value.dump(), 40);
  if (value.is_array() || value.is_object()) return std::string(value.type_name()) + " " + text;
  return text;
}

std::string joinedList(const std::vector<std::string>& items) {
  std::string s;
  for (const auto& k : items) s += (s.empty() ? "" : ", ") + k;
  return s;
}

void requireKnownKeys(const json& obj, const std::string& where,
                      const std::vector<std::string>& known) {
  if (!obj.is_object())
    throw InputError(where.empty() ? "scene" : where,
                     "expected a JSON object, got " + briefJson(obj),
                     "an object with keys " + joinedList(known));
  for (const auto& [key, value] : obj.items()) {
    if (std::find(known.begin(), known.end(), key) == known.end()) {
      const std::string k = quoteForMessage(key, 40);
      throw InputError(where.empty() ? k : where + "." + k, "unknown key", joinedList(known));
    }
  }
}

bool listed(const std::vector<std::string>& items, const std::string& s) {
  for (const auto& k : items)
    if (k == s) return true;
  return false;
}

std::string readString(const nlohmann::json& j, const std::string& field,
                       const std::string& allowed) {
  if (!j.is_string()) throw InputError(field, "expected a string, got " + briefJson(j), allowed);
  return j.get<std::string>();
}

double readNumber(const nlohmann::json& j, const std::string& field, const std::string& allowed) {
  if (!j.is_number()) throw InputError(field, "expected a number, got " + briefJson(j), allowed);
  return j.get<double>();
}

bool readBool(const nlohmann::json& j, const std::string& field) {
  if (!j.is_boolean())
    throw InputError(field, "expected true or false, got " + briefJson(j), "true, false");
  return j.get<bool>();
}

}  // namespace driftlab
