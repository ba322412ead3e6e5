#include "engine/command_log.h"

#include <algorithm>

namespace driftlab {

std::string commandKind(const Command& command) {
  return std::visit(
      [](const auto& c) -> std::string {
        using T = std::decay_t<decltype(c)>;
        if constexpr (std::is_same_v<T, command::ApplyScene>) return "apply_scene";
        if constexpr (std::is_same_v<T, command::Play>) return "play";
        if constexpr (std::is_same_v<T, command::Pause>) return "pause";
        if constexpr (std::is_same_v<T, command::StepOnce>) return "step_once";
        if constexpr (std::is_same_v<T, command::Reset>) return "reset";
        if constexpr (std::is_same_v<T, command::StepBack>) return "step_back";
        if constexpr (std::is_same_v<T, command::SetMaxStepsPerSecond>) return "set_speed";
        if constexpr (std::is_same_v<T, command::SetGrid>) return "set_grid";
        if constexpr (std::is_same_v<T, command::SetParticles>) return "set_particles";
        if constexpr (std::is_same_v<T, command::SetDiagnosticsEveryStep>)
          return "set_diagnostics_every_step";
        return "ping";
      },
      command);
}

CommandLog::CommandLog(std::size_t capacity) : m_capacity(std::max<std::size_t>(1, capacity)) {}

void CommandLog::append(std::int64_t step, const Command& command, bool ok) {
  if (std::holds_alternative<command::Ping>(command)) return;
  CommandLogEntry entry;
  entry.step = step;
  entry.kind = commandKind(command);
  entry.ok = ok;
  if (const auto* apply = std::get_if<command::ApplyScene>(&command))
    entry.scene = std::make_shared<const SceneConfig>(apply->scene);
  std::lock_guard lock(m_mutex);
  entry.serial = ++m_total;
  m_entries.push_back(std::move(entry));
  if (m_entries.size() > m_capacity) m_entries.pop_front();
}

std::vector<CommandLogEntry> CommandLog::entries() const {
  std::lock_guard lock(m_mutex);
  return {m_entries.begin(), m_entries.end()};
}

std::uint64_t CommandLog::total() const {
  std::lock_guard lock(m_mutex);
  return m_total;
}

}  // namespace driftlab
