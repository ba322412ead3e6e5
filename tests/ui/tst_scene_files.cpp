// Scene management (issue 16 item 7): Open Recent, drag and drop, the title with its modified
// mark, saving whole or not at all, and a bad file that keeps the current state.
#include <QDropEvent>
#include <QMenu>
#include <QMimeData>

#include "gui_test_support.h"
#include "layer_stack.h"
#include "recent_scenes.h"
#include "scene/scene_json.h"
#include "tour_player.h"

using namespace driftlab;
using namespace driftlab::testing;

namespace {

QString writeFile(const QTemporaryDir& dir, const QString& name, const QString& text) {
  QFile f(dir.filePath(name));
  f.open(QIODevice::WriteOnly);
  f.write(text.toUtf8());
  return dir.filePath(name);
}

void drop(QWidget* target, const QString& path) {
  QMimeData mime;
  mime.setUrls({QUrl::fromLocalFile(path)});
  // Straight to the window's handlers: QApplication routes drag events only while a real
  // drag (a QDrag from the platform) is in progress.
  QObject* receiver = target;
  QDragEnterEvent enter(QPoint(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
  receiver->event(&enter);
  QVERIFY(enter.isAccepted());
  QDropEvent event(QPointF(10, 10), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
  receiver->event(&event);
}

}  // namespace

class TestSceneFiles : public QObject {
  Q_OBJECT
 private slots:
  void titleMarksEditsUntilSaved();
  void recentListKeepsTheLastTenNewestFirst();
  void droppedSceneOpensAndABadOneKeepsTheState();
};

void TestSceneFiles::titleMarksEditsUntilSaved() {
  auto w = openWindow(smallScene());
  QVERIFY(w);
  QTemporaryDir dir;
  const QString a = writeFile(dir, "a.json", R"({"particles": 300, "seed": 3})");
  QVERIFY(w->openScene(a));
  QCOMPARE(w->windowTitle(), QString("DriftLab - a.json[*]"));
  QVERIFY(!w->isWindowModified());
  w->layerStack()->setLayerEnabled("trails", !w->layerStack()->layer("trails")->isEnabled());
  QVERIFY(w->isWindowModified());
  const QString b = dir.filePath("b.json");
  QVERIFY(w->saveScene(b));
  QVERIFY(!w->isWindowModified());
  QCOMPARE(w->windowTitle(), QString("DriftLab - b.json[*]"));
  QFile saved(b);
  QVERIFY(saved.open(QIODevice::ReadOnly));
  QCOMPARE(parseScene(saved.readAll().toStdString()).seed, std::uint64_t(3));
  // A failed save leaves nothing behind and says so in one line.
  QVERIFY(!w->saveScene(dir.filePath("missing/c.json")));
  QVERIFY(!QFile::exists(dir.filePath("missing")));
  QVERIFY(w->statusMessage().startsWith("save:"));
}

void TestSceneFiles::recentListKeepsTheLastTenNewestFirst() {
  auto w = openWindow(smallScene());
  QVERIFY(w);
  QTemporaryDir dir;
  QStringList opened;
  for (int i = 0; i < 12; ++i) {
    const QString p = writeFile(dir, QString("s%1.json").arg(i), R"({"particles": 200})");
    QVERIFY(w->openScene(p));
    opened.prepend(QFileInfo(p).absoluteFilePath());
  }
  QVERIFY(w->openScene(dir.filePath("s5.json")));  // reopening moves it to the front
  opened.removeAll(QFileInfo(dir.filePath("s5.json")).absoluteFilePath());
  opened.prepend(QFileInfo(dir.filePath("s5.json")).absoluteFilePath());
  QCOMPARE(w->recentScenes()->paths(), opened.mid(0, ui::RecentScenes::kMaxEntries));
  // The menu's entries open them.
  auto* second = w->findChild<QAction*>("action.recent.1");
  QVERIFY(second);
  second->trigger();
  QCOMPARE(w->windowTitle(), QString("DriftLab - s11.json[*]"));
}

void TestSceneFiles::droppedSceneOpensAndABadOneKeepsTheState() {
  auto w = openWindow(smallScene());
  QVERIFY(w);
  QTemporaryDir dir;
  const QString good = writeFile(dir, "good.json", R"({"particles": 250, "seed": 11})");
  drop(w.get(), good);
  QCOMPARE(w->bridge()->scene().particles, std::int64_t(250));
  QCOMPARE(w->windowTitle(), QString("DriftLab - good.json[*]"));
  const SceneConfig before = w->bridge()->scene();
  const QString bad =
      writeFile(dir, "bad.json", R"({"particles": 250, "flow": {"bandwidth": -1}})");
  drop(w.get(), bad);
  QVERIFY(w->bridge()->scene() == before);
  QCOMPARE(w->windowTitle(), QString("DriftLab - good.json[*]"));
  const QString message = w->statusMessage();
  QVERIFY2(message.startsWith("flow.bandwidth") && !message.contains('\n'), qPrintable(message));
  // A dropped tour plays.
  const QString tour = writeFile(dir, "tour.json", R"({"title": "T", "caption": "C",
      "scene": {"particles": 200}, "steps": [{"caption": "one"}, {"caption": "two",
      "run_steps": 5, "change": {"flow": {"bandwidth": 0.3}}}]})");
  drop(w.get(), tour);
  QVERIFY(w->tourPlayer()->isActive());
  QCOMPARE(w->recentScenes()->paths().front(), QFileInfo(tour).absoluteFilePath());
  w->tourPlayer()->stop();
  QVERIFY(w->openScene(good));
  // A recent entry that went bad: the same message, and it leaves the list.
  QVERIFY(w->openScene(good));
  writeFile(dir, "good.json", "{ not json");
  w->findChild<QAction*>("action.recent.0")->trigger();
  QVERIFY(w->bridge()->scene() == before);
  QVERIFY(!w->recentScenes()->paths().contains(QFileInfo(good).absoluteFilePath()));
}

DRIFTLAB_GUI_TEST_MAIN(TestSceneFiles)
#include "tst_scene_files.moc"
