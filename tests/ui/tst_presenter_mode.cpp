// Presenter mode (issue 16): F5 hides the docks and bars and enlarges captions and sprites, the
// keyboard drives it (Right steps once, Left back, Space play/pause, B blanks and unblanks,
// the tour hook takes next/previous over), and Esc restores the window exactly.
#include <QDockWidget>
#include <QMenuBar>
#include <QSignalSpy>
#include <QStatusBar>

#include "caption_overlay.h"
#include "gui_test_support.h"
#include "help_overlay.h"
#include "layer_stack.h"
#include "layers/particle_layer.h"
#include "presenter_mode.h"

using namespace driftlab;
using driftlab::testing::openWindow;
using driftlab::testing::saveShot;
using driftlab::testing::smallScene;
using driftlab::testing::waitForSnapshot;

namespace {

SceneConfig captionedScene() {
  SceneConfig s = smallScene(300, 300);
  s.title = "Presenter test";
  s.caption = "A caption shown large in presenter mode, with a step counter beside it.";
  return s;
}

QDockWidget* dock(ui::MainWindow* w, const QString& name) {
  return w->findChild<QDockWidget*>(name);
}

/// Mean grey level of the central area (the view and what is drawn over it).
double meanGrey(ui::MainWindow* w) {
  const QImage image = w->centralWidget()->grab().toImage().convertToFormat(QImage::Format_RGB32);
  double sum = 0;
  for (int y = 0; y < image.height(); y += 4)
    for (int x = 0; x < image.width(); x += 4) sum += qGray(image.pixel(x, y));
  return sum / ((image.height() / 4.0) * (image.width() / 4.0));
}

}  // namespace

class TestPresenterMode : public QObject {
  Q_OBJECT

 private slots:
  void f5HidesTheDocksAndEscRestoresThem() {
    auto w = openWindow(captionedScene());
    QVERIFY(w);
    QTest::qWait(200);  // docks laid out
    const QByteArray state = w->saveState();
    const QSize controls = dock(w.get(), "dock.controls")->size();
    const QSize curves = dock(w.get(), "dock.curves")->size();
    const QRect geometry = w->geometry();
    const double sprite = w->layerStack()->particles()->pointSize();
    QVERIFY(dock(w.get(), "dock.controls")->isVisible());

    w->view()->setFocus();
    QTest::keyClick(w->view(), Qt::Key_F5);
    QTRY_VERIFY(w->presenter()->isActive());
    QVERIFY(!dock(w.get(), "dock.controls")->isVisible());
    QVERIFY(!dock(w.get(), "dock.curves")->isVisible());
    QVERIFY(!w->menuBar()->isVisible());
    QVERIFY(!w->statusBar()->isVisible());
    QCOMPARE(w->captionOverlay()->scale(), ui::PresenterMode::kScale);
    QCOMPARE(w->layerStack()->particles()->pointSize(), sprite * ui::PresenterMode::kScale);
    QVERIFY(w->captionOverlay()->isVisible());
    QCOMPARE(w->captionOverlay()->title(), QString("Presenter test"));
    QTRY_COMPARE(w->captionOverlay()->stepText(), QString("step 0"));
    saveShot(w.get(), "presenter_mode");
    QTest::keyClick(w->view(), Qt::Key_F1);  // the help overlay lists the presenter keys
    QTRY_VERIFY(w->helpOverlay()->isVisible());
    QVERIFY(w->helpOverlay()->lines().join('\n').contains("B\tpresenter mode: blank"));
    saveShot(w.get(), "presenter_help");
    QTest::keyClick(w->helpOverlay(), Qt::Key_Escape);  // closes the help, not presenter mode
    QTRY_VERIFY(!w->helpOverlay()->isVisible());
    QVERIFY(w->presenter()->isActive());
    w->view()->setFocus();

    QTest::keyClick(w->view(), Qt::Key_Escape);
    QTRY_VERIFY(!w->presenter()->isActive());
    QTest::qWait(400);  // the deferred second restore
    QVERIFY(dock(w.get(), "dock.controls")->isVisible());
    QVERIFY(dock(w.get(), "dock.curves")->isVisible());
    QVERIFY(w->menuBar()->isVisible());
    QVERIFY(w->statusBar()->isVisible());
    QCOMPARE(w->geometry(), geometry);
    QCOMPARE(dock(w.get(), "dock.controls")->size(), controls);
    QCOMPARE(dock(w.get(), "dock.curves")->size(), curves);
    QCOMPARE(w->saveState(), state);
    QCOMPARE(w->captionOverlay()->scale(), 1.0);
    QCOMPARE(w->captionOverlay()->stepText(), QString());
    QCOMPARE(w->layerStack()->particles()->pointSize(), sprite);
  }

  void rightStepsOnceLeftStepsBackSpacePlays() {
    auto w = openWindow(captionedScene());
    QVERIFY(w);
    w->presenter()->enter();
    QSignalSpy next(w->presenter(), &ui::PresenterMode::nextRequested);
    QSignalSpy previous(w->presenter(), &ui::PresenterMode::previousRequested);
    QTest::keyClick(w->view(), Qt::Key_Right);
    QVERIFY(waitForSnapshot(
        w->bridge(), [](const Snapshot& s) { return s.step == 1; }, 10000));
    QTest::qWait(300);
    QCOMPARE(w->bridge()->engine().latest()->step, std::int64_t(1));  // once, not twice
    QCOMPARE(next.count(), 1);
    QTRY_COMPARE(w->captionOverlay()->stepText(), QString("step 1"));
    QTest::keyClick(w->view(), Qt::Key_PageDown);
    QVERIFY(waitForSnapshot(
        w->bridge(), [](const Snapshot& s) { return s.step == 2; }, 10000));
    QTest::keyClick(w->view(), Qt::Key_Left);
    QVERIFY(waitForSnapshot(
        w->bridge(), [](const Snapshot& s) { return s.step == 1; }, 10000));
    QCOMPARE(previous.count(), 1);

    // A tour player takes next/previous over: the signals still come, nothing steps.
    w->presenter()->setNavigationTaken(true);
    QTest::keyClick(w->view(), Qt::Key_Right);
    QCOMPARE(next.count(), 3);
    QTest::qWait(300);
    QCOMPARE(w->bridge()->engine().latest()->step, std::int64_t(1));
    w->presenter()->setNavigationTaken(false);

    QVERIFY(!w->bridge()->isPlaying());
    QTest::keyClick(w->view(), Qt::Key_Space);
    QVERIFY(w->bridge()->isPlaying());
    QTest::keyClick(w->view(), Qt::Key_Space);
    QVERIFY(!w->bridge()->isPlaying());
  }

  void bBlanksTheViewAndBAgainUnblanks() {
    auto w = openWindow(captionedScene());
    QVERIFY(w);
    w->presenter()->enter();
    QTest::qWait(300);
    const double before = meanGrey(w.get());
    QTest::keyClick(w->view(), Qt::Key_B);
    QVERIFY(w->presenter()->isBlanked());
    QTest::qWait(100);
    QCOMPARE(meanGrey(w.get()), 0.0);  // every sampled pixel black
    QTest::keyClick(w->view(), Qt::Key_B);
    QVERIFY(!w->presenter()->isBlanked());
    QTest::qWait(100);
    QVERIFY2(meanGrey(w.get()) > 0.5 * before, "the view did not come back");
    w->presenter()->leave();
    QVERIFY(!w->captionOverlay()->isBlanked());
  }

  void noOverlayOverTheViewWithoutACaption() {
    // A scene without title and caption leaves the view uncovered (no extra compositing).
    auto w = openWindow(smallScene(300, 300));
    QVERIFY(w);
    QTest::qWait(100);
    QVERIFY(!w->captionOverlay()->isVisible());
    w->presenter()->enter();
    QVERIFY(w->captionOverlay()->isVisible());  // the step counter
    w->presenter()->leave();
    QVERIFY(!w->captionOverlay()->isVisible());
  }

  void curvesStayWhenWanted() {
    auto w = openWindow(captionedScene());
    QVERIFY(w);
    w->presenter()->setCurvesWanted(true);
    w->presenter()->enter();
    QVERIFY(!dock(w.get(), "dock.controls")->isVisible());
    QVERIFY(dock(w.get(), "dock.curves")->isVisible());
    w->presenter()->leave();
  }
};

DRIFTLAB_GUI_TEST_MAIN(TestPresenterMode)
#include "tst_presenter_mode.moc"
