#pragma once
/// LogSliderField: a logarithmic slider beside a number field, for scale parameters such as
/// the bandwidth and the drift size. The field accepts any readable number, scientific
/// notation included (range checks are the core's job), and reports unreadable text through
/// `rejected`; the slider covers [low, high] on a log scale.
#include <QWidget>

#include "controls/number_field.h"

class QSlider;

namespace driftlab::ui {

class LogSliderField : public QWidget {
  Q_OBJECT
 public:
  LogSliderField(double low, double high, QWidget* parent = nullptr);

  double value() const { return m_value; }
  /// Shows `value` without emitting valueEdited.
  void setValue(double value);
  QSlider* slider() const { return m_slider; }
  NumberField* field() const { return m_field; }

 signals:
  /// The user moved the slider or entered a number.
  void valueEdited(double value);
  /// The user typed something that is not a number ("<name>: ...; allowed: ...").
  void rejected(const QString& message);

 private:
  int sliderPosition(double value) const;
  double sliderValue(int position) const;
  void showNumber(double value);

  double m_low, m_high;
  double m_value = 1.0;
  QSlider* m_slider;
  NumberField* m_field;
};

}  // namespace driftlab::ui
