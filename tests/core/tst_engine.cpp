// Engine: commands are applied between steps, snapshots are immutable, pause stops steps.
#include <sys/resource.h>
#include <unistd.h>

#include <QtTest>
#include <map>

#include "engine/engine.h"
#include "registry/registry.h"

using namespace driftlab;
using namespace std::chrono_literals;

namespace {
SceneConfig smallScene() {
  SceneConfig s;
  s.particles = 300;
  s.samples = 300;
  validateScene(s);
  return s;
}
}  // namespace

class TestEngine : public QObject {
  Q_OBJECT

 private slots:
  void startsPausedAndSingleSteps() {
    Engine engine(smallScene());
    QThread::msleep(50);
    QCOMPARE(engine.latest()->step, std::int64_t(0));
    engine.post(command::StepOnce{});
    QVERIFY(engine.waitFor([](const Snapshot& s) { return s.step == 1; }, 5s));
    QThread::msleep(50);
    QCOMPARE(engine.latest()->step, std::int64_t(1));
  }

  void pauseStopsTheStepCounter() {
    Engine engine(smallScene(), true);
    QVERIFY(engine.waitFor([](const Snapshot& s) { return s.step >= 3; }, 10s));
    engine.post(command::Pause{});
    QVERIFY(engine.waitFor([](const Snapshot& s) { return !s.running; }, 5s));
    const auto paused = engine.latest()->step;
    QThread::msleep(200);
    QCOMPARE(engine.latest()->step, paused);
    engine.post(command::Play{});
    QVERIFY(engine.waitFor([&](const Snapshot& s) { return s.step > paused; }, 5s));
  }

  // Paused: a new bandwidth is in effect in the snapshot of the very next step.
  void parameterChangeAppliesBeforeTheNextStep() {
    Engine engine(smallScene());
    QVERIFY(engine.waitFor([](const Snapshot& s) { return !s.diagnostics.values.empty(); }, 5s));
    SceneConfig s = smallScene();
    s.flowParams.set("bandwidth", 0.7);
    engine.post(command::ApplyScene{s});
    engine.post(command::StepOnce{});
    QVERIFY(engine.waitFor([](const Snapshot& snap) { return snap.step == 1; }, 5s));
    QCOMPARE(engine.latest()->bandwidth, 0.7);
  }

  // Running at 50 steps/s: the first snapshot with the new bandwidth comes at most one step
  // after the one current when the command was posted.
  void parameterChangeAppliesWithinOneStepWhileRunning() {
    Engine engine(smallScene());
    engine.post(command::SetMaxStepsPerSecond{50});
    engine.post(command::Play{});
    QVERIFY(engine.waitFor([](const Snapshot& s) { return s.step >= 3; }, 5s));
    SceneConfig s = smallScene();
    s.flowParams.set("bandwidth", 0.7);
    const auto before = engine.latest()->step;
    engine.post(command::ApplyScene{s});
    std::int64_t firstStep = -1;
    QVERIFY(engine.waitFor(
        [&](const Snapshot& snap) {
          if (snap.bandwidth == 0.7 && firstStep < 0) firstStep = snap.step;
          return firstStep >= 0;
        },
        5s));
    QVERIFY2(firstStep <= before + 1, qPrintable(QString("%1 vs %2").arg(firstStep).arg(before)));
  }

  // A step that fails (NaN) is published at once, without waiting for another command.
  void failedStepIsPublishedAtOnce() {
    SceneConfig s = smallScene();
    s.particles = 20;
    s.samples = 20;
    validateScene(s);
    Engine engine(s, false);
    // The step control survives any eta; a particle at 1e200 (squared distances overflow)
    // makes every tried step non-finite.
    PointSet far = PointSet::Zero(20, 2);
    far(3, 0) = 1e200;
    engine.post(command::SetParticles{far});
    engine.post(command::Play{});
    QVERIFY(engine.waitFor([](const Snapshot& snap) { return snap.errorSerial > 0; }, 10s));
    QVERIFY(!engine.latest()->running);
    QVERIFY(engine.latest()->particles->allFinite());
  }

  // Snapshots are never modified after publication.
  void snapshotsAreImmutable() {
    Engine engine(smallScene(), true);
    QVERIFY(engine.waitFor([](const Snapshot& s) { return s.step >= 1; }, 5s));
    const auto snap = engine.latest();
    const PointSet copy = *snap->particles;
    QVERIFY(engine.waitFor([&](const Snapshot& s) { return s.step >= snap->step + 3; }, 10s));
    QVERIFY(*snap->particles == copy);
  }

  // Diagnostic rows arrive in order, one per step, with no gaps.
  void diagnosticsArriveInOrder() {
    Engine engine(smallScene(), true);
    QVERIFY(engine.waitFor([](const Snapshot& s) { return s.step >= 6; }, 10s));
    engine.post(command::Pause{});
    QVERIFY(engine.waitFor([](const Snapshot& s) { return !s.running; }, 5s));
    const auto rows = engine.drainDiagnostics();
    QVERIFY(rows.size() >= 6);
    for (size_t i = 1; i < rows.size(); ++i) QVERIFY(rows[i].step >= rows[i - 1].step);
    QCOMPARE(rows.front().step, std::int64_t(0));
  }

  // While running, every step's row carries computed diagnostics (the default), whatever
  // they cost (before, rows of steps that followed costly diagnostics were left empty).
  void everyStepGetsItsDiagnosticsWhileRunning() {
    SceneConfig s = smallScene();
    s.particles = 3000;
    s.samples = 3000;
    s.backend = "direct";
    const auto ids = diagnostics().ids();
    const auto residual = std::find(ids.begin(), ids.end(), "residual") - ids.begin();
    const auto countComputed = [&](bool everyStep) {
      Engine engine(s, false);
      engine.post(command::SetDiagnosticsEveryStep{everyStep});
      engine.post(command::Play{});
      engine.waitFor([](const Snapshot& snap) { return snap.step >= 40; }, 60s);
      engine.post(command::Pause{});
      engine.waitFor([](const Snapshot& snap) { return !snap.running; }, 10s);
      std::int64_t computed = 0, last = -1;
      for (const auto& row : engine.drainDiagnostics()) {
        if (!row.values.empty() && std::isfinite(row.values[residual])) {
          if (row.step != last) ++computed;
          last = row.step;
        }
      }
      return std::pair{computed, engine.latest()->step};
    };
    const auto [computed, steps] = countComputed(true);
    QCOMPARE(computed, steps + 1);  // steps 0 .. steps, each once
  }

  // A NaN in new positions is reported as an error and the last good state is kept.
  void nonFiniteStateIsReported() {
    Engine engine(smallScene());
    const PointSet good = *engine.latest()->particles;
    PointSet bad = good;
    bad(0, 0) = std::numeric_limits<double>::infinity();
    engine.post(command::SetParticles{bad});
    QVERIFY(engine.waitFor([](const Snapshot& snap) { return snap.errorSerial > 0; }, 5s));
    const auto snap = engine.latest();
    QVERIFY(*snap->particles == good);
    QVERIFY(QString::fromStdString(snap->error).startsWith("particles: row 0"));
  }

  // Stepping back restores the earlier positions, step and time; an empty ring is an error.
  void stepBackRestoresEarlierStates() {
    Engine engine(smallScene());
    const PointSet start = *engine.latest()->particles;
    engine.post(command::StepOnce{});
    engine.post(command::StepOnce{});
    QVERIFY(engine.waitFor([](const Snapshot& s) { return s.step == 2; }, 5s));
    QCOMPARE(engine.latest()->historySize, 2);
    engine.post(command::StepBack{});
    engine.post(command::StepBack{});
    QVERIFY(engine.waitFor([](const Snapshot& s) { return s.historySize == 0; }, 5s));
    QCOMPARE(engine.latest()->step, std::int64_t(0));
    QVERIFY(*engine.latest()->particles == start);
    const auto errors = engine.latest()->errorSerial;
    engine.post(command::StepBack{});
    QVERIFY(engine.waitFor([&](const Snapshot& s) { return s.errorSerial > errors; }, 5s));
    QVERIFY(QString::fromStdString(engine.latest()->error).startsWith("history:"));
    // Stepping forward again from the restored state repeats the same trajectory.
    engine.post(command::StepOnce{});
    QVERIFY(engine.waitFor([](const Snapshot& s) { return s.step == 1; }, 5s));
  }

  // The ring drops the oldest states beyond its byte budget.
  void historyIsBoundedInBytes() {
    StateHistory ring(10 * 100 * 2 * sizeof(double), 1000);  // room for 10 states of 100 x 2
    for (int k = 0; k < 25; ++k) ring.push({k, 0.1 * k, PointSet::Constant(100, 2, k)});
    QCOMPARE(ring.size(), 10);
    PastState s;
    QVERIFY(ring.pop(s));
    QCOMPARE(s.step, std::int64_t(24));
    QCOMPARE(s.particles(0, 0), 24.0);
    StateHistory tiny(8, 10);
    tiny.push({0, 0, PointSet::Zero(100, 2)});
    QCOMPARE(tiny.size(), 0);
  }

  // workerNice lowers the worker thread's priority (and its OpenMP team's), not the caller's.
  void workerNiceAppliesToTheWorkerOnly() {
    auto niceValues = [] {
      std::map<long, int> out;
      for (const QString& tid :
           QDir("/proc/self/task").entryList(QDir::Dirs | QDir::NoDotAndDotDot)) {
        QFile stat("/proc/self/task/" + tid + "/stat");
        if (!stat.open(QIODevice::ReadOnly)) continue;
        const QString text = QString::fromLatin1(stat.readAll());
        // Fields after the ")" that closes the command name: state is field 3, nice field 19.
        const QStringList fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
        out[tid.toLong()] = fields.value(16).toInt();
      }
      return out;
    };
    const int mainNice = getpriority(PRIO_PROCESS, 0);
    Engine engine(smallScene(), false, 7);
    QVERIFY(engine.waitFor([](const Snapshot& s) { return !s.diagnostics.values.empty(); }, 5s));
    const auto values = niceValues();
    int lowered = 0;
    for (const auto& [tid, nice] : values) lowered += nice >= std::min(19, mainNice + 7);
    QVERIFY(lowered >= 1);
    QCOMPARE(values.at(getpid()), mainNice);
  }

  // The field grid is sampled on request.
  void gridRequestProducesFieldGrid() {
    Engine engine(smallScene());
    GridRequest g;
    g.enabled = true;
    g.lo = {-3, -3};
    g.hi = {3, 3};
    g.resolution = 20;
    engine.post(command::SetGrid{g});
    engine.post(command::StepOnce{});
    QVERIFY(engine.waitFor([](const Snapshot& s) { return s.grid != nullptr; }, 5s));
    const auto grid = engine.latest()->grid;
    QCOMPARE(grid->points.rows(), Eigen::Index(400));
    QVERIFY(grid->velocity.allFinite());
    QVERIFY(grid->logP.allFinite() && grid->logQ.allFinite());
  }
};

QTEST_GUILESS_MAIN(TestEngine)
#include "tst_engine.moc"
