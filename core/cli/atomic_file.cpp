#include "cli/atomic_file.h"

#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <mutex>
#include <stdexcept>

#include "base/input_error.h"

namespace driftlab {

namespace {

// Temporaries the signal handler removes. A slot is free (0), being written (1) or holds a
// path (2); the handler only reads slots in state 2, so it never sees a half-written path.
constexpr int kSlots = 32;
constexpr std::size_t kPathBytes = 4096;
struct Slot {
  std::atomic<int> state{0};
  char path[kPathBytes];
};
Slot g_slots[kSlots];

extern "C" void removeTemporariesAndDie(int sig) {
  for (auto& s : g_slots)
    if (s.state.load() == 2) unlink(s.path);
  // SA_RESETHAND restored the default action: the process ends by this signal as it would
  // have without the handler (exit status 128 + sig in a shell).
  raise(sig);
}

void installHandlersOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
      struct sigaction old {};
      sigaction(sig, nullptr, &old);
      if (old.sa_handler != SIG_DFL) continue;  // ignored (nohup) or the host's own handler
      struct sigaction sa {};
      sa.sa_handler = removeTemporariesAndDie;
      sigemptyset(&sa.sa_mask);
      sa.sa_flags = SA_RESETHAND;
      sigaction(sig, &sa, nullptr);
    }
  });
}

int registerTemporary(const std::string& path) {
  if (path.size() + 1 > kPathBytes) return -1;
  installHandlersOnce();
  for (int i = 0; i < kSlots; ++i) {
    int expected = 0;
    if (!g_slots[i].state.compare_exchange_strong(expected, 1)) continue;
    std::memcpy(g_slots[i].path, path.c_str(), path.size() + 1);
    g_slots[i].state.store(2);
    return i;
  }
  return -1;  // more than kSlots at once: the next run's stale-file sweep covers it
}

void unregisterTemporary(int slot) {
  if (slot >= 0) g_slots[slot].state.store(0);
}

std::string folderOf(const std::string& path) {
  const auto parent = std::filesystem::path(path).parent_path();
  return parent.empty() ? "." : parent.string();
}

}  // namespace

void removeStaleTemporaries(const std::string& folder) {
  std::error_code ec;
  for (std::filesystem::directory_iterator it(folder, ec), end; !ec && it != end;
       it.increment(ec)) {
    const std::string name = it->path().filename().string();
    const auto at = name.rfind(kPartialSuffix);
    if (at == std::string::npos) continue;
    const std::string pid = name.substr(at + std::strlen(kPartialSuffix));
    if (pid.empty() || pid.size() > 9 || pid.find_first_not_of("0123456789") != std::string::npos)
      continue;
    if (kill(static_cast<pid_t>(std::stol(pid)), 0) == -1 && errno == ESRCH) {
      std::error_code ignored;
      std::filesystem::remove(it->path(), ignored);
    }
  }
}

AtomicFile::AtomicFile(std::string path, std::string option)
    : m_path(std::move(path)), m_option(std::move(option)) {
  const std::string shown = "'" + quoteForMessage(m_path, 200) + "'";
  if (m_path.empty()) throw InputError(m_option, "empty path", "a file path");
  struct stat st {};
  if (m_path.back() == '/' || (stat(m_path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)))
    throw InputError(m_option, shown + " is a directory", "a file path");
  removeStaleTemporaries(folderOf(m_path));
  m_tmp = m_path + kPartialSuffix + std::to_string(getpid());
  m_out.open(m_tmp, std::ios::out | std::ios::trunc);
  if (!m_out)
    throw InputError(m_option, "cannot write " + shown + " (" + std::strerror(errno) + ")",
                     "a file in an existing, writable folder");
  m_slot = registerTemporary(m_tmp);
  m_out.precision(17);
}

AtomicFile::~AtomicFile() {
  if (!m_published) {
    m_out.close();
    std::remove(m_tmp.c_str());
  }
  unregisterTemporary(m_slot);
}

void AtomicFile::finish() {
  if (m_finished) return;
  m_out.flush();
  const bool ok = static_cast<bool>(m_out);
  m_out.close();
  if (!ok || !m_out) throw std::runtime_error("write failed for '" + m_path + "'");
  m_finished = true;
}

void AtomicFile::publish() {
  finish();
  if (std::rename(m_tmp.c_str(), m_path.c_str()) != 0)
    throw std::runtime_error("cannot rename into '" + m_path + "': " + std::strerror(errno));
  m_published = true;
  unregisterTemporary(m_slot);
  m_slot = -1;
}

void AtomicFile::commit() {
  publish();
}

}  // namespace driftlab
