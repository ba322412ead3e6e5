#pragma once
/// PngSequenceSink: frame_000000.png, frame_000001.png, ... written into the temporary folder
/// "<target>.driftlab-partial-<pid>" beside the target, which finish() renames to the target.
///
/// An existing target folder is accepted when it is empty or holds only frame_*.png (an earlier
/// recording): finish() replaces it whole, so no frame of the earlier recording survives. Any
/// other content is refused, never deleted.
#include "recording/frame_sink.h"

namespace driftlab::ui {

class PngSequenceSink final : public FrameSink {
 public:
  /// Creates the temporary folder for spec (already validated by openFrameSink); null with one
  /// line when that fails.
  static std::unique_ptr<FrameSink> open(const SinkSpec& spec, QString* error);
  /// True when `target` is new, or an existing folder that may be replaced (see above); one
  /// line naming --frames otherwise.
  static bool checkReplaceable(const QString& target, QString* error);
  /// Removes temporary frame folders in `folder` left by processes that no longer run (the
  /// file sweep in core/cli/atomic_file.h removes files only).
  static void removeStaleFolders(const QString& folder);
  ~PngSequenceSink() override;

  bool write(const QImage& frame, QString* error) override;
  bool finish(QString* error) override;
  void abort() override;

  /// "frame_000042.png" for index 42.
  static QString frameName(qint64 index);

 private:
  explicit PngSequenceSink(const SinkSpec& spec);

  SinkSpec m_spec;  ///< target as an absolute, clean path
  QString m_temporary;
  qint64 m_frames = 0;
  bool m_closed = false;  ///< finished or aborted
};

}  // namespace driftlab::ui
