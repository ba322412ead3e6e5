#include "controls/number_field.h"

#include <QKeyEvent>
#include <QRegularExpression>
#include <cmath>

namespace driftlab::ui {

namespace {
/// Whole numbers beyond this are not exact in a double (and no count is that large).
constexpr double kLargestInteger = 9e15;

QString shortNumber(double v) {
  return QString::number(v, 'g', 10);
}
}  // namespace

NumberField::NumberField(Kind kind, QWidget* parent) : QLineEdit(parent), m_kind(kind) {
  setAlignment(Qt::AlignRight);
  connect(this, &QLineEdit::editingFinished, this, &NumberField::commit);
  setValue(0.0);
}

void NumberField::setRange(double lo, double hi) {
  m_lo = lo;
  m_hi = hi;
}

QString NumberField::fieldName() const {
  if (!objectName().isEmpty()) return objectName();
  return parentWidget() ? parentWidget()->objectName() : QString("value");
}

QString NumberField::format(double value) const {
  if (m_kind == Kind::kInteger && std::abs(value) < 1e15) return QString::number(qint64(value));
  return QString::number(value, 'g', 6);
}

void NumberField::setValue(double value) {
  m_value = value;
  setText(format(value));
  setModified(false);
}

std::optional<double> NumberField::parse(const QString& input, Kind kind, double lo, double hi,
                                         QString* why) {
  const bool integer = kind == Kind::kInteger;
  const QString allowed =
      integer ? "whole numbers such as 2000, 2,000 or 1e4" : "numbers such as 0.05, 5e-2 or 1e3";
  QString text = input.trimmed();
  // Thousands separators, as in "2,000" or "1,000,000.5".
  static const QRegularExpression grouped(R"(^[+-]?\d{1,3}(,\d{3})+(\.\d*)?$)");
  if (grouped.match(text).hasMatch()) text.remove(',');
  bool ok = false;
  const double v = text.toDouble(&ok);
  auto fail = [&](const QString& got, const QString& allowedText) -> std::optional<double> {
    if (why) *why = got + "; allowed: " + allowedText;
    return std::nullopt;
  };
  if (text.isEmpty()) return fail("got nothing", allowed);
  if (!ok) return fail("cannot read '" + input.trimmed() + "' as a number", allowed);
  if (!std::isfinite(v)) return fail("got " + text, "finite " + allowed);
  if (integer && v != std::round(v)) return fail("got " + text + ", not a whole number", allowed);
  if (integer && std::abs(v) > kLargestInteger)
    return fail("got " + text, "whole numbers up to " + shortNumber(kLargestInteger));
  if (v < lo || v > hi) {
    const QString kindText = integer ? "whole numbers" : "numbers";
    QString range = std::isfinite(hi) ? QString("in [%1, %2]").arg(shortNumber(lo), shortNumber(hi))
                    : std::isfinite(lo) ? QString(">= %1").arg(shortNumber(lo))
                                        : QString("<= %1").arg(shortNumber(hi));
    return fail("got " + text, kindText + " " + range);
  }
  return v;
}

void NumberField::commit() {
  if (text() == format(m_value)) return;  // nothing new (focus left an untouched field)
  setModified(false);
  QString why;
  const std::optional<double> v = parse(text(), m_kind, m_lo, m_hi, &why);
  if (!v) {
    setText(format(m_value));
    emit rejected(fieldName() + ": " + why);
    return;
  }
  setText(format(*v));
  if (*v == m_value) return;
  m_value = *v;
  emit valueEdited(m_value);
}

void NumberField::keyPressEvent(QKeyEvent* event) {
  if (event->key() == Qt::Key_Up || event->key() == Qt::Key_Down) {
    const double next = m_value + (event->key() == Qt::Key_Up ? m_step : -m_step);
    if (next >= m_lo && next <= m_hi) {
      setValue(next);
      emit valueEdited(m_value);
    }
    event->accept();
    return;
  }
  QLineEdit::keyPressEvent(event);
}

}  // namespace driftlab::ui
