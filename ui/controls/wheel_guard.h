#pragma once
/// WheelGuard: the mouse wheel only changes a control that has keyboard focus. Over an
/// unfocused combo box, spin box or slider the wheel scrolls the panel holding it instead (a
/// wheel turn over the Controls panel must never pick another initial cloud and restart the
/// run). Guarded controls take focus by click or Tab, never by the wheel.
#include <QObject>

class QWidget;

namespace driftlab::ui {

class WheelGuard : public QObject {
  Q_OBJECT
 public:
  /// Guards every combo box, spin box and slider under `root` (call again after adding some).
  static void protect(QWidget* root);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  using QObject::QObject;
  static WheelGuard* instance();
};

}  // namespace driftlab::ui
