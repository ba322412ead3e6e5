#pragma once
/// LiveRecorder: records what the view shows while the user plays with it (issue 15), for
/// screen-capture style clips. A timer at the chosen frame rate takes the view's newest frame
/// (repeating the last one when nothing new was painted), so the clip plays at the pace the
/// user saw; the frame size is the view's size when recording started (later resizes are
/// scaled to it). Ticks missed while encoding repeat the last image, so the clip lasts as long
/// as the user watched. Parameter changes, camera moves and resets are recorded as they happen.
#include <QElapsedTimer>
#include <QImage>
#include <QObject>
#include <QTimer>
#include <memory>

#include "recording/frame_composer.h"
#include "recording/frame_sink.h"
#include "scene/record_settings.h"

namespace driftlab::ui {

class VtkView;
class EngineBridge;

class LiveRecorder : public QObject {
  Q_OBJECT
 public:
  LiveRecorder(VtkView* view, EngineBridge* bridge, QObject* parent = nullptr);
  ~LiveRecorder() override;

  /// Opens the sink (format from `settings.format`, caption from `settings.caption`) and starts
  /// taking frames. False with one line when the target or the format cannot be used.
  bool start(const RecordSettings& settings, const QString& target, QString* error);
  /// Finishes the file; returns false with one line on failure (nothing is left at the target).
  bool stop(QString* message);
  /// Stops and removes everything written so far.
  void cancel();
  bool isRecording() const { return static_cast<bool>(m_sink); }
  qint64 frames() const { return m_frames; }
  double seconds() const;

 signals:
  /// The recording stopped by itself (the encoder failed): one line.
  void failed(const QString& message);

 private:
  void takeFrame();

  VtkView* m_view;
  EngineBridge* m_bridge;
  std::unique_ptr<FrameSink> m_sink;
  FrameLayout m_layout;
  RecordSettings m_settings;
  QString m_target;
  QTimer m_timer;
  QElapsedTimer m_clock;
  QImage m_last;
  qint64 m_paintedSeen = -1;
  qint64 m_frames = 0;
};

}  // namespace driftlab::ui
