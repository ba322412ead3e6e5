#pragma once
/// NumberField: a line edit for one number. It reads what people type - "2000", "2,000",
/// "1e9", "5e-2" - and says why it rejects anything else (not a number, not a whole number,
/// outside its range), so that no value is changed or reverted silently. Up / Down step it.
/// Range checks beyond the field's own bounds are the core's (the scene validator's messages).
#include <QLineEdit>
#include <limits>
#include <optional>

namespace driftlab::ui {

class NumberField : public QLineEdit {
  Q_OBJECT
 public:
  enum class Kind { kReal, kInteger };

  explicit NumberField(Kind kind, QWidget* parent = nullptr);
  /// Bounds checked by the field itself (default: none; the core validates).
  void setRange(double lo, double hi);
  void setSingleStep(double step) { m_step = step; }
  double value() const { return m_value; }
  /// Shows `value` without emitting valueEdited.
  void setValue(double value);
  /// The name used in messages (default: the object name, else the parent's).
  QString fieldName() const;

  /// Reads `text`; on failure returns nothing and sets `why` ("got ...; allowed: ...").
  static std::optional<double> parse(const QString& text, Kind kind, double lo, double hi,
                                     QString* why);

 signals:
  /// The user entered a new, readable value (Enter, leaving the field, Up / Down).
  void valueEdited(double value);
  /// The user entered something unreadable: "<field>: <why>; allowed: ...". The field shows
  /// its last value again.
  void rejected(const QString& message);

 protected:
  void keyPressEvent(QKeyEvent* event) override;

 private:
  void commit();
  QString format(double value) const;

  Kind m_kind;
  double m_lo = -std::numeric_limits<double>::infinity();
  double m_hi = std::numeric_limits<double>::infinity();
  double m_step = 1.0;
  double m_value = 0.0;
};

}  // namespace driftlab::ui
