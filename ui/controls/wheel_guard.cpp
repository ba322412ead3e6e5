#include "controls/wheel_guard.h"

#include <QAbstractScrollArea>
#include <QAbstractSlider>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QComboBox>
#include <QScrollBar>
#include <QWheelEvent>

namespace driftlab::ui {

WheelGuard* WheelGuard::instance() {
  static WheelGuard* guard = new WheelGuard(qApp);  // lives as long as the application
  return guard;
}

void WheelGuard::protect(QWidget* root) {
  QList<QWidget*> controls;
  for (QComboBox* w : root->findChildren<QComboBox*>()) controls << w;
  for (QAbstractSpinBox* w : root->findChildren<QAbstractSpinBox*>()) controls << w;
  for (QAbstractSlider* w : root->findChildren<QAbstractSlider*>())
    if (!qobject_cast<QScrollBar*>(w)) controls << w;
  for (QWidget* w : controls) {
    // Without Qt::WheelFocus the wheel does not focus the control before the filter sees it.
    w->setFocusPolicy(Qt::StrongFocus);
    w->installEventFilter(instance());
  }
}

bool WheelGuard::eventFilter(QObject* watched, QEvent* event) {
  if (event->type() != QEvent::Wheel) return false;
  auto* widget = qobject_cast<QWidget*>(watched);
  if (!widget || widget->hasFocus()) return false;
  // Scroll the panel instead: the nearest scroll area's scroll bar takes the event.
  for (QWidget* p = widget->parentWidget(); p; p = p->parentWidget()) {
    if (auto* area = qobject_cast<QAbstractScrollArea*>(p)) {
      QScrollBar* bar = area->verticalScrollBar();
      if (bar && bar->isVisible()) QCoreApplication::sendEvent(bar, event);
      break;
    }
  }
  return true;  // the control itself never sees it
}

}  // namespace driftlab::ui
