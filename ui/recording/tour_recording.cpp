#include "recording/tour_recording.h"

#include <QStringList>
#include <cmath>

#include "recording/recording_stage.h"

namespace driftlab::ui {

TourRecording::TourRecording(const Tour& tour) : m_tour(tour), m_schedule(scheduleTour(tour)) {}

std::int64_t TourRecording::pauseFrames(const RecordSettings& settings) {
  return std::max<std::int64_t>(1, std::llround(settings.fps * kWaitSeconds));
}

std::int64_t TourRecording::waitFrames(const RecordSettings& s, std::int64_t recordedSteps) const {
  std::int64_t pauses = endsWithWait() ? 1 : 0;
  for (std::size_t i = 0; i + 1 < m_schedule.steps.size(); ++i)
    if (m_schedule.steps[i].wait && m_schedule.steps[i + 1].applyAt <= recordedSteps) ++pauses;
  return pauses * pauseFrames(s);
}

bool TourRecording::advanceTo(RecordingStage& stage, std::int64_t clock,
                              const std::function<bool()>& pause, QString* error) {
  const auto& steps = m_schedule.steps;
  while (m_next < steps.size() && steps[m_next].applyAt <= clock) {
    const std::int64_t at = steps[m_next].applyAt;
    if (!stage.advanceTo(at - m_runStart, error)) return false;
    if (m_next > 0 && steps[m_next - 1].wait && !pause()) return false;
    const TourStep& step = m_tour.steps[m_next];
    if (step.hasChange && !stage.applyScene(step.scene, step.replacesScene, error)) return false;
    if (step.replacesScene) m_runStart = at;
    showStep(stage, m_next++);
  }
  return stage.advanceTo(clock - m_runStart, error);
}

void TourRecording::showStep(RecordingStage& stage, std::size_t index) const {
  const TourStep& step = m_tour.steps[index];
  QStringList curves;
  for (const auto& id : step.curves.value_or(std::vector<std::string>{}))
    curves << QString::fromStdString(id);
  stage.applyDisplay(QString::fromStdString(step.layersJson.value_or("")),
                     QString::fromStdString(step.cameraJson.value_or("")), curves);
  stage.setCaption(QString("%1/%2  %3")
                       .arg(index + 1)
                       .arg(m_tour.steps.size())
                       .arg(QString::fromStdString(step.caption)),
                   kCaptionLines);
}

}  // namespace driftlab::ui
