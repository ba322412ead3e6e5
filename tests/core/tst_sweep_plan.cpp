// The job list: order flow, dim, N, h, seed; shards are disjoint and cover it; a job's scene
// gets its flow, dim (switching to the any-dim gaussian target), N, seed and bandwidth.
#include <QtTest>

#include <set>

#include "base/input_error.h"
#include "sweep/sweep_plan.h"

using namespace driftlab;

class TestSweepPlan : public QObject {
  Q_OBJECT

 private slots:
  void jobsAreOrderedFlowDimNHSeed() {
    const SceneConfig base = defaultScene();  // 8gaussians, 2D, conservative
    SweepAxes axes;
    axes.flows = {"conservative", "laplace"};
    axes.dims = {1, 3};
    axes.particles = {50, 100};
    axes.bandwidths = {0.2, 0.4};
    axes.seeds = 2;
    const auto jobs = planSweep(base, axes);
    QCOMPARE(jobs.size(), size_t(2 * 2 * 2 * 2 * 2));
    for (size_t k = 0; k < jobs.size(); ++k) QCOMPARE(jobs[k].index, int(k));
    QCOMPARE(jobs[1].seed, base.seed + 1);
    QCOMPARE(jobs[2].bandwidth, 0.4);
    QCOMPARE(jobs[4].particles, std::int64_t(100));
    QCOMPARE(jobs[8].dim, 3);
    QCOMPARE(jobs[16].flow, std::string("laplace"));
  }

  // Shards i/n for n = 3 partition the jobs (k mod n == i).
  void shardsPartitionThePlan() {
    SweepAxes axes;
    axes.particles = {50, 100, 200, 400};
    axes.seeds = 2;
    const auto jobs = planSweep(defaultScene(), axes);
    std::multiset<int> seen;
    for (int i = 0; i < 3; ++i)
      for (const auto& j : shardJobs(jobs, i, 3)) {
        QCOMPARE(j.index % 3, i);
        seen.insert(j.index);
      }
    QCOMPARE(seen.size(), jobs.size());
    QCOMPARE(std::set<int>(seen.begin(), seen.end()).size(), jobs.size());
  }

  // The 2D 8gaussians scene run in d = 5 uses the isotropic gaussian target; a fixed h sets
  // an absolute bandwidth and shrinks eta with (h / h_scene)^2; a new flow keeps the bandwidth.
  void jobScenes() {
    SceneConfig base = defaultScene();
    const SceneConfig s = sceneForJob(base, {3, "laplace", 5, 120, 0.05, 9}, 0.0, true);
    QCOMPARE(s.dim, 5);
    QCOMPARE(s.targetName, std::string("gaussian"));
    QCOMPARE(s.flowName, std::string("laplace"));
    QCOMPARE(s.particles, std::int64_t(120));
    QCOMPARE(s.samples, std::int64_t(120));
    QCOMPARE(s.seed, std::uint64_t(9));
    QCOMPARE(s.flowParams.number("bandwidth"), 0.05);
    QVERIFY(s.eta < base.eta);
    // h = c N^(-1/(d+4)) when the job has no h.
    const SceneConfig c = sceneForJob(base, {0, "conservative", 2, 64, 0.0, 1}, 0.6, false);
    QCOMPARE(c.flowParams.number("bandwidth"), 0.6 * std::pow(64.0, -1.0 / 6.0));
    QCOMPARE(c.samples, base.samples);
    QCOMPARE(c.targetName, base.targetName);
  }

  void badAxesAreRejected() {
    SweepAxes axes;
    axes.particles = {100};
    QVERIFY_THROWS_EXCEPTION(InputError, planSweep(defaultScene(), axes));  // nothing to compare
    axes.flows = {"conservative", "nope"};
    QVERIFY_THROWS_EXCEPTION(InputError, planSweep(defaultScene(), axes));
    axes.flows = {};
    axes.dims = {2, 9};
    QVERIFY_THROWS_EXCEPTION(InputError, planSweep(defaultScene(), axes));
    axes.dims = {};
    axes.bandwidths = {0.1, 0.2};  // one N, two h: a bandwidth sweep
    QCOMPARE(planSweep(defaultScene(), axes).size(), size_t(6));
  }
};

QTEST_APPLESS_MAIN(TestSweepPlan)
#include "tst_sweep_plan.moc"
