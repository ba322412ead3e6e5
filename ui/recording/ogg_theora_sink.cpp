#include "recording/ogg_theora_sink.h"

#include <vtkImageData.h>
#include <vtkOggTheoraWriter.h>
#include <vtkPointData.h>
#include <vtkUnsignedCharArray.h>

#include <QFile>
#include <QFileInfo>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <system_error>

#include "recording/sink_support.h"

namespace driftlab::ui {

using namespace recording_detail;

OggTheoraSink::OggTheoraSink(const SinkSpec& spec)
    : m_spec(spec), m_temporary(partialPath(spec.target)) {}

std::unique_ptr<FrameSink> OggTheoraSink::open(const SinkSpec& spec, QString* error) {
  std::unique_ptr<OggTheoraSink> sink(new OggTheoraSink(spec));
  sink->m_image->SetDimensions(spec.size.width(), spec.size.height(), 1);
  sink->m_image->AllocateScalars(VTK_UNSIGNED_CHAR, 3);
  vtkOggTheoraWriter* w = sink->m_writer;
  w->SetInputData(sink->m_image);
  w->SetFileName(sink->m_temporary.toLocal8Bit().constData());
  w->SetRate(static_cast<int>(std::lround(spec.fps)));
  w->SetQuality(2);      // the best of 0..2: thin trails survive
  w->SetSubsampling(1);  // 4:2:0, which every Theora player decodes (4:4:4 is often refused)
  w->Start();
  if (w->GetError()) {
    setError(error, QStringLiteral("--out: %1: cannot start the Theora writer (%2)")
                        .arg(quotedPath(spec.target),
                             vtkGenericMovieWriter::GetStringFromErrorCode(w->GetErrorCode())));
    sink->m_closed = true;
    return nullptr;
  }
  return sink;
}

OggTheoraSink::~OggTheoraSink() {
  abort();
}

bool OggTheoraSink::write(const QImage& frame, QString* error) {
  if (m_closed) {
    setError(error, QStringLiteral("recording of %1 is closed").arg(quotedPath(m_spec.target)));
    return false;
  }
  if (!checkFrameSize(frame, m_spec.size, error)) return false;
  const QImage rgb = frame.convertToFormat(QImage::Format_RGB888);
  auto* pixels = static_cast<unsigned char*>(m_image->GetScalarPointer());
  const int h = rgb.height();
  const std::size_t rowBytes = std::size_t(rgb.width()) * 3;
  for (int y = 0; y < h; ++y)  // VTK's row 0 is the bottom one
    std::memcpy(pixels + rowBytes * std::size_t(h - 1 - y), rgb.constScanLine(y), rowBytes);
  m_image->Modified();
  m_writerUsed = true;
  m_writer->Write();
  if (m_writer->GetError()) {
    setError(error,
             QStringLiteral("Theora writer failed on frame %1 of %2 (%3)")
                 .arg(m_frames)
                 .arg(quotedPath(m_spec.target),
                      vtkGenericMovieWriter::GetStringFromErrorCode(m_writer->GetErrorCode())));
    return false;
  }
  ++m_frames;
  return true;
}

bool OggTheoraSink::finish(QString* error) {
  if (!readyToFinish(m_closed, m_frames, m_spec.target, error)) {
    if (!m_closed) abort();
    return false;
  }
  m_writer->End();  // flushes the last frame and closes the file
  m_closed = true;
  const QFileInfo written(m_temporary);
  std::error_code ec;  // std::filesystem::rename replaces an existing target file
  if (written.isFile() && written.size() > 0)
    std::filesystem::rename(m_temporary.toStdString(), m_spec.target.toStdString(), ec);
  if (!written.isFile() || written.size() == 0 || ec) {
    setError(error, QStringLiteral("cannot complete %1 (%2)")
                        .arg(quotedPath(m_spec.target),
                             ec ? QString::fromStdString(ec.message())
                                : QStringLiteral("the Theora writer wrote nothing")));
    QFile::remove(m_temporary);
    return false;
  }
  return true;
}

void OggTheoraSink::abort() {
  if (m_closed) return;
  m_closed = true;
  // vtkOggTheoraWriter sets up its Ogg stream in the first Write(); End() before that would
  // clear an uninitialised stream. Unused, the writer's destructor releases it safely.
  if (m_writerUsed) m_writer->End();
  QFile::remove(m_temporary);
}

}  // namespace driftlab::ui
