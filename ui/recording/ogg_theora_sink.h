#pragma once
/// OggTheoraSink: .ogv (Theora) through VTK's vtkOggTheoraWriter (module IOMovie), so it works
/// without the ffmpeg program. Writes "<target>.driftlab-partial-<pid>", renamed in finish().
#include <vtkNew.h>

#include "recording/frame_sink.h"

class vtkImageData;
class vtkOggTheoraWriter;

namespace driftlab::ui {

class OggTheoraSink final : public FrameSink {
 public:
  /// Starts the writer for spec (already validated by openFrameSink; spec.fps a whole number);
  /// null with one line when that fails.
  static std::unique_ptr<FrameSink> open(const SinkSpec& spec, QString* error);
  ~OggTheoraSink() override;

  bool write(const QImage& frame, QString* error) override;
  bool finish(QString* error) override;
  void abort() override;

 private:
  explicit OggTheoraSink(const SinkSpec& spec);

  SinkSpec m_spec;
  QString m_temporary;
  vtkNew<vtkImageData> m_image;  ///< one frame, RGB, bottom row first (VTK's origin)
  vtkNew<vtkOggTheoraWriter> m_writer;
  qint64 m_frames = 0;
  bool m_writerUsed = false;  ///< Write() was called: only then may End() run (see abort())
  bool m_closed = false;      ///< finished or aborted
};

}  // namespace driftlab::ui
