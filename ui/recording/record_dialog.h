#pragma once
/// RecordDialog: File > Record... (issue 15). Edits the scene's `record` settings (format,
/// size, frame rate, steps per frame, duration in steps or seconds, what a frame holds) and the
/// output path. Formats that need the ffmpeg program are listed but disabled when it is
/// missing, with the reason as their tooltip.
#include <QDialog>

#include "scene/record_settings.h"

class QComboBox;
class QSpinBox;
class QDoubleSpinBox;
class QCheckBox;
class QLineEdit;
class QLabel;

namespace driftlab::ui {

class RecordDialog : public QDialog {
  Q_OBJECT
 public:
  /// viewSize: the view's size in pixels (offered as a frame size); sceneSteps: the scene's
  /// "steps" (the default duration).
  RecordDialog(const RecordSettings& settings, const QString& target, QSize viewSize,
               std::int64_t sceneSteps, QWidget* parent = nullptr);

  RecordSettings settings() const;
  QString target() const;

 private:
  void updateSummary();
  void formatChanged();
  void browse();

  std::int64_t m_sceneSteps;
  QSize m_viewSize;
  QComboBox *m_format, *m_size, *m_curves, *m_durationUnit;
  QSpinBox *m_stepsPerFrame, *m_duration;
  QDoubleSpinBox* m_fps;
  QCheckBox *m_caption, *m_progress, *m_endCard;
  QLineEdit *m_title, *m_target;
  QLabel* m_summary;
};

}  // namespace driftlab::ui
