#include "recording/sink_support.h"

#include <QCoreApplication>

#include "base/input_error.h"
#include "cli/atomic_file.h"

namespace driftlab::ui::recording_detail {

QString partialPath(const QString& target) {
  return target + QString::fromLatin1(kPartialSuffix) +
         QString::number(QCoreApplication::applicationPid());
}

QString quotedPath(const QString& path) {
  return "'" + QString::fromStdString(quoteForMessage(path.toStdString(), 200)) + "'";
}

QString lastLine(const QByteArray& output) {
  const QList<QByteArray> lines = output.trimmed().split('\n');
  for (auto it = lines.crbegin(); it != lines.crend(); ++it) {
    const QByteArray line = it->trimmed();
    if (!line.isEmpty())
      return QString::fromStdString(escapeControlCharacters(line.left(300).toStdString()));
  }
  return {};
}

bool checkFrameSize(const QImage& frame, QSize expected, QString* error) {
  if (!frame.isNull() && frame.size() == expected) return true;
  setError(error, QStringLiteral("frame of %1x%2 pixels refused: this recording takes %3x%4")
                      .arg(frame.width())
                      .arg(frame.height())
                      .arg(expected.width())
                      .arg(expected.height()));
  return false;
}

QByteArray packedRgb(const QImage& frame) {
  if (frame.isNull()) return {};
  const QImage rgb = frame.convertToFormat(QImage::Format_RGB888);
  const qsizetype rowBytes = qsizetype(rgb.width()) * 3;
  QByteArray packed(rowBytes * rgb.height(), Qt::Uninitialized);
  for (int y = 0; y < rgb.height(); ++y)
    std::copy_n(rgb.constScanLine(y), rowBytes, packed.data() + rowBytes * y);
  return packed;
}

bool readyToFinish(bool closed, long long frames, const QString& target, QString* error) {
  if (closed) {
    setError(error, QStringLiteral("recording of %1 is closed").arg(quotedPath(target)));
    return false;
  }
  if (frames == 0) {
    setError(error, QStringLiteral("no frames recorded for %1").arg(quotedPath(target)));
    return false;
  }
  return true;
}

}  // namespace driftlab::ui::recording_detail
