#pragma once
/// FfmpegSink: MP4 (H.264), WebM (VP9) and GIF through the `ffmpeg` program (ARCHITECTURE.md):
/// raw RGB frames go down a pipe to ffmpeg, which writes "<target>.driftlab-partial-<pid>";
/// finish() waits for it and renames the file into place. At most about one frame waits in the
/// pipe; ffmpeg itself holds ~200-270 MB at 1280x720 for MP4/WebM, but a GIF's global palette
/// makes it keep every frame until the end (measured 2.0 GB peak for 300 frames at 1280x720):
/// GIFs are for short, small clips.
#include <QProcess>
#include <QStringList>

#include "recording/frame_sink.h"

namespace driftlab::ui {

class FfmpegSink final : public FrameSink {
 public:
  /// Starts `program` for spec (already validated by openFrameSink); null with one line when it
  /// does not start.
  static std::unique_ptr<FrameSink> open(const SinkSpec& spec, const QString& program,
                                         QString* error);
  /// The arguments after the program name: input description, encoder, container, output.
  static QStringList arguments(const SinkSpec& spec, const QString& output);
  ~FfmpegSink() override;

  bool write(const QImage& frame, QString* error) override;
  bool finish(QString* error) override;
  void abort() override;

 private:
  explicit FfmpegSink(const SinkSpec& spec);
  /// One line: what failed, ffmpeg's exit and the last line it printed.
  QString encoderError(const QString& what);

  SinkSpec m_spec;
  QString m_temporary;
  QProcess m_process;
  QByteArray m_stderr;
  qint64 m_frames = 0;
  bool m_closed = false;  ///< finished or aborted
};

}  // namespace driftlab::ui
