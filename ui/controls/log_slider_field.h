#pragma once
/// LogSliderField: a logarithmic slider beside a number field, for scale parameters such as
/// the bandwidth and the drift size. The field accepts any number (validation is the core's
/// job); the slider covers [low, high] on a log scale.
#include <QWidget>

class QSlider;
class QLineEdit;

namespace driftlab::ui {

class LogSliderField : public QWidget {
  Q_OBJECT
 public:
  LogSliderField(double low, double high, QWidget* parent = nullptr);

  double value() const { return m_value; }
  /// Shows `value` without emitting valueEdited.
  void setValue(double value);
  QSlider* slider() const { return m_slider; }
  QLineEdit* field() const { return m_field; }

 signals:
  /// The user moved the slider or entered a number.
  void valueEdited(double value);

 private:
  int sliderPosition(double value) const;
  double sliderValue(int position) const;
  void showNumber(double value);

  double m_low, m_high;
  double m_value = 1.0;
  QSlider* m_slider;
  QLineEdit* m_field;
};

}  // namespace driftlab::ui
