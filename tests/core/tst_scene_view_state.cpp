// `layers` and `camera` of a scene file (issue 14, case 10): validated like every other
// object; what the GUI writes (ui/LayerStack::layersJson, cameraJson) still loads.
#include <QtTest>

#include "scene_errors.h"

#include "base/input_error.h"
#include "scene/scene_json.h"
#include "scene/scene_view_state.h"

using namespace driftlab;

namespace {

// Exactly the keys and value types LayerStack writes.
const char* kGuiLayers =
    R"({"data":true,"particles":true,"arrows":false,"field":false,"heatmap":false,)"
    R"("contours":true,"trails":false,"isosurface":false,"slice":false,)"
    R"("particle_color":"speed","particle_size":5,"density":"p-q","trail_length":40,)"
    R"("draw_all":false})";
const char* kGuiCamera =
    R"({"position":[0.1,-0.2,12.5],"focal_point":[0.1,-0.2,0],"view_up":[0,1,0],)"
    R"("parallel_scale":3.25})";
}  // namespace

class TestSceneViewState : public QObject {
  Q_OBJECT

 private slots:
  void guiScenesLoadAndRoundTrip() {
    const std::string json =
        std::string("{\"layers\": ") + kGuiLayers + ", \"camera\": " + kGuiCamera + "}";
    const SceneConfig s = parseScene(json);
    QVERIFY(QString::fromStdString(s.layersJson).contains("\"contours\":true"));
    QVERIFY(QString::fromStdString(s.cameraJson).contains("parallel_scale"));
    QVERIFY(parseScene(sceneToJson(s)) == s);
    QVERIFY(parseScene(R"({"layers": {}, "camera": {}})") == parseScene("{}"));
    QVERIFY(parseScene(R"({"layers": {"particle_color": "initial", "density": "q"}})")
                .layersJson.find("initial") != std::string::npos);
  }

  void shippedPresetsLoad() {
    const QDir dir(QStringLiteral(DRIFTLAB_SOURCE_DIR "/resources/scenes"));
    const QStringList files = dir.entryList({"*.json"}, QDir::Files);
    QVERIFY(!files.isEmpty());
    for (const QString& f : files) {
      try {
        loadSceneFile(dir.filePath(f).toStdString());
      } catch (const InputError& e) {
        QFAIL(qPrintable(f + ": " + e.what()));
      }
    }
  }

  // Before: {"layers": {"bogus": 1}, "camera": {"zzz": "x"}} exited 0.
  void invalidViewStateIsRejected_data() {
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("prefix");
    QTest::addColumn<QString>("mentions");
    QTest::newRow("unknown layer") << R"({"layers": {"bogus": 1}})"
                                   << "layers.bogus: unknown key"
                                   << "allowed: data, particles,";
    QTest::newRow("unknown camera key") << R"({"camera": {"zzz": "x"}})"
                                        << "camera.zzz: unknown key"
                                        << "allowed: position, focal_point";
    QTest::newRow("layers not an object") << R"({"layers": [1]})"
                                          << "layers: expected a JSON object, got array [1]"
                                          << "allowed: an object with keys";
    QTest::newRow("layer flag") << R"({"layers": {"heatmap": "yes"}})"
                                << "layers.heatmap: expected true or false, got \"yes\""
                                << "allowed: true, false";
    QTest::newRow("colour") << R"({"layers": {"particle_color": "red"}})"
                            << "layers.particle_color: unknown value 'red'"
                            << "allowed: speed, initial";
    QTest::newRow("density") << R"({"layers": {"density": 1}})"
                             << "layers.density: expected a string, got 1"
                             << "allowed: p, q, p-q";
    QTest::newRow("size") << R"({"layers": {"particle_size": 0}})"
                          << "layers.particle_size: got 0"
                          << "allowed: numbers in [1, 40]";
    QTest::newRow("trail") << R"({"layers": {"trail_length": 2.5}})"
                           << "layers.trail_length: expected an integer, got 2.5"
                           << "allowed: integers from 2 to 500";
    QTest::newRow("camera vector") << R"({"camera": {"position": [1, 2]}})"
                                   << "camera.position: expected 3 numbers, got array [1,2]"
                                   << "allowed: an array of 3 finite numbers";
    QTest::newRow("camera element") << R"({"camera": {"view_up": [0, null, 1]}})"
                                    << "camera.view_up: expected a number, got null"
                                    << "allowed: an array of 3";
    QTest::newRow("camera scale") << R"({"camera": {"parallel_scale": -1}})"
                                  << "camera.parallel_scale: got -1"
                                  << "allowed: numbers in (0, 1e300]";
  }
  void invalidViewStateIsRejected() { test::verifySceneErrorRow(); }

  void layerIdsAreListed() {
    QCOMPARE(sceneLayerIds().size(), std::size_t(13));
    QVERIFY_THROWS_NO_EXCEPTION(validateLayersJson(nlohmann::json::parse(kGuiLayers)));
    QVERIFY_THROWS_NO_EXCEPTION(validateCameraJson(nlohmann::json::parse(kGuiCamera)));
  }
};

QTEST_APPLESS_MAIN(TestSceneViewState)
#include "tst_scene_view_state.moc"
