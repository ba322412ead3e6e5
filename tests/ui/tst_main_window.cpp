// MainWindow: shortcuts (help overlay lists them all), layer toggles from actions and the
// Display tab, live curves with CSV export, scene save/open with layers and camera.
#include <QAction>
#include <QCheckBox>
#include <QFile>
#include <QSettings>
#include <QTemporaryDir>

#include "curves_panel.h"
#include "gui_test_support.h"
#include "help_overlay.h"
#include "layer_stack.h"
#include "registry/registry.h"
#include "scene/scene_json.h"

using namespace driftlab;
using driftlab::testing::openWindow;
using driftlab::testing::smallScene;
using driftlab::testing::waitForSnapshot;

class TestMainWindow : public QObject {
  Q_OBJECT

 private slots:
  void helpOverlayListsEveryShortcut() {
    auto w = openWindow(smallScene());
    QVERIFY(w);
    QVERIFY(!w->helpOverlay()->isVisible());
    QTest::keyClick(w->view(), Qt::Key_F1);
    QTRY_VERIFY(w->helpOverlay()->isVisible());
    const QString text = w->helpOverlay()->lines().join('\n');
    for (const char* key : {"Space", "Right", "Left", "R", "F1"})
      QVERIFY2(text.contains(QString(key) + "\t"), key);
    for (const auto& layer : w->layerStack()->layers())
      QVERIFY2(text.contains(layer->shortcut().toString(QKeySequence::NativeText) + "\t" +
                             layer->title()),
               qPrintable(layer->id()));
    QTest::keyClick(w->helpOverlay(), Qt::Key_Escape);
    QTRY_VERIFY(!w->helpOverlay()->isVisible());
  }

  void keyboardDrivesTheSimulation() {
    auto w = openWindow(smallScene(300, 300));
    QVERIFY(w);
    w->view()->setFocus();
    QTest::keyClick(w->view(), Qt::Key_Right);
    QVERIFY(waitForSnapshot(
        w->bridge(), [](const Snapshot& s) { return s.step == 1; }, 10000));
    QTest::keyClick(w->view(), Qt::Key_Space);
    QVERIFY(waitForSnapshot(
        w->bridge(), [](const Snapshot& s) { return s.step >= 4; }, 20000));
    QTest::keyClick(w->view(), Qt::Key_Space);
    QVERIFY(waitForSnapshot(
        w->bridge(), [](const Snapshot& s) { return !s.running; }, 10000));
    // Left steps back through the history ring; the curves rewind with it.
    const std::int64_t at = w->bridge()->engine().latest()->step;
    QTest::keyClick(w->view(), Qt::Key_Left);
    QVERIFY(waitForSnapshot(
        w->bridge(), [&](const Snapshot& s) { return s.step == at - 1; }, 10000));
    QTRY_COMPARE(w->curves()->history().rows().back().step, at - 1);
    QTest::keyClick(w->view(), Qt::Key_R);
    QVERIFY(waitForSnapshot(
        w->bridge(), [](const Snapshot& s) { return s.step == 0; }, 10000));
  }

  void layerShortcutsToggleLayersAndTheirCheckBoxes() {
    auto w = openWindow(smallScene());
    QVERIFY(w);
    ui::Layer* heatmap = w->layerStack()->layer("heatmap");
    QVERIFY(heatmap && !heatmap->isEnabled());
    auto* box = w->findChild<QCheckBox*>("layer.heatmap");
    QVERIFY(box && !box->isChecked());
    QTest::keyClick(w->view(), Qt::Key_H);
    QVERIFY(heatmap->isEnabled());
    QVERIFY(box->isChecked());
    QVERIFY(w->action("action.layer.heatmap")->isChecked());
    // The heatmap needs the display grid: the engine starts sampling it.
    w->bridge()->stepOnce();
    QVERIFY(waitForSnapshot(
        w->bridge(), [](const Snapshot& s) { return s.grid != nullptr; }, 10000));
    box->click();
    QVERIFY(!heatmap->isEnabled());
    QVERIFY(!w->action("action.layer.heatmap")->isChecked());
    QVERIFY(!w->layerStack()->gridWanted());
  }

  void curvesCollectDiagnosticsAndExportCsv() {
    auto w = openWindow(smallScene(300, 300));
    QVERIFY(w);
    for (int i = 0; i < 5; ++i) w->bridge()->stepOnce();
    QVERIFY(waitForSnapshot(
        w->bridge(), [](const Snapshot& s) { return s.step == 5; }, 10000));
    QTRY_VERIFY(w->curves()->history().size() == 6);  // steps 0..5
    w->curves()->redraw();
    QVERIFY(w->curves()->shownIds().contains("residual"));
    QTemporaryDir dir;
    const QString path = dir.filePath("curves.csv");
    QVERIFY(w->curves()->exportCsv(path));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(file.readAll()).trimmed().split('\n');
    QCOMPARE(lines.size(), 7);
    QString header = "step,time";
    for (const auto& d : diagnostics().entries()) header += "," + QString::fromStdString(d.id);
    QCOMPARE(lines[0], header);
    QVERIFY(lines[6].startsWith("5,"));
  }

  void sceneRoundTripKeepsLayersAndCamera() {
    auto w = openWindow(smallScene());
    QVERIFY(w);
    w->layerStack()->setLayerEnabled("contours", true);
    w->layerStack()->setLayerEnabled("data", false);
    QTemporaryDir dir;
    const QString path = dir.filePath("scene.json");
    QVERIFY(w->saveScene(path));
    const SceneConfig saved = loadSceneFile(path.toStdString());
    QCOMPARE(saved.particles, std::int64_t(400));
    QVERIFY(QString::fromStdString(saved.layersJson).contains("\"contours\":true"));
    QVERIFY(QString::fromStdString(saved.cameraJson).contains("parallel_scale"));

    auto other = openWindow(smallScene(100, 100));
    QVERIFY(other);
    for (int i = 0; i < 3; ++i) other->bridge()->stepOnce();
    QVERIFY(waitForSnapshot(
        other->bridge(), [](const Snapshot& s) { return s.step == 3; }, 10000));
    QVERIFY(other->openScene(path));
    // The opened scene runs from its own step 0.
    QVERIFY(waitForSnapshot(
        other->bridge(),
        [](const Snapshot& s) { return s.particles->rows() == 400 && s.step == 0; }, 10000));
    QVERIFY(other->layerStack()->layer("contours")->isEnabled());
    QVERIFY(!other->layerStack()->layer("data")->isEnabled());
  }

  void settingsRememberTheLayoutAndTheLastScene() {
    QTemporaryDir dir;
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, dir.path());
    ui::MainWindowOptions options;
    options.startRunning = false;
    const QString scenePath = dir.filePath("last.json");
    {
      ui::MainWindow w(smallScene(), options);
      w.resize(1000, 700);
      w.show();
      QVERIFY(QTest::qWaitForWindowExposed(&w));
      QVERIFY(w.saveScene(scenePath));
      w.close();
    }
    QSettings settings;
    QCOMPARE(settings.value("scene/last").toString(), scenePath);
    QVERIFY(!settings.value("window/geometry").toByteArray().isEmpty());
    QVERIFY(!settings.value("window/state").toByteArray().isEmpty());
    ui::MainWindow again(smallScene(), options);  // the constructor restores the layout
    QCOMPARE(again.size(), QSize(1000, 700));
  }

  void aBadSceneFileIsReportedAndIgnored() {
    auto w = openWindow(smallScene());
    QVERIFY(w);
    QTemporaryDir dir;
    const QString path = dir.filePath("bad.json");
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"flow": {"name": "no-such-flow"}})");
    file.close();
    QVERIFY(!w->openScene(path));
    QVERIFY2(w->statusMessage().contains("flow.name"), qPrintable(w->statusMessage()));
    QCOMPARE(QString::fromStdString(w->bridge()->scene().flowName), QString("conservative"));
  }
};

DRIFTLAB_GUI_TEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
