#pragma once
/// CommandLog: what the engine applied and at which step (issue 16: tours are checked on it,
/// and it is the replay log ARCHITECTURE.md asks for). Bounded (the oldest entries go first)
/// and thread-safe: the worker appends, any thread reads a copy.
#include <cstddef>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "engine/snapshot.h"

namespace driftlab {

struct CommandLogEntry {
  std::uint64_t serial = 0;  ///< 1, 2, ... in the order the engine applied the commands
  std::int64_t step = 0;     ///< the simulation's step index when the command was applied
  std::string kind;          ///< "apply_scene", "play", "pause", "step_once", "reset", ...
  bool ok = true;            ///< false: the command failed (the engine's error says why)
  std::shared_ptr<const SceneConfig> scene;  ///< apply_scene only: the scene applied
};

/// The kind of a command as the log names it.
std::string commandKind(const Command& command);

class CommandLog {
 public:
  static constexpr std::size_t kDefaultCapacity = 4096;
  explicit CommandLog(std::size_t capacity = kDefaultCapacity);

  /// Appends `command` applied at `step` (Ping, the bridge's liveness check, is not kept).
  void append(std::int64_t step, const Command& command, bool ok);
  /// The entries kept, oldest first.
  std::vector<CommandLogEntry> entries() const;
  /// Commands logged since the engine started (including those dropped from the front).
  std::uint64_t total() const;

 private:
  mutable std::mutex m_mutex;
  std::deque<CommandLogEntry> m_entries;
  std::size_t m_capacity;
  std::uint64_t m_total = 0;
};

}  // namespace driftlab
