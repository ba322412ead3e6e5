// Responsiveness: with N = M = 20000 in 2D and the engine running flat out, the GUI thread
// must keep ticking. A 16 ms timer also requests a repaint every tick (the worst case: the
// view renders 20000 sprites continuously); the largest gap between ticks over 5 s must stay
// under 250 ms. A GUI that waited on the simulation would show gaps of whole steps (seconds).
#include <algorithm>
#include <vector>

#include "gui_test_support.h"

using namespace driftlab;

class TestResponsiveness : public QObject {
  Q_OBJECT

 private slots:
  void guiThreadKeepsTickingWhileTheEngineRuns() {
    SceneConfig scene = driftlab::testing::smallScene(20000, 20000);
    auto w = driftlab::testing::openWindow(scene);
    QVERIFY(w);
    w->bridge()->play();
    QVERIFY(driftlab::testing::waitForSnapshot(
        w->bridge(), [](const Snapshot& s) { return s.running; }, 10000));
    const std::int64_t startStep = w->bridge()->engine().latest()->step;
    const qint64 startFrames = w->view()->framesPainted();

    std::vector<double> gaps;
    QElapsedTimer clock, total;
    QTimer ticker;
    ticker.setTimerType(Qt::PreciseTimer);
    ticker.setInterval(16);
    connect(&ticker, &QTimer::timeout, this, [&] {
      gaps.push_back(double(clock.nsecsElapsed()) / 1e6);
      clock.restart();
      w->view()->update();
    });
    clock.start();
    total.start();
    ticker.start();
    while (total.elapsed() < 5000) QTest::qWait(50);
    ticker.stop();

    QVERIFY(!gaps.empty());
    std::vector<double> sorted = gaps;
    std::sort(sorted.begin(), sorted.end());
    const double median = sorted[sorted.size() / 2];
    const double largest = sorted.back();
    const std::int64_t steps = w->bridge()->engine().latest()->step - startStep;
    const qint64 frames = w->view()->framesPainted() - startFrames;
    qInfo(
        "N = M = 20000 (2D): GUI timer gap median %.1f ms, max %.1f ms over %zu ticks; "
        "%lld frames painted in 5 s (%.1f frames/s); engine advanced %lld steps",
        median, largest, gaps.size(), qlonglong(frames), frames / 5.0, qlonglong(steps));
    QVERIFY2(gaps.size() > 50, "the 16 ms timer barely ran");
    QVERIFY2(largest < 250.0, qPrintable(QString("largest gap %1 ms").arg(largest)));
    QVERIFY2(frames > 10, "the view must actually render while the engine runs");
    QVERIFY2(steps >= 1, "the engine must actually run during the measurement");
  }
};

DRIFTLAB_GUI_TEST_MAIN(TestResponsiveness)
#include "tst_responsiveness.moc"
