// Scene files: SPEC §7 format, defaults, validation messages, round trip.
#include <QtTest>

#include "scene_errors.h"

#include "base/input_error.h"
#include "scene/scene_json.h"

using namespace driftlab;

namespace {
using test::sceneError;
}  // namespace

class TestSceneJson : public QObject {
  Q_OBJECT

 private slots:
  void specExampleParses() {
    const SceneConfig s = parseScene(R"({
      "dim": 2, "target": {"name": "8gaussians", "samples": 4000},
      "init": {"name": "gaussian", "scale": 1.0}, "particles": 2000,
      "flow": {"name": "conservative", "bandwidth": 0.25, "normalisation": "separate"},
      "integrator": {"name": "euler", "eta": 0.05}, "backend": "auto", "seed": 1, "steps": 300})");
    QCOMPARE(s.particles, std::int64_t(2000));
    QCOMPARE(s.flowParams.number("bandwidth"), 0.25);
  }

  void missingKeysTakeDefaults() {
    const SceneConfig s = parseScene("{}");
    QVERIFY(s == defaultScene());
    QCOMPARE(s.targetName, std::string("8gaussians"));
  }

  void roundTrip() {
    SceneConfig s = parseScene(R"({"flow": {"name": "laplace", "normalisation": "joint"},
                                  "layers": {"data": true}, "seed": 7})");
    QVERIFY(parseScene(sceneToJson(s)) == s);
  }

  // Each error is one line naming the field and what is allowed.
  void errorsNameTheField_data() {
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("malformed") << "{\"dim\": 2,"
                               << "scene: malformed JSON"
                               << "allowed";
    QTest::newRow("unknown top key") << "{\"particle\": 5}"
                                     << "particle: unknown key"
                                     << "particles";
    QTest::newRow("unknown flow") << R"({"flow": {"name": "magic"}})"
                                  << "flow.name: unknown flow 'magic'"
                                  << "conservative";
    QTest::newRow("bandwidth zero") << R"({"flow": {"bandwidth": 0}})"
                                    << "flow.bandwidth: got 0"
                                    << "[0.0001, 1e+06]";
    QTest::newRow("bandwidth negative") << R"({"flow": {"name": "laplace", "bandwidth": -1}})"
                                        << "flow.bandwidth: got -1"
                                        << "[0.0001, 1e+06]";
    QTest::newRow("negative N") << R"({"particles": -5})"
                                << "particles: got -5"
                                << "from 1";
    QTest::newRow("huge N") << R"({"particles": 900000000000})"
                            << "particles: got 900000000000"
                            << "memory";
    QTest::newRow("string N") << R"({"particles": "many"})"
                              << "particles: expected an integer, got \"many\""
                              << "; allowed: integers from 1 to ";
    QTest::newRow("bad normalisation") << R"({"flow": {"name": "laplace", "normalisation": "x"}})"
                                       << "flow.normalisation: unknown value 'x'"
                                       << "joint";
    QTest::newRow("3d target in 2d") << R"({"target": {"name": "torus"}})"
                                     << "target.name: 'torus' is 3D"
                                     << "8gaussians";
    QTest::newRow("eta") << R"({"integrator": {"eta": 0}})"
                         << "integrator.eta"
                         << "(0";
    QTest::newRow("backend") << R"({"backend": "gpu"})"
                             << "backend: unknown backend"
                             << "direct";
    QTest::newRow("dim") << R"({"dim": 9})"
                         << "dim: got 9"
                         << "1 to 8";
  }
  void errorsNameTheField() { test::verifySceneErrorRow(); }

  // Issue 14, case 9: messages that said the wrong thing.
  void messagesSayWhatWasGiven_data() {
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("dim beyond int") << R"({"dim": 4294967298})"
                                    << "dim: got 4294967298"
                                    << "allowed: integers from 1 to 8";
    QTest::newRow("N beyond int64") << R"({"particles": 18446744073709551615})"
                                    << "particles: got 18446744073709551615"
                                    << "allowed: integers from 1 to ";
    QTest::newRow("N as huge float") << R"({"particles": 1e30})"
                                     << "particles: got 1e+30"
                                     << "allowed: integers from 1 to ";
    QTest::newRow("array for a choice")
        << R"({"flow": {"name": "laplace", "normalisation": [null]}})"
        << "flow.normalisation: expected a string, got array [null]"
        << "allowed: separate, joint, none";
    QTest::newRow("string for a number") << R"({"flow": {"bandwidth": "big"}})"
                                         << "flow.bandwidth: expected a number, got \"big\""
                                         << "allowed: numbers in";
    QTest::newRow("object for a flag") << R"({"flow": {"drift_units": {}}})"
                                       << "flow.drift_units: expected true or false"
                                       << "allowed: true, false";
    QTest::newRow("null in a vector") << R"({"init": {"center": [0, null]}})"
                                      << "init.center[1]: expected a number, got null"
                                      << "allowed: an array of numbers";
    QTest::newRow("name not a string") << R"({"flow": {"name": 3}})"
                                       << "flow.name: expected a string, got 3"
                                       << "allowed: conservative";
    QTest::newRow("target not an object") << R"({"target": "moons"})"
                                          << "target: expected a JSON object, got \"moons\""
                                          << "allowed: an object with keys";
    QTest::newRow("backend type") << R"({"backend": true})"
                                  << "backend: expected a string, got true"
                                  << "allowed: ";
    QTest::newRow("eta type") << R"({"integrator": {"eta": "fast"}})"
                              << "integrator.eta: expected a number"
                              << "allowed: numbers in (0, 1e6]";
    QTest::newRow("seed negative") << R"({"seed": -1})"
                                   << "seed: got -1"
                                   << "allowed: integers from 0 to 18446744073709551615";
    QTest::newRow("steps fraction") << R"({"steps": 2.5})"
                                    << "steps: got 2.5, not an integer"
                                    << "allowed: integers from 0 to";
    QTest::newRow("unknown flow key") << R"({"flow": {"bandwith": 1}})"
                                      << "flow.bandwith: unknown key"
                                      << "allowed: name, bandwidth";
  }
  void messagesSayWhatWasGiven() { test::verifySceneErrorRow(); }

  // Unreadable or unbounded scene files fail fast with one line.
  void sceneFilesAreReadWithinBounds() {
    try {
      loadSceneFile("/dev/zero");
      QFAIL("no error");
    } catch (const InputError& e) {
      QVERIFY2(QString(e.what()).startsWith("scene: document of"), e.what());
    }
    try {
      loadSceneFile("/");
      QFAIL("no error");
    } catch (const InputError& e) {
      QVERIFY2(QString(e.what()).startsWith("scene: "), e.what());
    }
  }

  // The largest seed is accepted (seeds are unsigned 64-bit).
  void largestSeedIsAccepted() {
    QCOMPARE(parseScene(R"({"seed": 18446744073709551615})").seed,
             std::uint64_t(18446744073709551615ull));
  }

  // The largest particle count an error advertises is accepted (it was "allowed: integers
  // from 1 to 0" for the samples).
  void advertisedMaximumIsAccepted() {
    const QString e = sceneError(R"({"particles": 900000000000000})");
    const int at = e.lastIndexOf(" to ");
    QVERIFY2(at > 0, qPrintable(e));
    const QString max = e.mid(at + 4);
    SceneConfig s;
    QVERIFY_THROWS_NO_EXCEPTION(
        s = parseScene(
            ("{\"particles\": " + max + ", \"target\": {\"samples\": 1}}").toStdString()));
    QCOMPARE(QString::number(s.particles), max);
    const QString more =
        sceneError(("{\"particles\": " + max + ", \"target\": {\"samples\": 2}}").toStdString());
    QVERIFY2(more.startsWith("target.samples: got 2") && more.endsWith("integers from 1 to 1"),
             qPrintable(more));
  }

  // Issue 14, case 5: parameters whose diagnostics leave double range are refused with the
  // allowed range (they ran with exit 0 and wrote nan / inf before).
  void parametersWithNonFiniteDiagnosticsAreRefused_data() {
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("tiny h, drift units")
        << R"({"flow": {"bandwidth": 1e-200, "drift_units": true}})"
        << "flow.bandwidth: got 1e-200"
        << "allowed: numbers in [0.0001, 1e+06]";
    QTest::newRow("tiny h") << R"({"flow": {"bandwidth": 1e-12}})"
                            << "flow.bandwidth: got 1e-12"
                            << "allowed: numbers in [0.0001, 1e+06]";
    QTest::newRow("tiny tau") << R"({"flow": {"name": "laplace", "bandwidth": 1e-9}})"
                              << "flow.bandwidth: got 1e-09"
                              << "[0.0001,";
    QTest::newRow("far centre") << R"({"init": {"center": [1e300]}})"
                                << "init.center[0]: got 1e+300"
                                << "allowed: an array of numbers in [-1e+06, 1e+06]";
    QTest::newRow("far offset") << R"({"init": {"name": "far", "offset": [0, -1e7]}})"
                                << "init.offset[1]: got -1e+07"
                                << "[-1e+06, 1e+06]";
  }
  void parametersWithNonFiniteDiagnosticsAreRefused() {
    test::verifySceneErrorRow();
    QVERIFY_THROWS_NO_EXCEPTION(parseScene(R"({"flow": {"bandwidth": 0.0001}})"));
  }
};

QTEST_APPLESS_MAIN(TestSceneJson)
#include "tst_scene_json.moc"
