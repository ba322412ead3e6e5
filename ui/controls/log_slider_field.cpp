#include "controls/log_slider_field.h"

#include <QHBoxLayout>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QSlider>
#include <algorithm>
#include <cmath>

#include "controls/number_field.h"

namespace driftlab::ui {

namespace {
constexpr int kSteps = 1000;
}

LogSliderField::LogSliderField(double low, double high, QWidget* parent)
    : QWidget(parent), m_low(low), m_high(high) {
  m_slider = new QSlider(Qt::Horizontal, this);
  m_slider->setRange(0, kSteps);
  m_slider->setSingleStep(10);
  m_slider->setPageStep(100);
  m_field = new NumberField(NumberField::Kind::kReal, this);
  m_field->setFixedWidth(72);
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_slider, 1);
  layout->addWidget(m_field);
  setFocusProxy(m_slider);

  connect(m_slider, &QSlider::valueChanged, this, [this](int pos) {
    m_value = sliderValue(pos);
    showNumber(m_value);
    emit valueEdited(m_value);
  });
  connect(m_field, &NumberField::rejected, this, &LogSliderField::rejected);
  connect(m_field, &NumberField::valueEdited, this, [this](double v) {
    if (v == m_value) return;
    m_value = v;
    const QSignalBlocker block(m_slider);
    m_slider->setValue(sliderPosition(v));
    emit valueEdited(m_value);
  });
  setValue(1.0);
}

int LogSliderField::sliderPosition(double value) const {
  if (!(value > 0)) return 0;
  const double t = std::log(value / m_low) / std::log(m_high / m_low);
  return int(std::lround(std::clamp(t, 0.0, 1.0) * kSteps));
}

double LogSliderField::sliderValue(int position) const {
  const double t = double(position) / kSteps;
  const double v = m_low * std::pow(m_high / m_low, t);
  // Three significant digits keep the numbers readable and scenes tidy.
  return QString::number(v, 'g', 3).toDouble();
}

void LogSliderField::showNumber(double value) {
  m_field->setValue(value);
}

void LogSliderField::setValue(double value) {
  m_value = value;
  showNumber(value);
  if (!m_slider->isSliderDown() && sliderValue(m_slider->value()) != value) {
    const QSignalBlocker block(m_slider);
    m_slider->setValue(sliderPosition(value));
  }
}

}  // namespace driftlab::ui
