// The window's recording (issue 15): File > Record... records offline from the scene as it is
// (frames on disk, "Open folder" shown, the window's own run untouched), Cancel midway leaves
// nothing, the live toggle records what the view shows at the chosen rate, the dialog offers
// the ffmpeg formats only when the program is there, and the settings are saved in the scene.
#include <QComboBox>
#include <QDir>
#include <QProgressDialog>
#include <QPushButton>
#include <QStandardItemModel>
#include <QTimer>

#include "gui_test_support.h"
#include "recording/live_recorder.h"
#include "recording/record_controller.h"
#include "recording/record_dialog.h"
#include "scene/bounded_json.h"
#include "scene/scene_json.h"

using namespace driftlab;
using namespace driftlab::testing;

namespace {

RecordSettings pngSettings(std::int64_t steps) {
  RecordSettings s;
  s.format = "png";
  s.width = 240;
  s.height = 136;
  s.steps = steps;
  s.caption = true;
  return s;
}

QStringList entries(const QString& dir) {
  return QDir(dir).entryList(QDir::AllEntries | QDir::NoDotAndDotDot);
}

}  // namespace

class TestRecordController : public QObject {
  Q_OBJECT
 private slots:
  void offlineRecordingWritesFramesAndLeavesTheWindowsRunAlone();
  void cancelMidwayLeavesNothing();
  void liveRecordingFollowsTheView();
  void dialogDisablesFfmpegFormatsWithoutTheProgram();
};

void TestRecordController::offlineRecordingWritesFramesAndLeavesTheWindowsRunAlone() {
  auto window = openWindow(smallScene());
  QVERIFY(window);
  ui::EngineBridge* bridge = window->bridge();
  bridge->stepOnce();
  QVERIFY(waitForSnapshot(
      bridge, [](const Snapshot& s) { return s.step == 1; }, 10000));
  const auto before = bridge->engine().latest();

  QTemporaryDir dir;
  const QString target = dir.filePath("frames");
  RecordSettings settings = pngSettings(6);
  settings.curves = "below";
  QVERIFY(window->recorder()->recordOffline(settings, target));
  QCOMPARE(entries(target).size(), 7);  // steps 0..6
  QCOMPARE(QImage(target + "/frame_000006.png").size(), QSize(240, 136));
  QCOMPARE(entries(dir.path()), QStringList{"frames"});
  QVERIFY(window->statusMessage().contains(target));
  auto* open = window->findChild<QPushButton*>("status.open_folder");
  QVERIFY(open && open->isVisible());
  QCOMPARE(window->recorder()->lastFolder(), QFileInfo(target).absoluteFilePath());

  // The recording ran its own engine: the window's run is where it was, bit for bit.
  const auto after = bridge->engine().latest();
  QCOMPARE(after->step, before->step);
  QVERIFY(*after->particles == *before->particles);

  // The settings go into the saved scene's `record` object.
  const SceneConfig saved = parseScene(sceneToJson(window->sceneForSaving()));
  const RecordSettings back = parseRecordJson(parseBoundedJson(saved.recordJson));
  QCOMPARE(back.format, std::string("png"));
  QCOMPARE(back.curves, std::string("below"));
  QCOMPARE(back.steps, std::int64_t(6));
}

void TestRecordController::cancelMidwayLeavesNothing() {
  auto window = openWindow(smallScene(2000, 2000));
  QVERIFY(window);
  QTemporaryDir dir;
  int framesAtCancel = -1;
  QTimer poke;
  poke.setInterval(20);
  connect(&poke, &QTimer::timeout, [&] {
    auto* progress = window->findChild<QProgressDialog*>("record.progress");
    if (progress && progress->value() >= 50 && framesAtCancel < 0) {  // 5% of 1000
      framesAtCancel = progress->value();
      progress->cancel();
    }
  });
  poke.start();
  const bool written = window->recorder()->recordOffline(pngSettings(400), dir.filePath("f"));
  poke.stop();
  QVERIFY2(framesAtCancel > 0, "the progress dialog never showed progress");
  QVERIFY(!written);
  QCOMPARE(entries(dir.path()), QStringList());
  QVERIFY(window->statusMessage().contains("cancelled"));
}

void TestRecordController::liveRecordingFollowsTheView() {
  auto window = openWindow(smallScene());
  QVERIFY(window);
  QTemporaryDir dir;
  QVERIFY(QDir::setCurrent(dir.path()));  // live recordings go beside the last target, or here
  ui::RecordController* recorder = window->recorder();
  RecordSettings settings = pngSettings(-1);
  settings.fps = 10;
  QVERIFY(recorder->recordOffline(settings, dir.filePath("first")));  // sets the settings
  QDir(dir.filePath("first")).removeRecursively();
  QAction* live = window->action("action.record_live");
  QVERIFY(live && live->isCheckable());
  QElapsedTimer watched;
  watched.start();
  live->trigger();
  QVERIFY(recorder->isLive());
  QVERIFY(live->isChecked());
  window->bridge()->play();
  QTest::qWait(1500);
  live->trigger();
  const qint64 elapsedMs = watched.elapsed();
  window->bridge()->pause();
  QVERIFY(!recorder->isLive());
  QVERIFY(!live->isChecked());
  const QStringList made = entries(dir.path());
  QCOMPARE(made.size(), 1);
  const QString folder = dir.filePath(made[0]);
  const QStringList frames = QDir(folder).entryList(QDir::Files);
  // 10 frames/s for as long as it recorded: missed ticks are filled with repeats, so the count
  // follows wall time (within the tick that may or may not land before the stop).
  const qint64 expected = elapsedMs * 10 / 1000 + 1;
  QVERIFY2(std::abs(frames.size() - expected) <= 2,
           qPrintable(QString("%1 frames in %2 ms").arg(frames.size()).arg(elapsedMs)));
  const QImage first(folder + "/" + frames.first()), last(folder + "/" + frames.last());
  QCOMPARE(first.size(), last.size());
  const double ratio = window->view()->devicePixelRatioF();
  QCOMPARE(first.width(), int(window->view()->width() * ratio) / 2 * 2);
  QVERIFY2(first != last, "the particles moved while playing, so the frames must differ");
  QVERIFY(window->statusMessage().contains(folder));
  QDir::setCurrent(QDir::tempPath());
}

void TestRecordController::dialogDisablesFfmpegFormatsWithoutTheProgram() {
  qputenv("DRIFTLAB_FFMPEG", "/nonexistent/ffmpeg");
  RecordSettings settings;  // mp4 by default
  ui::RecordDialog dialog(settings, "/tmp/clip.mp4", QSize(800, 600), 300);
  auto* format = dialog.findChild<QComboBox*>("record.format");
  QVERIFY(format);
  auto* model = qobject_cast<QStandardItemModel*>(format->model());
  for (int i = 0; i < format->count(); ++i) {
    const QString id = format->itemData(i).toString();
    const bool needsFfmpeg = id == "mp4" || id == "webm" || id == "gif";
    QCOMPARE(model->item(i)->isEnabled(), !needsFfmpeg);
    if (needsFfmpeg) QVERIFY(model->item(i)->toolTip().contains("Debian package ffmpeg"));
  }
  QCOMPARE(dialog.settings().format, std::string("ogv"));  // the default falls back
  QCOMPARE(dialog.target(), QString("/tmp/clip.ogv"));
  qunsetenv("DRIFTLAB_FFMPEG");
  ui::RecordDialog withFfmpeg(settings, "/tmp/clip.mp4", QSize(800, 600), 300);
  QCOMPARE(withFfmpeg.settings().format, std::string("mp4"));
  QCOMPARE(withFfmpeg.settings().steps, std::int64_t(300));
}

DRIFTLAB_GUI_TEST_MAIN(TestRecordController)
#include "tst_record_controller.moc"
