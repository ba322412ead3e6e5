// CommandLog: the engine's bounded, thread-safe record of the commands it applied and the step
// at which each was applied (issue 16: tours are checked on it).
#include <QtTest>
#include <cmath>
#include <thread>

#include "engine/command_log.h"
#include "engine/engine.h"

using namespace driftlab;
using namespace std::chrono_literals;

namespace {
SceneConfig smallScene() {
  SceneConfig s;
  s.particles = 100;
  s.samples = 100;
  validateScene(s);
  return s;
}
}  // namespace

class TestCommandLog : public QObject {
  Q_OBJECT

 private slots:
  void engineLogsEachCommandAtItsStep() {
    Engine engine(smallScene());
    for (int k = 1; k <= 3; ++k) {
      engine.post(command::StepOnce{});
      QVERIFY(engine.waitFor([k](const Snapshot& s) { return s.step == k; }, 10s));
    }
    SceneConfig wider = smallScene();
    wider.flowParams.set("bandwidth", 0.5);
    engine.post(command::ApplyScene{wider});
    engine.post(command::Ping{});
    PointSet notFinite = PointSet::Zero(10, 2);
    notFinite(3, 1) = std::nan("");
    engine.post(command::SetParticles{notFinite});  // refused: logged as failed
    QVERIFY(engine.waitFor([](const Snapshot& s) { return s.errorSerial > 0; }, 10s));
    const auto log = engine.commandLog().entries();
    QCOMPARE(log.size(), std::size_t(5));  // the ping is not kept
    for (int k = 0; k < 3; ++k) {
      QCOMPARE(log[k].kind, std::string("step_once"));
      QCOMPARE(log[k].step, std::int64_t(k));
      QCOMPARE(log[k].serial, std::uint64_t(k + 1));
    }
    QCOMPARE(log[3].kind, std::string("apply_scene"));
    QCOMPARE(log[3].step, std::int64_t(3));
    QVERIFY(log[3].ok && log[3].scene && *log[3].scene == wider);
    QVERIFY(!log[4].ok);
    QCOMPARE(engine.commandLog().total(), std::uint64_t(5));
  }

  void boundedAndThreadSafe() {
    CommandLog log(100);
    std::vector<std::thread> writers;
    for (int t = 0; t < 4; ++t)
      writers.emplace_back([&log, t] {
        for (int k = 0; k < 1000; ++k) log.append(t * 1000 + k, command::Play{}, true);
      });
    for (int k = 0; k < 200; ++k) QVERIFY(log.entries().size() <= 100);
    for (auto& w : writers) w.join();
    const auto entries = log.entries();
    QCOMPARE(entries.size(), std::size_t(100));
    QCOMPARE(log.total(), std::uint64_t(4000));
    for (std::size_t k = 1; k < entries.size(); ++k)
      QCOMPARE(entries[k].serial, entries[k - 1].serial + 1);  // the newest, in order
    QCOMPARE(entries.back().serial, std::uint64_t(4000));
  }

  void kindsAreNamed() {
    QCOMPARE(commandKind(command::Reset{}), std::string("reset"));
    QCOMPARE(commandKind(command::StepBack{}), std::string("step_back"));
    QCOMPARE(commandKind(command::SetGrid{}), std::string("set_grid"));
  }
};

QTEST_GUILESS_MAIN(TestCommandLog)
#include "tst_command_log.moc"
