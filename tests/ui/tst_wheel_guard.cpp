// WheelGuard: a wheel turn over an unfocused control of the Controls panel changes nothing
// (it scrolls the panel instead); over a focused control it still works.
#include <QComboBox>
#include <QScrollArea>
#include <QScrollBar>
#include <QSlider>
#include <QWheelEvent>

#include "control_panel.h"
#include "gui_test_support.h"

using namespace driftlab;
using driftlab::testing::openWindow;
using driftlab::testing::smallScene;
using driftlab::testing::waitForSnapshot;

namespace {
/// Turns the wheel over `w` by `notches` (negative: towards the user, i.e. "down").
void turnWheel(QWidget* w, int notches) {
  const QPointF pos = QRectF(w->rect()).center();
  for (int i = 0; i < std::abs(notches); ++i) {
    QWheelEvent event(pos, w->mapToGlobal(pos), QPoint(), QPoint(0, notches > 0 ? 120 : -120),
                      Qt::NoButton, Qt::NoModifier, Qt::NoScrollPhase, false);
    QApplication::sendEvent(w, &event);
  }
}
}  // namespace

class TestWheelGuard : public QObject {
  Q_OBJECT

 private slots:
  void wheelOverAnUnfocusedComboChangesNothing() {
    auto w = openWindow(smallScene());
    QVERIFY(w);
    w->view()->setFocus();
    auto* init = w->controls()->findChild<QComboBox*>("init.name");
    QVERIFY(init);
    // The wheel never gives these controls focus (Qt would, with Qt::WheelFocus).
    QCOMPARE(init->focusPolicy(), Qt::StrongFocus);
    const QString before = init->currentText();
    QCOMPARE(before, QString("gaussian"));
    auto* scroll = qobject_cast<QScrollArea*>(w->controls()->parentWidget()->parentWidget());
    QVERIFY(scroll);
    w->resize(1200, 600);  // so that the panel can scroll
    QTRY_VERIFY(scroll->verticalScrollBar()->maximum() > 0);
    scroll->verticalScrollBar()->setValue(0);
    turnWheel(init, -6);  // six notches down: used to pick `far` and restart the run
    QCOMPARE(init->currentText(), before);
    QVERIFY(!init->hasFocus());
    QVERIFY2(scroll->verticalScrollBar()->value() > 0, "the panel scrolls instead");
    QTest::qWait(150);  // an edit would have been posted by now
    QCOMPARE(QString::fromStdString(w->bridge()->scene().initName), before);
    QCOMPARE(QString::fromStdString(w->bridge()->engine().latest()->scene.initName), before);

    for (const char* name : {"flow.name", "integrator.name", "backend", "target.name"}) {
      auto* combo = w->controls()->findChild<QComboBox*>(name);
      QVERIFY2(combo, name);
      const int index = combo->currentIndex();
      turnWheel(combo, -3);
      turnWheel(combo, 2);
      QCOMPARE(combo->currentIndex(), index);
    }
    auto* speed = w->controls()->findChild<QSlider*>("run.speed");
    const int speedBefore = speed->value();
    turnWheel(speed, -3);
    QCOMPARE(speed->value(), speedBefore);
    // The Display tab is guarded too.
    auto* color = w->findChild<QComboBox*>("display.particle_color");
    QVERIFY(color);
    turnWheel(color, -2);
    QCOMPARE(color->currentIndex(), 0);
  }

  void wheelOverAFocusedComboStillWorks() {
    auto w = openWindow(smallScene());
    QVERIFY(w);
    auto* integrator = w->controls()->findChild<QComboBox*>("integrator.name");
    QVERIFY(integrator);
    integrator->setFocus();
    QTRY_VERIFY(integrator->hasFocus());
    const int index = integrator->currentIndex();
    turnWheel(integrator, -1);
    QVERIFY(integrator->currentIndex() != index);
    QVERIFY(waitForSnapshot(
        w->bridge(),
        [&](const Snapshot& s) {
          return QString::fromStdString(s.scene.integratorName) == integrator->currentText();
        },
        10000));
  }
};

DRIFTLAB_GUI_TEST_MAIN(TestWheelGuard)
#include "tst_wheel_guard.moc"
