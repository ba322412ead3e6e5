#pragma once
/// Output files that appear whole or not at all: written to a temporary name beside the
/// target and renamed on commit(); removed if destroyed uncommitted.
#include <fstream>
#include <string>

namespace driftlab {

class AtomicFile {
 public:
  explicit AtomicFile(std::string path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;

  std::ofstream& stream() { return m_out; }
  /// Flushes and renames into place; throws std::runtime_error on I/O failure.
  void commit();

 private:
  std::string m_path, m_tmp;
  std::ofstream m_out;
  bool m_committed = false;
};

}  // namespace driftlab
