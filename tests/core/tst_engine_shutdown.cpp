// Engine shutdown cannot hang: the stop flag and its wake-up cannot be lost between the
// worker's wait predicate and its wait (issue 14, case 1), and a create / run / pause /
// destroy loop always finishes. Run under the `tsan` preset too.
#include <QtTest>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <random>

#include "engine/engine.h"

using namespace driftlab;
using namespace std::chrono_literals;

namespace {

SceneConfig tinyScene(std::uint64_t seed) {
  SceneConfig s;
  s.particles = 24;
  s.samples = 24;
  s.seed = seed;
  validateScene(s);
  return s;
}

/// Destroys `engine` on a helper thread; a destructor that does not return within `limit`
/// is a hang: the test says so and ends the process (the stuck thread cannot be joined).
void destroyWithin(std::unique_ptr<Engine> engine, std::chrono::milliseconds limit,
                   const char* what) {
  std::packaged_task<void()> task([e = std::move(engine)]() mutable { e.reset(); });
  auto done = task.get_future();
  std::thread destroyer(std::move(task));
  if (done.wait_for(limit) != std::future_status::ready) {
    std::fprintf(stderr, "FAIL! %s: ~Engine did not return within %lld ms (lost wake-up)\n", what,
                 static_cast<long long>(limit.count()));
    std::fflush(stderr);
    std::_Exit(1);
  }
  destroyer.join();
}

/// Seconds for the stress loop: DRIFTLAB_STRESS_SECONDS, else 3.
double stressSeconds() {
  const char* env = std::getenv("DRIFTLAB_STRESS_SECONDS");
  return env ? std::max(0.1, std::atof(env)) : 3.0;
}

}  // namespace

class TestEngineShutdown : public QObject {
  Q_OBJECT

 private slots:
  void cleanup() { Engine::setWakeCheckDelayForTesting(0us); }

  // The worker sleeps inside its wait predicate (holding the queue mutex) just before it
  // blocks. A destructor that sets the flag and notifies without that mutex lands in the
  // gap and the worker waits forever; under the mutex it waits until the worker blocks.
  void destructorWakesAWorkerAboutToWait() {
    Engine::setWakeCheckDelayForTesting(200ms);
    for (int i = 0; i < 3; ++i) {
      auto engine = std::make_unique<Engine>(tinyScene(1 + i));
      // The worker publishes step 0, then evaluates its predicate and sleeps 200 ms in it.
      QVERIFY(engine->waitFor([](const Snapshot& s) { return !s.diagnostics.values.empty(); }, 5s));
      QThread::msleep(50);
      destroyWithin(std::move(engine), 5s, "destructorWakesAWorkerAboutToWait");
    }
  }

  // Create, run, pause, step and destroy engines in a loop for a bounded time.
  void createRunPauseDestroyLoop() {
    const auto end = std::chrono::steady_clock::now() +
                     std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                         std::chrono::duration<double>(stressSeconds()));
    std::mt19937 rng(14);
    int iterations = 0;
    while (std::chrono::steady_clock::now() < end) {
      const unsigned pattern = rng();
      auto engine = std::make_unique<Engine>(tinyScene(iterations), (pattern & 1) != 0);
      if (pattern & 2) engine->post(command::Play{});
      if (pattern & 4) engine->post(command::StepOnce{});
      if (pattern & 8) std::this_thread::sleep_for(std::chrono::microseconds(rng() % 2000));
      if (pattern & 16) engine->post(command::Pause{});
      if (pattern & 32) engine->post(command::SetMaxStepsPerSecond{1000.0});
      if (pattern & 64) engine->waitFor([](const Snapshot& s) { return !s.running; }, 20ms);
      destroyWithin(std::move(engine), 10s, "createRunPauseDestroyLoop");
      ++iterations;
    }
    qInfo("%d engines created and destroyed", iterations);
    QVERIFY(iterations > 0);
  }
};

QTEST_GUILESS_MAIN(TestEngineShutdown)
#include "tst_engine_shutdown.moc"
