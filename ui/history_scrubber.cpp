#include "history_scrubber.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QSlider>
#include <algorithm>

#include "engine_bridge.h"

namespace driftlab::ui {

HistoryScrubber::HistoryScrubber(EngineBridge* bridge, QWidget* parent)
    : QWidget(parent), m_bridge(bridge) {
  setObjectName("history.scrubber");
  m_slider = new QSlider(Qt::Horizontal, this);
  m_slider->setObjectName("history.slider");
  m_slider->setMinimumWidth(140);
  m_slider->setFocusPolicy(Qt::ClickFocus);  // the view keeps Left/Right for stepping
  m_slider->setToolTip(
      tr("scrub back through the kept steps; change a parameter there to fork the run"));
  m_label = new QLabel(this);
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(new QLabel(tr("history"), this));
  layout->addWidget(m_slider);
  layout->addWidget(m_label);
  connect(m_bridge, &EngineBridge::snapshotArrived, this, &HistoryScrubber::showSnapshot);
  // One move per gesture: while dragging, the engine's step lags the handle, so moves are
  // computed from where the run is once the handle is released (or clicked, or keyed).
  connect(m_slider, &QSlider::valueChanged, this, [this](int step) {
    if (!m_updating && !m_slider->isSliderDown()) m_bridge->scrubTo(step);
  });
  connect(m_slider, &QSlider::sliderReleased, this,
          [this] { m_bridge->scrubTo(m_slider->value()); });
  showSnapshot(m_bridge->current());
}

void HistoryScrubber::showSnapshot(const std::shared_ptr<const Snapshot>& s) {
  if (!s) return;
  // The ring holds the `historySize` states before the current one.
  const std::int64_t oldest = std::max<std::int64_t>(0, s->step - s->historySize);
  const std::int64_t newest = std::max(s->step, m_bridge->reachedStep());
  m_updating = true;
  m_slider->setRange(int(oldest), int(newest));
  if (!m_slider->isSliderDown()) m_slider->setValue(int(s->step));
  m_updating = false;
  m_label->setText(s->step < newest ? tr("%1 of %2").arg(s->step).arg(newest) : QString());
}

}  // namespace driftlab::ui
