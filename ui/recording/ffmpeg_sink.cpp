#include "recording/ffmpeg_sink.h"

#include <QFile>
#include <QFileInfo>
#include <filesystem>
#include <system_error>

#include "recording/sink_support.h"

namespace driftlab::ui {

using namespace recording_detail;

namespace {

constexpr int kStartMs = 10'000;
/// A write that moves no byte for this long means the encoder hangs.
constexpr int kWriteStallMs = 120'000;
/// H.264 at -preset medium runs ~20 frames/s at 1280x720 on 2 cores; 10 min covers long clips.
constexpr int kFinishMs = 600'000;

/// BT.709 matrix, tagged in the stream, so players do not shift the colours (rgb24 -> yuv420p).
const QStringList kYuv709 = {"-vf",
                             "scale=out_color_matrix=bt709:out_range=tv",
                             "-pix_fmt",
                             "yuv420p",
                             "-colorspace",
                             "bt709",
                             "-color_primaries",
                             "bt709",
                             "-color_trc",
                             "bt709"};

QStringList encoderArguments(RecordFormat format) {
  switch (format) {
    case RecordFormat::kMp4:
      // crf 18 keeps 1-px trails sharp; faststart puts the index first for web players.
      return QStringList{"-c:v", "libx264", "-crf", "18", "-preset", "medium"} + kYuv709 +
             QStringList{"-movflags", "+faststart", "-f", "mp4"};
    case RecordFormat::kWebm:
      // Constant quality (-b:v 0); row-mt and cpu-used 4 keep VP9 usable on 2 cores.
      return QStringList{"-c:v",    "libvpx-vp9", "-crf",      "30",   "-b:v",      "0",
                         "-row-mt", "1",          "-deadline", "good", "-cpu-used", "4"} +
             kYuv709 + QStringList{"-f", "webm"};
    case RecordFormat::kGif:
      // One global palette from all frames (two passes in one graph), ordered dither: the same
      // frames always give the same bytes, and no dither noise crawls between frames.
      return {"-filter_complex",
              "split[a][b];[a]palettegen=stats_mode=diff[p];[b][p]paletteuse=dither=bayer:"
              "bayer_scale=3",
              "-f", "gif"};
    default:
      return {};
  }
}

}  // namespace

QStringList FfmpegSink::arguments(const SinkSpec& spec, const QString& output) {
  QStringList args = {"-hide_banner",
                      "-nostdin",
                      "-loglevel",
                      "error",
                      "-y",
                      "-f",
                      "rawvideo",
                      "-pix_fmt",
                      "rgb24",
                      "-s",
                      QStringLiteral("%1x%2").arg(spec.size.width()).arg(spec.size.height()),
                      "-framerate",
                      QString::number(spec.fps, 'g', 12),
                      "-i",
                      "-"};
  args += encoderArguments(spec.format);
  // No encoder version string, no creation time: the same frames give the same file.
  args += {"-map_metadata", "-1", "-fflags", "+bitexact", "-flags:v", "+bitexact", output};
  return args;
}

FfmpegSink::FfmpegSink(const SinkSpec& spec)
    : m_spec(spec), m_temporary(partialPath(spec.target)) {}

std::unique_ptr<FrameSink> FfmpegSink::open(const SinkSpec& spec, const QString& program,
                                            QString* error) {
  std::unique_ptr<FfmpegSink> sink(new FfmpegSink(spec));
  QProcess& p = sink->m_process;
  p.setProgram(program);
  p.setArguments(arguments(spec, sink->m_temporary));
  p.setStandardOutputFile(QProcess::nullDevice());
  p.start(QIODevice::ReadWrite);
  if (!p.waitForStarted(kStartMs)) {
    setError(error, QStringLiteral("--out: %1: cannot start %2 (%3); allowed: an executable "
                                   "ffmpeg (Debian package ffmpeg), or PNG frames / .ogv")
                        .arg(quotedPath(spec.target), quotedPath(program), p.errorString()));
    sink->m_closed = true;
    return nullptr;
  }
  return sink;
}

FfmpegSink::~FfmpegSink() {
  abort();
}

QString FfmpegSink::encoderError(const QString& what) {
  m_stderr += m_process.readAllStandardError();
  QString line = QStringLiteral("%1 for %2").arg(what, quotedPath(m_spec.target));
  if (m_process.state() == QProcess::NotRunning)
    line += m_process.exitStatus() == QProcess::CrashExit
                ? QStringLiteral(" (ffmpeg crashed)")
                : QStringLiteral(" (ffmpeg exited with code %1)").arg(m_process.exitCode());
  const QString said = lastLine(m_stderr);
  return said.isEmpty() ? line : line + ": " + said;
}

bool FfmpegSink::write(const QImage& frame, QString* error) {
  if (m_closed) {
    setError(error, QStringLiteral("recording of %1 is closed").arg(quotedPath(m_spec.target)));
    return false;
  }
  if (!checkFrameSize(frame, m_spec.size, error)) return false;
  const QByteArray rgb = packedRgb(frame);
  if (m_process.state() != QProcess::Running || m_process.write(rgb) != rgb.size()) {
    setError(error, encoderError(QStringLiteral("video encoding stopped")));
    return false;
  }
  // At most about one frame waits in memory: the pipe stays bounded however long the clip.
  while (m_process.bytesToWrite() > rgb.size()) {
    if (!m_process.waitForBytesWritten(kWriteStallMs)) {
      // A dead encoder fails the write at once, before QProcess has reaped it: let it, so that
      // the message says it stopped (with its last words), not that it stalled.
      m_process.waitForFinished(2000);
      m_stderr += m_process.readAllStandardError();
      setError(error, encoderError(m_process.state() == QProcess::Running
                                       ? QStringLiteral("video encoder stalled")
                                       : QStringLiteral("video encoding stopped")));
      return false;
    }
    m_stderr += m_process.readAllStandardError();
  }
  ++m_frames;
  return true;
}

bool FfmpegSink::finish(QString* error) {
  if (!readyToFinish(m_closed, m_frames, m_spec.target, error)) {
    if (!m_closed) abort();
    return false;
  }
  m_process.closeWriteChannel();
  if (!m_process.waitForFinished(kFinishMs)) {
    setError(error, encoderError(QStringLiteral("video encoder did not finish in 10 minutes")));
    abort();
    return false;
  }
  const QFileInfo written(m_temporary);
  if (m_process.exitStatus() != QProcess::NormalExit || m_process.exitCode() != 0 ||
      !written.isFile() || written.size() == 0) {
    setError(error, encoderError(QStringLiteral("video encoding failed")));
    abort();
    return false;
  }
  std::error_code ec;  // std::filesystem::rename replaces an existing target file
  std::filesystem::rename(m_temporary.toStdString(), m_spec.target.toStdString(), ec);
  if (ec) {
    setError(error, QStringLiteral("cannot rename the finished video into %1 (%2)")
                        .arg(quotedPath(m_spec.target), QString::fromStdString(ec.message())));
    abort();
    return false;
  }
  m_closed = true;
  return true;
}

void FfmpegSink::abort() {
  if (m_closed) return;
  m_closed = true;
  if (m_process.state() != QProcess::NotRunning) {
    m_process.kill();
    m_process.waitForFinished(kStartMs);
  }
  QFile::remove(m_temporary);
}

}  // namespace driftlab::ui
