// The scene reader's JSON layer (issue 14, cases 2-4): nesting depth and string length are
// bounded, numbers outside double range name their key, echoed text stays on one line.
#include <QtTest>

#include "scene_errors.h"

#include "base/input_error.h"
#include "scene/bounded_json.h"
#include "scene/scene_json.h"

using namespace driftlab;

namespace {

using test::sceneError;

std::string nested(int levels, const std::string& open = "[", const std::string& close = "]") {
  std::string s;
  s.reserve(levels * (open.size() + close.size()));
  for (int i = 0; i < levels; ++i) s += open;
  for (int i = 0; i < levels; ++i) s += close;
  return s;
}

}  // namespace

class TestBoundedJson : public QObject {
  Q_OBJECT

 private slots:
  // 70,000 levels crashed the old reader (recursive dump() in the error message and in the
  // layers copy). Now: one InputError naming where, at every place of the issue.
  void deepNestingIsAnInputError_data() {
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("field");
    const std::string deep = nested(70000);
    QTest::newRow("dim") << QString::fromStdString("{\"dim\": " + deep + "}") << "dim[0]";
    QTest::newRow("bandwidth") << QString::fromStdString("{\"flow\": {\"bandwidth\": " + deep +
                                                         "}}")
                               << "flow.bandwidth[0]";
    QTest::newRow("init.center") << QString::fromStdString("{\"init\": {\"center\": " + deep + "}}")
                                 << "init.center[0]";
    QTest::newRow("unknown key") << QString::fromStdString("{\"zzz\": " + deep + "}") << "zzz[0]";
    QTest::newRow("layers") << QString::fromStdString("{\"layers\": {\"data\": " + deep + "}}")
                            << "layers.data[0]";
    QTest::newRow("camera objects")
        << QString::fromStdString("{\"camera\": " + nested(70000, "{\"a\":", "}") + "}")
        << "camera.a.a";
  }
  void deepNestingIsAnInputError() {
    QFETCH(QString, json);
    QFETCH(QString, field);
    const QString e = sceneError(json.toStdString());
    QVERIFY2(e.startsWith(field), qPrintable(e.left(200)));
    QVERIFY2(e.contains("nested deeper than 32 levels; allowed: at most 32"), qPrintable(e));
    QVERIFY(e.size() < 400);
  }

  // Depth 32 is fine for the parser itself (the scene check then rejects the type).
  void depthAtTheBoundParses() {
    QVERIFY(parseBoundedJson(nested(32)).is_array());
    QVERIFY_THROWS_EXCEPTION(InputError, parseBoundedJson(nested(33)));
  }

  void longStringsAreRefused() {
    const std::string name(5000, 'x');
    const QString e = sceneError("{\"flow\": {\"name\": \"" + name + "\"}}");
    QVERIFY2(e.startsWith("flow.name: string of 5000 bytes; allowed: strings of at most 4096"),
             qPrintable(e));
    const QString k = sceneError("{\"" + name + "\": 1}");
    QVERIFY2(k.contains("key of 5000 bytes"), qPrintable(k));
    QVERIFY(k.size() < 300);
  }

  // 1e400 used to escape as the JSON library's out_of_range (exit 1, no key).
  void numbersOutsideDoubleRangeNameTheKey_data() {
    QTest::addColumn<QString>("json");
    QTest::addColumn<QString>("prefix");
    QTest::newRow("bandwidth") << R"({"flow": {"bandwidth": 1e400}})"
                               << "flow.bandwidth: number 1e400 is outside double range";
    QTest::newRow("negative") << R"({"integrator": {"eta": -1e999}})"
                              << "integrator.eta: number -1e999 is outside double range";
    QTest::newRow("array element") << R"({"init": {"center": [0, 1e400]}})"
                                   << "init.center[1]: number 1e400";
    QTest::newRow("camera") << R"({"camera": {"position": [1e400, 0, 0]}})"
                            << "camera.position[0]: number 1e400";
    QTest::newRow("top level") << "1e400"
                               << "scene: number 1e400";
  }
  void numbersOutsideDoubleRangeNameTheKey() {
    QFETCH(QString, json);
    QFETCH(QString, prefix);
    const QString e = sceneError(json.toStdString());
    QVERIFY2(e.startsWith(prefix), qPrintable(e));
    QVERIFY2(e.contains("; allowed: finite numbers"), qPrintable(e));
  }

  // A newline in echoed text made a two-line error; every control character is escaped.
  void controlCharactersAreEscaped() {
    const QString e = sceneError("{\"target\": {\"name\": \"8gaussians\\nx\"}}");
    QVERIFY2(e.startsWith("target.name: unknown target '8gaussians\\nx'"), qPrintable(e));
    QVERIFY(!e.contains('\n'));
    const QString k = sceneError("{\"a\\u001b[2Jb\\t\": 1}");
    QVERIFY2(k.startsWith("a\\x1b[2Jb\\t: unknown key"), qPrintable(k));
    for (const QChar c : k) QVERIFY(c.unicode() >= 0x20 && c.unicode() != 0x7f);
    QCOMPARE(QString::fromStdString(escapeControlCharacters(std::string("a\rb\x7f", 4))),
             QString("a\\rb\\x7f"));
  }

  void malformedJsonSaysWhere() {
    const QString e = sceneError("{\"dim\": 2,");
    QVERIFY2(e.startsWith("scene: malformed JSON at byte"), qPrintable(e));
    QVERIFY(e.contains("; allowed: "));
  }

  void briefJsonIsShort() {
    const auto big = nlohmann::json(std::vector<int>(10000, 7));
    const std::string b = briefJson(big);
    QVERIFY(b.rfind("array [7,7,", 0) == 0);
    QVERIFY(b.size() < 80);
  }
};

QTEST_APPLESS_MAIN(TestBoundedJson)
#include "tst_bounded_json.moc"
