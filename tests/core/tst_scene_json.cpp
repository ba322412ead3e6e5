// Scene files: SPEC §7 format, defaults, validation messages, round trip.
#include <QtTest>

#include "base/input_error.h"
#include "scene/scene_json.h"

using namespace driftlab;

namespace {
QString errorOf(const std::string& json) {
  try {
    parseScene(json);
  } catch (const InputError& e) {
    return QString::fromStdString(e.what());
  }
  return {};
}
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
                                    << "(0,";
    QTest::newRow("bandwidth negative") << R"({"flow": {"name": "laplace", "bandwidth": -1}})"
                                        << "flow.bandwidth: got -1"
                                        << "(0,";
    QTest::newRow("negative N") << R"({"particles": -5})"
                                << "particles: got -5"
                                << "from 1";
    QTest::newRow("huge N") << R"({"particles": 900000000000})"
                            << "particles: got 900000000000"
                            << "memory";
    QTest::newRow("string N") << R"({"particles": "many"})"
                              << "particles: expected an integer"
                              << "";
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
  void errorsNameTheField() {
    QFETCH(QString, json);
    QFETCH(QString, prefix);
    QFETCH(QString, mentions);
    const QString e = errorOf(json.toStdString());
    QVERIFY2(e.startsWith(prefix), qPrintable(e));
    QVERIFY2(e.contains(mentions), qPrintable(e));
    QVERIFY(!e.contains('\n'));
  }
};

QTEST_APPLESS_MAIN(TestSceneJson)
#include "tst_scene_json.moc"
