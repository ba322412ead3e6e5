#include "base/input_error.h"

namespace driftlab {

namespace {
std::string compose(const std::string& field, const std::string& problem,
                    const std::string& allowed) {
  std::string s = field + ": " + problem;
  if (!allowed.empty()) s += "; allowed: " + allowed;
  return s;
}
}  // namespace

InputError::InputError(std::string field, const std::string& problem, const std::string& allowed)
    : std::runtime_error(compose(field, problem, allowed)), m_field(std::move(field)) {}

}  // namespace driftlab
