#pragma once
/// Helpers shared by the FrameSink implementations (not part of the recorder's interface).
#include <QImage>
#include <QSize>
#include <QString>

namespace driftlab::ui::recording_detail {

/// "<target>.driftlab-partial-<pid>": the name every sink writes to before finish() renames it.
QString partialPath(const QString& target);

/// `path` quoted for a one-line message: control characters escaped, long paths shortened.
QString quotedPath(const QString& path);

/// The last non-empty line of a program's output, escaped to one line ("" when there is none).
QString lastLine(const QByteArray& output);

/// Checks a frame's size against the sink's; on a mismatch fills `error` with one line.
bool checkFrameSize(const QImage& frame, QSize expected, QString* error);

/// `frame` as tightly packed RGB888 rows (3 x width bytes each, top row first); null frames
/// give an empty array.
QByteArray packedRgb(const QImage& frame);

/// The checks every finish() starts with: the sink is still open and holds a frame. False
/// with one line naming the target otherwise.
bool readyToFinish(bool closed, long long frames, const QString& target, QString* error);

/// Sets `*error` when error is not null.
inline void setError(QString* error, const QString& text) {
  if (error) *error = text;
}

}  // namespace driftlab::ui::recording_detail
