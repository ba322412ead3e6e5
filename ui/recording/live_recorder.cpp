#include "recording/live_recorder.h"

#include "engine_bridge.h"
#include "layer_stack.h"
#include "recording/offline_recorder.h"
#include "vtk_view.h"

namespace driftlab::ui {

LiveRecorder::LiveRecorder(VtkView* view, EngineBridge* bridge, QObject* parent)
    : QObject(parent), m_view(view), m_bridge(bridge) {
  connect(&m_timer, &QTimer::timeout, this, &LiveRecorder::takeFrame);
}

LiveRecorder::~LiveRecorder() {
  cancel();
}

bool LiveRecorder::start(const RecordSettings& settings, const QString& target, QString* error) {
  if (m_sink) {
    *error = tr("record: a live recording is already running");
    return false;
  }
  const double ratio = m_view->devicePixelRatioF();
  RecordSettings s = settings;
  s.width = std::max(16, int(m_view->width() * ratio) / 2 * 2);
  s.height = std::max(16, int(m_view->height() * ratio) / 2 * 2);
  s.curves = "none";
  s.progress = false;
  try {
    validateRecordSettings(s);
  } catch (const std::exception& e) {
    *error = QString::fromStdString(e.what());
    return false;
  }
  SinkSpec spec;
  spec.format = recordFormatOf(s);
  spec.target = target;
  spec.size = QSize(s.width, s.height);
  spec.fps = s.fps;
  m_sink = openFrameSink(spec, error);
  if (!m_sink) return false;
  m_settings = s;
  m_layout = frameLayout(s);
  m_target = target;
  m_frames = 0;
  m_last = QImage();
  m_paintedSeen = -1;
  m_clock.start();
  m_timer.start(int(1000.0 / s.fps + 0.5));
  takeFrame();
  return true;
}

void LiveRecorder::takeFrame() {
  if (!m_sink) return;
  if (m_last.isNull() || m_view->framesPainted() != m_paintedSeen) {
    const QImage view = m_view->grabFramebuffer();  // paints once more itself
    m_paintedSeen = m_view->framesPainted();
    const auto snap = m_bridge->current();
    const QString caption = snap ? LayerStack::captionText(*snap) : QString();
    m_last = composeFrame(m_layout, view, QImage(), caption, 0.0);
  }
  // The clip keeps wall time: when encoding or painting made the timer miss ticks, the last
  // image is repeated for them, so the clip lasts as long as the user watched.
  const qint64 due = qint64(double(m_clock.elapsed()) * m_settings.fps / 1000.0) + 1;
  do {
    QString error;
    if (!m_sink->write(m_last, &error)) {
      cancel();
      emit failed(error);
      return;
    }
    ++m_frames;
  } while (m_frames < due);
}

bool LiveRecorder::stop(QString* message) {
  if (!m_sink) return false;
  m_timer.stop();
  QString error;
  const bool ok = m_sink->finish(&error);
  m_sink.reset();
  *message = ok ? tr("%1 frames (%2x%3, %4 fps) written to %5")
                      .arg(m_frames)
                      .arg(m_settings.width)
                      .arg(m_settings.height)
                      .arg(m_settings.fps)
                      .arg(m_target)
                : error;
  return ok;
}

void LiveRecorder::cancel() {
  m_timer.stop();
  if (m_sink) m_sink->abort();
  m_sink.reset();
}

double LiveRecorder::seconds() const {
  return m_frames / std::max(1e-9, m_settings.fps);
}

}  // namespace driftlab::ui
