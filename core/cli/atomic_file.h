#pragma once
/// Output files that appear whole or not at all: written to a temporary beside the target
/// ("<target>.driftlab-partial-<pid>") and renamed into place by publish(); removed when
/// destroyed unpublished, and by SIGINT, SIGTERM or SIGHUP. A temporary left by SIGKILL is
/// removed by the next AtomicFile opened in the same folder (its process is gone).
#include <fstream>
#include <string>

namespace driftlab {

class AtomicFile {
 public:
  /// Opens the temporary at once. `option` names the target in messages ("--csv"). Throws
  /// InputError for an empty path, a directory, or a folder that cannot be written.
  explicit AtomicFile(std::string path, std::string option = "output");
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::ofstream& stream() { return m_out; }
  const std::string& path() const { return m_path; }
  /// Flushes and closes the temporary; throws std::runtime_error if any write failed.
  void finish();
  /// Renames the finished temporary into place; throws std::runtime_error on failure.
  void publish();
  /// finish() then publish().
  void commit();

 private:
  std::string m_path, m_tmp, m_option;
  std::ofstream m_out;
  int m_slot = -1;  ///< slot in the signal handler's list of temporaries
  bool m_finished = false, m_published = false;
};

/// The suffix of temporaries before the writer's process id.
inline constexpr const char* kPartialSuffix = ".driftlab-partial-";

/// Removes "<name>.driftlab-partial-<pid>" files in `folder` whose process no longer exists.
void removeStaleTemporaries(const std::string& folder);

}  // namespace driftlab
