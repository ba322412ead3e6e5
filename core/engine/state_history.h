#pragma once
/// A ring of past particle states for stepping back, bounded in bytes so that large N keeps
/// fewer states rather than exhausting memory.
#include <cstddef>
#include <cstdint>
#include <deque>

#include "base/point_set.h"

namespace driftlab {

struct PastState {
  std::int64_t step = 0;
  double time = 0.0;
  PointSet particles;
};

class StateHistory {
 public:
  /// byteBudget: most bytes of positions kept; maxStates: most states kept.
  explicit StateHistory(std::size_t byteBudget = std::size_t(256) << 20, int maxStates = 500)
      : m_budget(byteBudget), m_maxStates(maxStates) {}

  /// Remembers a state; drops the oldest ones beyond the budget.
  void push(PastState state);
  /// Removes and returns the newest state; false if empty.
  bool pop(PastState& out);
  void clear() {
    m_states.clear();
    m_bytes = 0;
  }
  int size() const { return static_cast<int>(m_states.size()); }

 private:
  static std::size_t bytesOf(const PastState& s) {
    return static_cast<std::size_t>(s.particles.size()) * sizeof(double);
  }
  std::deque<PastState> m_states;
  std::size_t m_bytes = 0;
  std::size_t m_budget;
  int m_maxStates;
};

}  // namespace driftlab
