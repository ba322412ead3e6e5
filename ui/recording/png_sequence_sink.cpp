#include "recording/png_sequence_sink.h"

#include <signal.h>

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QImageWriter>
#include <QRegularExpression>
#include <cerrno>

#include "cli/atomic_file.h"
#include "recording/sink_support.h"

namespace driftlab::ui {

using namespace recording_detail;

namespace {

/// zlib's middle level: the same pixels always give the same bytes, at half the size of level 1.
constexpr int kPngQuality = 50;

bool onlyFrames(const QString& folder) {
  static const QRegularExpression kFrame(QStringLiteral("^frame_[0-9]+\\.png$"));
  const QFileInfoList entries = QDir(folder).entryInfoList(QDir::AllEntries | QDir::Hidden |
                                                           QDir::System | QDir::NoDotAndDotDot);
  for (const QFileInfo& e : entries)
    if (!e.isFile() || !kFrame.match(e.fileName()).hasMatch()) return false;
  return true;
}

QString cleanAbsolute(const QString& path) {
  return QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

}  // namespace

QString PngSequenceSink::frameName(qint64 index) {
  return QStringLiteral("frame_%1.png").arg(index, 6, 10, QLatin1Char('0'));
}

bool PngSequenceSink::checkReplaceable(const QString& target, QString* error) {
  const QFileInfo info(target);
  if (!info.exists()) return true;
  if (info.isDir() && onlyFrames(target)) return true;
  setError(error, QStringLiteral("--frames: %1 exists and holds other things than frame_*.png; "
                                 "allowed: a new folder, an empty one, or one from an earlier "
                                 "recording (its frames are replaced)")
                      .arg(quotedPath(target)));
  return false;
}

void PngSequenceSink::removeStaleFolders(const QString& folder) {
  const QString suffix = QString::fromLatin1(kPartialSuffix);
  for (const QFileInfo& e : QDir(folder).entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot)) {
    const QString name = e.fileName();
    const qsizetype at = name.lastIndexOf(suffix);
    if (at < 0) continue;
    bool ok = false;
    const qint64 pid = name.mid(at + suffix.size()).toLongLong(&ok);
    if (!ok || pid <= 0 || pid > 999'999'999) continue;
    if (kill(static_cast<pid_t>(pid), 0) == -1 && errno == ESRCH && onlyFrames(e.filePath()))
      QDir(e.filePath()).removeRecursively();
  }
}

PngSequenceSink::PngSequenceSink(const SinkSpec& spec) : m_spec(spec) {
  m_spec.target = cleanAbsolute(spec.target);
  m_temporary = partialPath(m_spec.target);
}

std::unique_ptr<FrameSink> PngSequenceSink::open(const SinkSpec& spec, QString* error) {
  std::unique_ptr<PngSequenceSink> sink(new PngSequenceSink(spec));
  if (!QDir().mkdir(sink->m_temporary)) {
    setError(error, QStringLiteral("--frames: cannot create %1; allowed: a folder in an existing, "
                                   "writable folder")
                        .arg(quotedPath(sink->m_temporary)));
    sink->m_closed = true;
    return nullptr;
  }
  return sink;
}

PngSequenceSink::~PngSequenceSink() {
  abort();
}

bool PngSequenceSink::write(const QImage& frame, QString* error) {
  if (m_closed) {
    setError(error, QStringLiteral("recording of %1 is closed").arg(quotedPath(m_spec.target)));
    return false;
  }
  if (!checkFrameSize(frame, m_spec.size, error)) return false;
  // A bare RGB888 image: no text, colour space or resolution from the source frame reaches the
  // file, so equal pixels give equal bytes.
  const QImage rgb = frame.convertToFormat(QImage::Format_RGB888);
  const QImage bare(rgb.constBits(), rgb.width(), rgb.height(), rgb.bytesPerLine(),
                    QImage::Format_RGB888);
  QImageWriter writer(m_temporary + "/" + frameName(m_frames), "png");
  writer.setQuality(kPngQuality);
  if (!writer.write(bare)) {
    setError(error, QStringLiteral("cannot write frame %1 into %2 (%3)")
                        .arg(m_frames)
                        .arg(quotedPath(m_temporary), writer.errorString()));
    return false;
  }
  ++m_frames;
  return true;
}

bool PngSequenceSink::finish(QString* error) {
  if (!readyToFinish(m_closed, m_frames, m_spec.target, error)) {
    if (!m_closed) abort();
    return false;
  }
  if (!checkReplaceable(m_spec.target, error)) {
    abort();
    return false;
  }
  // Move an earlier recording aside first: a failed rename puts it back untouched.
  const QString old =
      m_spec.target + ".driftlab-replaced-" + QString::number(QCoreApplication::applicationPid());
  const bool replacing = QFileInfo(m_spec.target).isDir();
  if (replacing && !QDir().rename(m_spec.target, old)) {
    setError(error, QStringLiteral("cannot replace %1").arg(quotedPath(m_spec.target)));
    abort();
    return false;
  }
  if (!QDir().rename(m_temporary, m_spec.target)) {
    if (replacing) QDir().rename(old, m_spec.target);
    setError(error,
             QStringLiteral("cannot rename the frames into %1").arg(quotedPath(m_spec.target)));
    abort();
    return false;
  }
  if (replacing) QDir(old).removeRecursively();
  m_closed = true;
  return true;
}

void PngSequenceSink::abort() {
  if (m_closed) return;
  m_closed = true;
  QDir(m_temporary).removeRecursively();
}

}  // namespace driftlab::ui
