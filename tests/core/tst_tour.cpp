// Tours (issue 16): the schema (every shipped tour parses; malformed tours give one line naming
// the key path) and the schedule (which change applies at which step of the tour's clock).
#include <QDir>
#include <QtTest>
#include <fstream>

#include "base/input_error.h"
#include "scene/scene_json.h"
#include "tour/tour.h"
#include "tour/tour_schedule.h"

using namespace driftlab;

namespace {

const char* kScene =
    R"("scene": {"particles": 50, "target": {"name": "8gaussians", "samples": 60}})";

std::string tourText(const std::string& steps, const std::string& extra = "") {
  return std::string(R"({"title": "T", "caption": "C", )") + kScene + R"(, "steps": )" + steps +
         extra + "}";
}

QString tourError(const std::string& text) {
  try {
    parseTour(text);
  } catch (const InputError& e) {
    return QString::fromStdString(e.what());
  }
  return {};
}

QStringList shippedTours() {
  QDir dir(DRIFTLAB_SOURCE_DIR "/resources/tours");
  QStringList out;
  for (const QString& name : dir.entryList({"*.json"}, QDir::Files)) out << dir.filePath(name);
  return out;
}

}  // namespace

class TestTour : public QObject {
  Q_OBJECT

 private slots:
  void shippedToursParse() {
    const QStringList paths = shippedTours();
    QVERIFY2(paths.size() >= 3, "at least three tours ship");
    for (const QString& path : paths) {
      Tour tour;
      try {
        tour = loadTourFile(path.toStdString());
      } catch (const InputError& e) {
        QFAIL(qPrintable(path + ": " + e.what()));
      }
      QVERIFY(!tour.title.empty() && !tour.caption.empty());
      QVERIFY(tour.steps.size() >= 3);
      for (const TourStep& s : tour.steps) {
        QVERIFY(!s.caption.empty());
        QVERIFY(s.controls.has_value() || &s != &tour.steps.front());
      }
      // Every step is a complete state: its scene round-trips and carries the seed.
      for (const TourStep& s : tour.steps) QVERIFY(parseScene(sceneToJson(s.scene)) == s.scene);
      std::ifstream in(path.toStdString());
      std::string text((std::istreambuf_iterator<char>(in)), {});
      QVERIFY(isTourText(text));
    }
  }

  void changeMergesIntoThePreviousStep() {
    const Tour t = parseTour(tourText(R"([
      {"caption": "a"},
      {"caption": "b", "at_step": 5, "change": {"flow": {"bandwidth": 0.5}, "seed": 4}},
      {"caption": "c", "run_steps": 3, "change": {"flow": {"name": "laplace"}}},
      {"caption": "d", "run_steps": 2, "change": {"particles": 70}}])"));
    QCOMPARE(t.steps[1].scene.flowParams.number("bandwidth"), 0.5);
    QCOMPARE(t.steps[1].scene.seed, std::uint64_t(4));
    QCOMPARE(t.steps[1].scene.particles, std::int64_t(50));
    // A flow with another name replaces the object: laplace's default bandwidth, seed kept.
    QCOMPARE(t.steps[2].scene.flowName, std::string("laplace"));
    QCOMPARE(t.steps[2].scene.seed, std::uint64_t(4));
    QCOMPARE(t.steps[3].scene.particles, std::int64_t(70));
    QCOMPARE(t.steps[3].scene.flowName, std::string("laplace"));
    QVERIFY(!t.steps[0].hasChange && t.steps[1].hasChange);
    QCOMPARE(t.steps[3].scene.title, std::string("T"));
  }

  void scheduleAppliesChangesAtTheirSteps() {
    Tour t = parseTour(tourText(R"([
      {"caption": "a"},
      {"caption": "b", "at_step": 5},
      {"caption": "c", "run_steps": 3, "advance": "wait"},
      {"caption": "d", "at_step": 8},
      {"caption": "e", "run_steps": 10}])",
                                R"(, "end_step": 30)"));
    const TourSchedule s = scheduleTour(t);
    const std::vector<std::int64_t> applyAt{0, 5, 8, 8, 18};
    QCOMPARE(s.steps.size(), applyAt.size());
    for (std::size_t i = 0; i < applyAt.size(); ++i) QCOMPARE(s.steps[i].applyAt, applyAt[i]);
    QCOMPARE(s.steps[1].endAt, std::int64_t(8));
    QCOMPARE(s.steps[4].endAt, std::int64_t(30));
    QCOMPARE(s.endStep, std::int64_t(30));
    QVERIFY(s.steps[2].wait && !s.steps[1].wait);
    QCOMPARE(tourStepAt(s, 0), std::size_t(0));
    QCOMPARE(tourStepAt(s, 4), std::size_t(0));
    QCOMPARE(tourStepAt(s, 5), std::size_t(1));
    QCOMPARE(tourStepAt(s, 8), std::size_t(3));  // two steps at 8: the later one shows
    QCOMPARE(tourStepAt(s, 29), std::size_t(4));
    t.endStep.reset();
    QCOMPARE(scheduleTour(t).endStep, 18 + kDefaultLastStepLength);
  }

  void malformedToursName_data() {
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("prefix");
    auto row = [](const char* name, const std::string& json, const char* prefix) {
      QTest::newRow(name) << QString::fromStdString(json) << QString(prefix);
    };
    row("not json", "{", "tour: ");
    row("unknown key", tourText(R"([{"caption": "a"}])", R"(, "speed": 2)"), "speed: unknown key");
    row("no title", R"({"caption": "c", "scene": {}, "steps": [{"caption": "a"}]})", "title: ");
    row("empty steps", tourText("[]"), "steps: ");
    row("step unknown key", tourText(R"([{"caption": "a", "zoom": 2}])"), "steps[0].zoom: ");
    row("empty caption", tourText(R"([{"caption": ""}])"), "steps[0].caption: ");
    row("bad bandwidth", tourText(R"([{"caption": "a"}, {"caption": "b", "run_steps": 2,
                     "change": {"flow": {"bandwidth": -1}}}])"),
        "steps[1].change.flow.bandwidth: ");
    row("change key", tourText(R"([{"caption": "a", "change": {"layers": {}}}])"),
        "steps[0].change.layers: unknown key");
    row("scene and change", tourText(R"([{"caption": "a", "scene": {}, "change": {"seed": 2}}])"),
        "steps[0].change: ");
    row("timing missing", tourText(R"([{"caption": "a"}, {"caption": "b"}])"), "steps[1]: ");
    row("backwards",
        tourText(R"([{"caption": "a", "at_step": 9}, {"caption": "b", "at_step": 3}])"),
        "steps[1].at_step: ");
    row("both timings",
        tourText(R"([{"caption": "a"}, {"caption": "b", "at_step": 3, "run_steps": 2}])"),
        "steps[1].at_step: ");
    row("bad curve", tourText(R"([{"caption": "a", "curves": ["kl", "nope"]}])"),
        "steps[0].curves[1]: ");
    row("bad control", tourText(R"([{"caption": "a", "controls": ["knobs"]}])"),
        "steps[0].controls[0]: ");
    row("bad layer", tourText(R"([{"caption": "a", "layers": {"glow": true}}])"),
        "steps[0].layers.glow: ");
    row("bad camera", tourText(R"([{"caption": "a", "camera": {"position": [1]}}])"),
        "steps[0].camera.position");
    row("bad advance", tourText(R"([{"caption": "a", "advance": "later"}])"), "steps[0].advance: ");
    row("bad loop", tourText(R"([{"caption": "a"}])", R"(, "loop": "yes")"), "loop: ");
    row("end before last", tourText(R"([{"caption": "a", "at_step": 9}])", R"(, "end_step": 4)"),
        "end_step: ");
    row("bad opening scene",
        R"({"title": "T", "caption": "C", "scene": {"flow": {"name": "x"}},
            "steps": [{"caption": "a"}]})",
        "scene.flow.name: ");
    row("bad full scene",
        tourText(R"([{"caption": "a"}, {"caption": "b", "run_steps": 1, "scene": {"dim": 0}}])"),
        "steps[1].scene.dim: ");
    row("unresolvable", tourText(R"([{"caption": "a", "scene": "preset:default"}])"),
        "steps[0].scene: ");
  }

  void malformedToursName() {
    QFETCH(QString, json);
    QFETCH(QString, prefix);
    const QString e = tourError(json.toStdString());
    QVERIFY2(!e.isEmpty(), "parsed");
    QVERIFY2(e.startsWith(prefix), qPrintable(e));
    QVERIFY2(!e.contains('\n'), qPrintable(e));
    QVERIFY2(e.contains("allowed: ") || e.contains("unknown key"), qPrintable(e));
  }

  void scenesResolveFromPresetsAndPaths() {
    QTemporaryDir dir;
    QVERIFY(QDir(dir.path()).mkpath("tours") && QDir(dir.path()).mkpath("scenes"));
    auto write = [&](const QString& rel, const std::string& text) {
      std::ofstream(QDir(dir.path()).filePath(rel).toStdString()) << text;
    };
    write("scenes/tiny.json", R"({"particles": 30, "seed": 9})");
    write("tours/other.json", R"({"particles": 40})");
    write("tours/t.json", R"({"title": "T", "caption": "C", "scene": "preset:tiny", "steps": [
      {"caption": "a"}, {"caption": "b", "run_steps": 4, "scene": "other.json"}]})");
    const Tour t = loadTourFile(QDir(dir.path()).filePath("tours/t.json").toStdString());
    QCOMPARE(t.scene.particles, std::int64_t(30));
    QCOMPARE(t.scene.seed, std::uint64_t(9));
    QCOMPARE(t.steps[1].scene.particles, std::int64_t(40));
    QVERIFY(t.steps[1].replacesScene);
    write("tours/bad.json", R"({"title": "T", "caption": "C", "scene": "preset:../x",
      "steps": [{"caption": "a"}]})");
    try {
      loadTourFile(QDir(dir.path()).filePath("tours/bad.json").toStdString());
      QFAIL("parsed");
    } catch (const InputError& e) {
      QVERIFY2(QString(e.what()).startsWith("scene: "), e.what());
    }
  }

  void tourOrScene() {
    QVERIFY(isTourText(tourText(R"([{"caption": "a"}])")));
    QVERIFY(!isTourText(R"({"steps": 300})"));
    QVERIFY(!isTourText("{"));
  }
};

QTEST_GUILESS_MAIN(TestTour)
#include "tst_tour.moc"
