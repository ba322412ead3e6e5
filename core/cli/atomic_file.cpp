#include "cli/atomic_file.h"

#include <unistd.h>

#include <cstdio>
#include <stdexcept>

#include "base/input_error.h"

namespace driftlab {

AtomicFile::AtomicFile(std::string path)
    : m_path(std::move(path)), m_tmp(m_path + ".partial-" + std::to_string(getpid())) {
  m_out.open(m_tmp, std::ios::out | std::ios::trunc);
  if (!m_out) throw InputError("output", "cannot write '" + m_path + "'", "a writable path");
  m_out.precision(17);
}

AtomicFile::~AtomicFile() {
  if (!m_committed) {
    m_out.close();
    std::remove(m_tmp.c_str());
  }
}

void AtomicFile::commit() {
  m_out.flush();
  if (!m_out) throw std::runtime_error("write failed for '" + m_path + "'");
  m_out.close();
  if (std::rename(m_tmp.c_str(), m_path.c_str()) != 0)
    throw std::runtime_error("cannot rename into '" + m_path + "'");
  m_committed = true;
}

}  // namespace driftlab
