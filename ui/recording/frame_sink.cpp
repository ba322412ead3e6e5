#include "recording/frame_sink.h"

#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>
#include <cmath>

#include "cli/atomic_file.h"
#include "recording/ffmpeg_sink.h"
#include "recording/ogg_theora_sink.h"
#include "recording/png_sequence_sink.h"
#include "recording/sink_support.h"

namespace driftlab::ui {

using namespace recording_detail;

namespace {

constexpr int kMinVideoSide = 16;
constexpr int kMaxSide = 16384;
constexpr double kMaxFps = 240.0;
const QString kFileFormats = QStringLiteral("a file ending in .mp4, .webm, .gif or .ogv");

/// The message's first word: the command-line option the target came from.
QString optionOf(RecordFormat format) {
  return format == RecordFormat::kPngFrames ? QStringLiteral("--frames") : QStringLiteral("--out");
}

bool fail(QString* error, RecordFormat format, const QString& problem) {
  setError(error, optionOf(format) + ": " + problem);
  return false;
}

bool checkSizeAndRate(const SinkSpec& spec, QString* error) {
  const QString shown = quotedPath(spec.target);
  const QSize s = spec.size;
  if (spec.format == RecordFormat::kPngFrames) {
    if (s.width() < 1 || s.height() < 1 || s.width() > kMaxSide || s.height() > kMaxSide)
      return fail(error, spec.format,
                  QStringLiteral("%1: frame size %2x%3 refused; allowed: 1 to %4 pixels a side")
                      .arg(shown)
                      .arg(s.width())
                      .arg(s.height())
                      .arg(kMaxSide));
  } else if (s.width() < kMinVideoSide || s.height() < kMinVideoSide || s.width() > kMaxSide ||
             s.height() > kMaxSide || s.width() % 2 != 0 || s.height() % 2 != 0) {
    return fail(error, spec.format,
                QStringLiteral("%1: video size %2x%3 refused; allowed: even widths and heights "
                               "from %4 to %5 pixels (PNG frames take any size)")
                    .arg(shown)
                    .arg(s.width())
                    .arg(s.height())
                    .arg(kMinVideoSide)
                    .arg(kMaxSide));
  }
  if (!std::isfinite(spec.fps) || spec.fps <= 0.0 || spec.fps > kMaxFps)
    return fail(error, spec.format,
                QStringLiteral("%1: %2 frames per second refused; allowed: more than 0, at most %3")
                    .arg(shown)
                    .arg(spec.fps)
                    .arg(kMaxFps));
  // vtkOggTheoraWriter takes a whole number of frames per second (SetRate(int)).
  if (spec.format == RecordFormat::kOgv && spec.fps != std::round(spec.fps))
    return fail(error, spec.format,
                QStringLiteral("%1: .ogv plays a whole number of frames per second, not %2; "
                               "allowed: 1 to 240 (or .mp4/.webm/.gif for fractional rates)")
                    .arg(shown)
                    .arg(spec.fps));
  return true;
}

bool checkFolder(const SinkSpec& spec, const QFileInfo& target, QString* error) {
  const QString shown = quotedPath(spec.target);
  const QFileInfo folder(target.absolutePath());
  if (!folder.exists() || !folder.isDir())
    return fail(error, spec.format,
                QStringLiteral("%1: folder %2 does not exist; allowed: a path in an existing, "
                               "writable folder")
                    .arg(shown, quotedPath(target.absolutePath())));
  if (!folder.isWritable())
    return fail(error, spec.format,
                QStringLiteral("%1: folder %2 is not writable; allowed: a path in an existing, "
                               "writable folder")
                    .arg(shown, quotedPath(target.absolutePath())));
  if (QFileInfo::exists(partialPath(target.absoluteFilePath())))
    return fail(error, spec.format,
                QStringLiteral("%1 is being recorded already by this program; allowed: one "
                               "recording per target at a time")
                    .arg(shown));
  return true;
}

bool checkTarget(const SinkSpec& spec, QString* error) {
  const QString shown = quotedPath(spec.target);
  if (spec.target.isEmpty())
    return fail(error, spec.format,
                spec.format == RecordFormat::kPngFrames
                    ? QStringLiteral("empty path; allowed: a folder for frame_000000.png, ...")
                    : "empty path; allowed: " + kFileFormats);
  const QFileInfo target(spec.target);
  if (spec.format == RecordFormat::kPngFrames) {
    if (target.exists() && !target.isDir())
      return fail(error, spec.format,
                  QStringLiteral("%1 is a file; allowed: a folder (new, empty, or holding only "
                                 "frame_*.png from an earlier recording, which are replaced)")
                      .arg(shown));
    if (!checkFolder(spec, QFileInfo(QDir::cleanPath(target.absoluteFilePath())), error))
      return false;
    return PngSequenceSink::checkReplaceable(spec.target, error);
  }
  RecordFormat implied{};
  if (spec.target.endsWith('/') || target.isDir())
    return fail(error, spec.format,
                QStringLiteral("%1 is a directory; allowed: %2 (PNG frames go to --frames "
                               "FOLDER)")
                    .arg(shown, kFileFormats));
  if (!formatFromPath(spec.target, &implied) || implied != spec.format)
    return fail(error, spec.format,
                QStringLiteral("%1 does not end in .%2; allowed: %3")
                    .arg(shown, formatName(spec.format), kFileFormats));
  return checkFolder(spec, target, error);
}

}  // namespace

bool formatFromPath(const QString& path, RecordFormat* format) {
  const QString suffix = QFileInfo(path).suffix().toLower();
  RecordFormat found{};
  if (suffix == "mp4")
    found = RecordFormat::kMp4;
  else if (suffix == "webm")
    found = RecordFormat::kWebm;
  else if (suffix == "gif")
    found = RecordFormat::kGif;
  else if (suffix == "ogv" || suffix == "ogg")
    found = RecordFormat::kOgv;
  else
    return false;
  if (format) *format = found;
  return true;
}

QString formatName(RecordFormat format) {
  switch (format) {
    case RecordFormat::kPngFrames:
      return QStringLiteral("png");
    case RecordFormat::kMp4:
      return QStringLiteral("mp4");
    case RecordFormat::kWebm:
      return QStringLiteral("webm");
    case RecordFormat::kGif:
      return QStringLiteral("gif");
    case RecordFormat::kOgv:
      return QStringLiteral("ogv");
  }
  return {};
}

bool formatNeedsFfmpeg(RecordFormat format) {
  return format == RecordFormat::kMp4 || format == RecordFormat::kWebm ||
         format == RecordFormat::kGif;
}

QString ffmpegProgram() {
  if (qEnvironmentVariableIsSet("DRIFTLAB_FFMPEG")) {
    const QFileInfo program(qEnvironmentVariable("DRIFTLAB_FFMPEG"));
    return program.isFile() && program.isExecutable() ? program.absoluteFilePath() : QString();
  }
  return QStandardPaths::findExecutable(QStringLiteral("ffmpeg"));
}

QList<RecordFormat> availableFormats() {
  const bool ffmpeg = !ffmpegProgram().isEmpty();
  QList<RecordFormat> formats;
  for (RecordFormat f : {RecordFormat::kPngFrames, RecordFormat::kMp4, RecordFormat::kWebm,
                         RecordFormat::kGif, RecordFormat::kOgv})
    if (ffmpeg || !formatNeedsFfmpeg(f)) formats.append(f);
  return formats;
}

std::unique_ptr<FrameSink> openFrameSink(const SinkSpec& spec, QString* error) {
  if (!checkTarget(spec, error) || !checkSizeAndRate(spec, error)) return nullptr;
  const QString target = QDir::cleanPath(QFileInfo(spec.target).absoluteFilePath());
  removeStaleTemporaries(QFileInfo(target).absolutePath().toStdString());
  if (spec.format == RecordFormat::kPngFrames)
    PngSequenceSink::removeStaleFolders(QFileInfo(target).absolutePath());
  switch (spec.format) {
    case RecordFormat::kPngFrames:
      return PngSequenceSink::open(spec, error);
    case RecordFormat::kOgv:
      return OggTheoraSink::open(spec, error);
    case RecordFormat::kMp4:
    case RecordFormat::kWebm:
    case RecordFormat::kGif: {
      const QString program = ffmpegProgram();
      if (program.isEmpty()) {
        fail(error, spec.format,
             QStringLiteral("%1 needs the ffmpeg program (Debian package ffmpeg%2); PNG frames "
                            "(--frames) and .ogv work without it")
                 .arg(quotedPath(spec.target),
                      qEnvironmentVariableIsSet("DRIFTLAB_FFMPEG")
                          ? QStringLiteral("; $DRIFTLAB_FFMPEG names no executable file")
                          : QString()));
        return nullptr;
      }
      return FfmpegSink::open(spec, program, error);
    }
  }
  return nullptr;
}

}  // namespace driftlab::ui
