// The stationarity rule: window averages in simulated time, the stop at the first window whose
// average changed less than the tolerance, the maximum time, and the half-time value.
#include <QtTest>

#include <cmath>

#include "base/input_error.h"
#include "sweep/stationarity.h"

using namespace driftlab;

namespace {
/// Feeds r(t) at steps of dt until the monitor is done; returns the number of steps.
template <class F>
int feed(StationarityMonitor& m, double dt, F r) {
  int steps = 0;
  for (double t = 0; !m.done(); t += dt, ++steps) m.record(t, t + dt, r(t + dt));
  return steps;
}
}  // namespace

class TestStationarity : public QObject {
  Q_OBJECT

 private slots:
  // A constant is stationary at the end of the second window, and its averages are exact.
  void constantStopsAfterTwoWindows() {
    StationarityMonitor m({0.01, 0.5, 10.0});
    feed(m, 0.01, [](double) { return 3.0; });
    QVERIFY(m.converged());
    QVERIFY(std::abs(m.stopTime() - 1.0) < 0.011);
    QCOMPARE(m.stationaryValue(), 3.0);
    QCOMPARE(m.halfTimeValue(), 3.0);
  }

  // r = 1 + e^{-t}, W = 1: |A_k - A_{k-1}| = (1 - e^{-1})^2 e^{-(k-2)} is below 1e-3 A_k from
  // k = 8, but |A_k - H_k| = (1 - e^{-1}) e^{-(k/2 - 1)} (1 - e^{-(k/2)}) only from k = 15
  // (9.5e-4; at k = 14 it is 1.6e-3).
  void decayStopsWhereTheRuleSays() {
    StationarityMonitor m({1e-3, 1.0, 100.0});
    feed(m, 0.001, [](double t) { return 1.0 + std::exp(-t); });
    QVERIFY(m.converged());
    QVERIFY2(std::abs(m.stopTime() - 15.0) < 0.01, qPrintable(QString::number(m.stopTime())));
    // Average over [14, 15] of 1 + e^{-t} = 1 + e^{-14} (1 - e^{-1}), to the step's accuracy.
    QVERIFY(std::abs(m.stationaryValue() - (1 + std::exp(-14.0) * (1 - std::exp(-1.0)))) < 1e-6);
    // Half time 7.5: average over [6.5, 7.5]; 1e-4 covers the held values (error dt/2 |r'|)
    // and a stop up to one step past 15 (the window shifts by half of it).
    QVERIFY(std::abs(m.halfTimeValue() - (1 + std::exp(-6.5) * (1 - std::exp(-1.0)))) < 1e-4);
  }

  // r = 1/t: consecutive windows differ by about W/t relative, below 2% from t = 50; the
  // half-time test (A/H about 1/2) never passes, so the run ends unconverged at maxTime.
  void algebraicDecayIsNotStationary() {
    StationarityMonitor m({0.02, 1.0, 200.0});
    feed(m, 0.05, [](double t) { return 1.0 / t; });
    QVERIFY(!m.converged());
    QVERIFY(std::abs(m.stopTime() - 200.0) < 0.051);
    QVERIFY(std::abs(m.halfTimeValue() / m.stationaryValue() - 2.0) < 0.02);
  }

  // A residual that keeps falling like 1/t never meets a tight rule: stops at maxTime.
  void slowDecayHitsMaxTime() {
    StationarityMonitor m({1e-4, 1.0, 20.0});
    feed(m, 0.05, [](double t) { return 1.0 / t; });
    QVERIFY(!m.converged());
    QVERIFY(m.done());
    QVERIFY(std::abs(m.stopTime() - 20.0) < 0.051);
  }

  // Uneven steps are weighted by their length.
  void averageWeightsByTime() {
    StationarityMonitor m({0.01, 1.0, 10.0});
    m.record(0.0, 0.25, 4.0);
    m.record(0.25, 1.0, 0.0);
    QCOMPARE(m.average(0.0, 1.0), 1.0);
    QCOMPARE(m.average(0.0, 0.5), 2.0);
    QVERIFY(std::isnan(m.average(5.0, 6.0)));
  }

  void badRulesAreRejected() {
    QVERIFY_THROWS_EXCEPTION(InputError, StationarityMonitor({0.0, 1.0, 10.0}));
    QVERIFY_THROWS_EXCEPTION(InputError, StationarityMonitor({0.01, -1.0, 10.0}));
    QVERIFY_THROWS_EXCEPTION(InputError, StationarityMonitor({0.01, 1.0, 1.5}));
  }
};

QTEST_APPLESS_MAIN(TestStationarity)
#include "tst_stationarity.moc"
