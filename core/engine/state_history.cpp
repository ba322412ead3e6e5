#include "engine/state_history.h"

namespace driftlab {

void StateHistory::push(PastState state) {
  if (bytesOf(state) > m_budget) return;  // one state alone exceeds the budget: keep none
  m_bytes += bytesOf(state);
  m_states.push_back(std::move(state));
  while (m_bytes > m_budget || static_cast<int>(m_states.size()) > m_maxStates) {
    m_bytes -= bytesOf(m_states.front());
    m_states.pop_front();
  }
}

bool StateHistory::pop(PastState& out) {
  if (m_states.empty()) return false;
  out = std::move(m_states.back());
  m_bytes -= bytesOf(out);
  m_states.pop_back();
  return true;
}

}  // namespace driftlab
