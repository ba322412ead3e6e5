#include "cli/output_set.h"

#include <filesystem>

#include "base/input_error.h"

namespace driftlab {

namespace {
/// The same file, however it is spelled ("out.csv", "./out.csv", "d/../out.csv", a link).
std::string normalised(const std::string& path) {
  std::error_code ec;
  auto p = std::filesystem::weakly_canonical(std::filesystem::absolute(path, ec), ec);
  return ec ? path : p.lexically_normal().string();
}
}  // namespace

std::ostream& OutputSet::add(const std::string& path, const std::string& option) {
  const std::string key = path.empty() ? path : normalised(path);
  for (const auto& t : m_files)
    if (t.key == key)
      throw InputError(option,
                       "'" + quoteForMessage(path, 200) + "' is also the " + t.option + " output",
                       "a file distinct from every other output");
  auto file = std::make_unique<AtomicFile>(path, option);
  std::ostream& os = file->stream();
  m_files.push_back({std::move(file), option, key});
  return os;
}

void OutputSet::commit() {
  for (auto& t : m_files) t.file->finish();
  for (auto& t : m_files) t.file->publish();
}

}  // namespace driftlab
