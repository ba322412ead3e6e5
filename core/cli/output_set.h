#pragma once
/// The output files of one command as a transaction: every target is checked and opened as a
/// temporary before any work; commit() renames them only once every one is complete, so a
/// failure (or a signal) before that leaves none of them behind.
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "cli/atomic_file.h"

namespace driftlab {

class OutputSet {
 public:
  /// Adds a target and returns its stream. `option` names it in messages ("--csv"). Throws
  /// InputError if the path is empty, a directory, unwritable, or the same file as an
  /// earlier target of this set.
  std::ostream& add(const std::string& path, const std::string& option);
  /// Finishes every file (throwing std::runtime_error if any write failed, e.g. a full disk),
  /// then renames them all into place.
  void commit();
  bool empty() const { return m_files.empty(); }

 private:
  struct Target {
    std::unique_ptr<AtomicFile> file;
    std::string option, key;  ///< key: the absolute, normalised path
  };
  std::vector<Target> m_files;
};

}  // namespace driftlab
