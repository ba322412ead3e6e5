#pragma once
/// HistoryScrubber: a slider over the steps the run can return to (issue 16 "scene
/// management"): from the oldest state the engine's history ring keeps to the furthest step
/// this branch reached. Dragging it moves the run there (back through the ring, or forward by
/// single steps, paused); changing a parameter while scrubbed back forks the run from there
/// (EngineBridge::parameterChanged says "fork", and the curves mark it).
#include <QWidget>
#include <memory>

class QSlider;
class QLabel;

namespace driftlab {
struct Snapshot;
}

namespace driftlab::ui {

class EngineBridge;

class HistoryScrubber : public QWidget {
  Q_OBJECT
 public:
  explicit HistoryScrubber(EngineBridge* bridge, QWidget* parent = nullptr);
  QSlider* slider() const { return m_slider; }

 private:
  void showSnapshot(const std::shared_ptr<const Snapshot>& snapshot);

  EngineBridge* m_bridge;
  QSlider* m_slider;
  QLabel* m_label;
  bool m_updating = false;
};

}  // namespace driftlab::ui
