// The scene's `record` object (core/scene/record_settings): round trip, one-line errors naming
// record.<key>, and the frame arithmetic the recorder and the dialog share.
#include <QtTest>

#include "scene/bounded_json.h"
#include "scene/record_settings.h"
#include "scene/scene_json.h"
#include "scene_errors.h"

using namespace driftlab;

class TestRecordSettings : public QObject {
  Q_OBJECT
 private slots:
  void roundTripsThroughTheScene();
  void badValuesNameTheKey_data();
  void badValuesNameTheKey() { test::verifySceneErrorRow(); }
  void framesFollowStepsOrSeconds();
};

void TestRecordSettings::roundTripsThroughTheScene() {
  const SceneConfig s = parseScene(
      R"({"record": {"format": "gif", "size": [640, 360], "fps": 15, "steps_per_frame": 5,
          "curves": "below", "caption": true, "title": "Drifting", "end_card": true}})");
  const RecordSettings r = parseRecordJson(parseBoundedJson(s.recordJson));
  QCOMPARE(r.format, std::string("gif"));
  QCOMPARE(r.width, 640);
  QCOMPARE(r.height, 360);
  QCOMPARE(r.fps, 15.0);
  QCOMPARE(r.stepsPerFrame, std::int64_t(5));
  QCOMPARE(r.curves, std::string("below"));
  QVERIFY(r.caption && r.endCard && !r.progress);
  QCOMPARE(r.title, std::string("Drifting"));
  QVERIFY(parseScene(sceneToJson(s)) == s);
  QCOMPARE(defaultScene().recordJson, std::string("{}"));  // absent stays absent
  QVERIFY(sceneToJson(defaultScene()).find("record") == std::string::npos);
}

void TestRecordSettings::badValuesNameTheKey_data() {
  QTest::addColumn<QString>("json");
  QTest::addColumn<QString>("prefix");
  QTest::addColumn<QString>("mentions");
  QTest::newRow("unknown key") << R"({"record": {"fsp": 30}})"
                               << "record.fsp"
                               << "fps";
  QTest::newRow("format") << R"({"record": {"format": "avi"}})"
                          << "record.format"
                          << "webm";
  QTest::newRow("odd size") << R"({"record": {"size": [641, 360]}})"
                            << "record.size"
                            << "even";
  QTest::newRow("odd size png ok, tiny not") << R"({"record": {"format": "png", "size": [8, 8]}})"
                                             << "record.size"
                                             << "16";
  QTest::newRow("size shape") << R"({"record": {"size": 640}})"
                              << "record.size"
                              << "width";
  QTest::newRow("fps") << R"({"record": {"fps": 0}})"
                       << "record.fps"
                       << "(0, 240]";
  QTest::newRow("fps type") << R"({"record": {"fps": "30"}})"
                            << "record.fps"
                            << "number";
  QTest::newRow("steps per frame") << R"({"record": {"steps_per_frame": 0}})"
                                   << "record.steps_per_frame"
                                   << "1 to";
  QTest::newRow("curves") << R"({"record": {"curves": "left"}})"
                          << "record.curves"
                          << "below";
  QTest::newRow("caption type") << R"({"record": {"caption": 1}})"
                                << "record.caption"
                                << "true, false";
  QTest::newRow("card") << R"({"record": {"card_seconds": 0}})"
                        << "record.card_seconds"
                        << "(0, 60]";
  QTest::newRow("not an object") << R"({"record": [1]})"
                                 << "record"
                                 << "";
}

void TestRecordSettings::framesFollowStepsOrSeconds() {
  RecordSettings s;
  s.stepsPerFrame = 4;
  QCOMPARE(recordedSteps(s, 30), std::int64_t(28));  // whole frames only
  QCOMPARE(runFrames(s, 30), std::int64_t(8));       // steps 0, 4, ..., 28
  s.steps = 8;
  QCOMPARE(runFrames(s, 30), std::int64_t(3));
  s.seconds = 2.0;
  s.fps = 10;
  QCOMPARE(runFrames(s, 30), std::int64_t(20));  // seconds win over steps
  QCOMPARE(recordedSteps(s, 30), std::int64_t(76));
  s.title = "T";
  s.endCard = true;
  s.cardSeconds = 1.5;
  QCOMPARE(cardFrames(s), std::int64_t(15));
  QCOMPARE(totalFrames(s, 30), std::int64_t(50));
}

QTEST_GUILESS_MAIN(TestRecordSettings)
#include "tst_record_settings.moc"
