// TourPlayer (issue 16): a tour played headless in the window visits its steps in order and
// applies their changes at the given steps (checked on the engine's command log); every
// shipped tour loads, runs 10 steps and has a title and captions; loop, next, previous,
// restart; the Tour menu and File > Tours.
#include <QDockWidget>
#include <QMenu>

#include "curves_panel.h"
#include "engine/command_log.h"
#include "gui_test_support.h"
#include "tour_player.h"

using namespace driftlab;
using namespace driftlab::testing;
using driftlab::ui::TourPlayer;

namespace {

/// A small tour: three changes at clock 4, 7 and 12, the end at 16.
Tour tinyTour(bool loop, const char* firstAdvance = "auto") {
  return parseTour(std::string(R"({"title": "Tiny", "caption": "A tiny tour", "loop": )") +
                   (loop ? "true" : "false") + R"(,
    "scene": {"particles": 120, "target": {"name": "8gaussians", "samples": 120}, "seed": 5},
    "steps": [
      {"caption": "zero", "curves": ["kl"], "controls": ["flow"], "advance": ")" +
                   firstAdvance + R"("},
      {"caption": "one", "at_step": 4, "change": {"flow": {"bandwidth": 0.4}}},
      {"caption": "two", "run_steps": 3, "change": {"integrator": {"eta": 0.02}}},
      {"caption": "three", "at_step": 12, "change": {"particles": 150}, "controls": []}],
    "end_step": 16})");
}

bool waitUntil(const std::function<bool()>& done, int timeoutMs) {
  QElapsedTimer clock;
  clock.start();
  while (!done() && clock.elapsed() < timeoutMs) QTest::qWait(5);
  return done();
}

/// The log since the tour's last fresh start (its last reset).
std::vector<CommandLogEntry> logOfThisRun(const ui::MainWindow& w) {
  auto log = w.bridge()->engine().commandLog().entries();
  auto reset =
      std::find_if(log.rbegin(), log.rend(), [](const auto& e) { return e.kind == "reset"; });
  return {reset.base(), log.end()};
}

}  // namespace

class TestTourPlayer : public QObject {
  Q_OBJECT

 private slots:
  void headlessTourAppliesChangesAtTheirSteps() {
    auto w = openWindow(smallScene());
    QVERIFY(w);
    TourPlayer* player = w->tourPlayer();
    QStringList captions;
    QList<int> visited;
    connect(player, &TourPlayer::captionChanged, this,
            [&](const QString& title, const QString& text) {
              captions << (title.isEmpty() ? "(ended)" : title + ": " + text);
            });
    connect(player, &TourPlayer::stepChanged, this, [&](int i, int) { visited << i; });
    player->setStepsPerSecond(0);
    const Tour tour = tinyTour(false);
    player->start(tour);
    QVERIFY(waitUntil([&] { return player->isFinished(); }, 30000));
    QCOMPARE(visited, (QList<int>{0, 1, 2, 3}));
    QCOMPARE(captions, (QStringList{"Tiny: zero", "Tiny: one", "Tiny: two", "Tiny: three"}));
    QCOMPARE(w->bridge()->engine().latest()->step, std::int64_t(16));
    // Each change reached the engine at its step, and nothing else changed the scene.
    const TourSchedule schedule = scheduleTour(tour);
    std::vector<std::pair<std::int64_t, SceneConfig>> applied;
    int stepsTaken = 0;
    for (const auto& e : logOfThisRun(*w)) {
      QVERIFY(e.ok);
      if (e.kind == "apply_scene") applied.emplace_back(e.step, *e.scene);
      if (e.kind == "step_once") QCOMPARE(e.step, std::int64_t(stepsTaken++));
    }
    QCOMPARE(stepsTaken, 16);
    QCOMPARE(applied.size(), std::size_t(3));
    for (std::size_t k = 1; k <= 3; ++k) {
      QCOMPARE(applied[k - 1].first, schedule.steps[k].applyAt);
      QVERIFY(applied[k - 1].second == tour.steps[k].scene);
    }
    // The last step hides the controls; ending the tour brings them back.
    auto* controls = w->findChild<QDockWidget*>("dock.controls");
    QVERIFY(!controls->isVisible());
    QCOMPARE(w->curves()->shownIds(), QStringList{"kl"});
    player->stop();
    QVERIFY(controls->isVisible());
    QCOMPARE(captions.back(), QString("(ended)"));  // caption overlays clear
  }

  void aStepSceneStartsAFreshRunAndTheClockGoesOn() {
    auto w = openWindow(smallScene());
    QVERIFY(w);
    TourPlayer* player = w->tourPlayer();
    player->setStepsPerSecond(0);
    const Tour tour = parseTour(R"({"title": "Fresh", "caption": "c",
      "scene": {"particles": 100, "target": {"name": "8gaussians", "samples": 100}, "seed": 5},
      "steps": [{"caption": "a"},
        {"caption": "b", "at_step": 3, "scene": {"particles": 80, "seed": 9,
                                                 "target": {"name": "moons", "samples": 90}}},
        {"caption": "c", "run_steps": 2, "change": {"flow": {"bandwidth": 0.4}}}],
      "end_step": 8})");
    player->start(tour);
    QVERIFY(waitUntil([&] { return player->isFinished(); }, 30000));
    QCOMPARE(player->clock(), std::int64_t(8));
    QCOMPARE(w->bridge()->engine().latest()->step, std::int64_t(5));  // the fresh run's steps
    const auto log = w->bridge()->engine().commandLog().entries();
    auto appliedAt = [&](const SceneConfig& scene) {
      for (const auto& e : log)
        if (e.kind == "apply_scene" && *e.scene == scene) return e.step;
      return std::int64_t(-1);
    };
    QCOMPARE(appliedAt(tour.steps[1].scene), std::int64_t(3));
    QCOMPARE(appliedAt(tour.steps[2].scene), std::int64_t(2));  // clock 5 = fresh run's step 2
    QVERIFY(waitUntil([&] { return !w->curves()->history().rows().empty(); }, 5000));
    for (const auto& row : w->curves()->history().rows()) QVERIFY(row.step <= 5);
  }

  void shippedToursLoadAndRun() {
    auto w = openWindow(smallScene());
    QVERIFY(w);
    const QStringList tours = TourPlayer::shippedTours();
    QVERIFY2(tours.size() >= 3, qPrintable(tours.join(", ")));
    for (const QString& path : tours) {
      QString error;
      const auto tour = TourPlayer::readTour(path, &error);
      QVERIFY2(tour, qPrintable(path + ": " + error));
      QVERIFY(!tour->title.empty() && !tour->caption.empty());
      for (const TourStep& s : tour->steps) QVERIFY(!s.caption.empty());
      TourPlayer* player = w->tourPlayer();
      player->setStepsPerSecond(0);
      QVERIFY(player->start(path));
      QVERIFY2(waitUntil([&] { return player->clock() >= 10; }, 60000), qPrintable(path));
      QVERIFY(waitForSnapshot(
          w->bridge(), [](const Snapshot& s) { return s.step >= 10; }, 30000));
      QVERIFY(player->isActive());
      QCOMPARE(player->stepIndex(), 0);
      QVERIFY2(w->statusMessage().contains(QString::fromStdString(tour->steps[0].caption)),
               qPrintable(w->statusMessage()));
      saveShot(w.get(), "tour-" + QFileInfo(path).baseName());
      player->stop();
    }
  }

  void loopStartsOver() {
    auto w = openWindow(smallScene());
    QVERIFY(w);
    TourPlayer* player = w->tourPlayer();
    player->setStepsPerSecond(0);
    player->start(tinyTour(true));
    QVERIFY(waitUntil([&] { return player->loops() >= 1 && player->stepIndex() >= 1; }, 30000));
    QVERIFY(!player->isFinished());
    // After the loop the run starts again from the opening scene at step 0.
    const auto log = logOfThisRun(*w);
    QVERIFY(!log.empty());
    QCOMPARE(log.front().step, std::int64_t(0));
  }

  void nextPreviousRestart() {
    auto w = openWindow(smallScene());
    QVERIFY(w);
    TourPlayer* player = w->tourPlayer();
    player->setStepsPerSecond(0);
    player->start(tinyTour(false, "wait"));
    // Step 0 waits at its end (clock 4) for Next.
    QVERIFY(waitUntil([&] { return player->isWaiting(); }, 30000));
    QCOMPARE(player->clock(), std::int64_t(4));
    QCOMPARE(player->stepIndex(), 0);
    QTest::qWait(100);
    QCOMPARE(player->clock(), std::int64_t(4));
    player->next();
    QVERIFY(waitUntil([&] { return player->stepIndex() == 1; }, 30000));
    // Slow pace: next() fast-forwards to the following step.
    player->setStepsPerSecond(1);
    player->next();
    QVERIFY(waitUntil([&] { return player->stepIndex() == 2; }, 10000));
    QCOMPARE(player->clock(), std::int64_t(7));
    player->previous();
    QVERIFY(waitUntil([&] { return player->stepIndex() == 1; }, 10000));
    QCOMPARE(player->clock(), std::int64_t(4));
    QVERIFY(waitForSnapshot(
        w->bridge(), [](const Snapshot& s) { return s.step == 4; }, 10000));
    player->setStepsPerSecond(0);
    player->restart();
    QVERIFY(waitUntil([&] { return player->isWaiting(); }, 30000));
    QCOMPARE(player->stepIndex(), 0);
    QCOMPARE(w->bridge()->engine().latest()->step, std::int64_t(4));
  }

  void menus() {
    auto w = openWindow(smallScene());
    QVERIFY(w);
    QCOMPARE(w->action("action.tour.next")->shortcut(), QKeySequence(Qt::Key_PageDown));
    QCOMPARE(w->action("action.tour.previous")->shortcut(), QKeySequence(Qt::Key_PageUp));
    QVERIFY(!w->action("action.tour.restart")->shortcut().isEmpty());
    auto* tours = w->findChild<QMenu*>("menu.tours");
    QVERIFY(tours);
    QCOMPARE(tours->actions().size(), TourPlayer::shippedTours().size());
    tours->actions().front()->trigger();
    QVERIFY(w->tourPlayer()->isActive());
    QTest::keyClick(w.get(), Qt::Key_End, Qt::ControlModifier);
    QVERIFY(!w->tourPlayer()->isActive());
  }
};

DRIFTLAB_GUI_TEST_MAIN(TestTourPlayer)
#include "tst_tour_player.moc"
