#pragma once
/// FrameSink: where a recording's frames go (SPEC §5 "Record", issue 15). One interface for
/// every format; the offline and the live recorder only push QImages into it.
///
/// Every sink writes beside its target under a temporary name ("<target>.driftlab-partial-<pid>",
/// as core/cli/atomic_file.h) and renames it into place in finish(); abort() and the destructor
/// of an unfinished sink remove the temporary (and stop the encoder), so a cancelled or failed
/// recording leaves nothing at the target path.
#include <QImage>
#include <QSize>
#include <QString>
#include <QStringList>
#include <memory>

namespace driftlab::ui {

enum class RecordFormat { kPngFrames, kMp4, kWebm, kGif, kOgv };

struct SinkSpec {
  RecordFormat format = RecordFormat::kPngFrames;
  QString target;  ///< a file (mp4, webm, gif, ogv) or a folder (PNG frames)
  QSize size;      ///< every frame's size in pixels (video formats: width and height even)
  double fps = 30.0;
};

class FrameSink {
 public:
  virtual ~FrameSink() = default;
  /// Appends one frame (converted to the sink's pixel format; must have spec.size). Returns
  /// false with a one-line reason (e.g. the encoder died, the disk is full).
  virtual bool write(const QImage& frame, QString* error) = 0;
  /// Completes the file (waits for the encoder) and renames it into place. Returns false with a
  /// one-line reason; the temporary is then removed.
  virtual bool finish(QString* error) = 0;
  /// Stops the encoder and removes the temporary; nothing appears at the target. Idempotent.
  virtual void abort() = 0;
};

/// The format a file name implies (.mp4 .webm .gif .ogv/.ogg); std::nullopt-like: returns
/// false when the extension is none of these.
bool formatFromPath(const QString& path, RecordFormat* format);
/// "png", "mp4", "webm", "gif", "ogv".
QString formatName(RecordFormat format);
/// Formats encoded by the `ffmpeg` program (mp4, webm, gif).
bool formatNeedsFfmpeg(RecordFormat format);
/// The ffmpeg program found on PATH (or in $DRIFTLAB_FFMPEG when set: tests point it at a
/// missing file to check the message); empty when there is none.
QString ffmpegProgram();
/// Formats usable on this machine (PNG frames and OGV always; the rest when ffmpeg is found).
QList<RecordFormat> availableFormats();

/// Checks the target (folder exists and is writable, not clashing with a directory or file of
/// the wrong kind, the encoder present, even size for video) and opens the sink. Returns null
/// with one line naming the problem and what is allowed, e.g.
/// "--out: 'x.mp4' needs the ffmpeg program (Debian package ffmpeg); PNG frames and .ogv work
/// without it".
std::unique_ptr<FrameSink> openFrameSink(const SinkSpec& spec, QString* error);

}  // namespace driftlab::ui
