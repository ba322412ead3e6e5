// MainWindow: shortcuts (help overlay lists them all), layer toggles from actions and the
// Display tab, live curves with CSV export, scene save/open with layers and camera.
#include <QAction>
#include <QCheckBox>
#include <QComboBox>
#include <QDockWidget>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QSlider>
#include <QTemporaryDir>
#include <QTextBrowser>

#include "about_dialog.h"
#include "control_panel.h"
#include "controls/log_slider_field.h"
#include "controls/number_field.h"
#include "curves_panel.h"
#include "gui_test_support.h"
#include "help_overlay.h"
#include "layer_stack.h"
#include "registry/registry.h"
#include "scene/scene_json.h"

using namespace driftlab;
using driftlab::testing::openWindow;
using driftlab::testing::saveShot;
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
    QCOMPARE(lines[0], header + ",event");  // the changes made during the run (none here)
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

  // With focus in a number field, keys type into it; Escape returns focus to the view, where
  // Space, R and the layer keys work again. A hint says so while a field has focus.
  void escapeReturnsFocusToTheView() {
    auto w = openWindow(smallScene(300, 300));
    QVERIFY(w);
    auto* n = w->controls()->findChild<ui::NumberField*>("particles");
    QVERIFY(n);
    n->setFocus();
    QTRY_VERIFY(n->hasFocus());
    auto* hint = w->findChild<QLabel*>("status.hint");
    QVERIFY(hint);
    QTRY_VERIFY(hint->isVisible());
    QVERIFY(hint->text().contains("Esc"));
    saveShot(w.get(), "focus_hint");
    QTest::keyClick(n, Qt::Key_Right);  // moves the cursor, does not step
    QTest::qWait(100);
    QCOMPARE(w->bridge()->engine().latest()->step, std::int64_t(0));
    QTest::keyClick(n, Qt::Key_Escape);
    QTRY_VERIFY(w->view()->hasFocus());
    QTRY_VERIFY(!hint->isVisible());
    QTest::keyClick(w->view(), Qt::Key_Right);
    QVERIFY(waitForSnapshot(
        w->bridge(), [](const Snapshot& s) { return s.step == 1; }, 10000));
    QVERIFY(!w->layerStack()->layer("heatmap")->isEnabled());
    QTest::keyClick(w->view(), Qt::Key_H);
    QVERIFY(w->layerStack()->layer("heatmap")->isEnabled());
  }

  void resetClearsTheStatusMessage() {
    auto w = openWindow(smallScene());
    QVERIFY(w);
    auto* bw = w->controls()->findChild<ui::LogSliderField*>("flow.bandwidth");
    bw->field()->setText("-1");
    bw->field()->setModified(true);
    QMetaObject::invokeMethod(bw->field(), "editingFinished");
    QTRY_VERIFY(w->statusMessage().contains("flow.bandwidth"));
    auto* reset = w->controls()->findChild<QPushButton*>("run.reset");
    QTest::mouseClick(reset, Qt::LeftButton);
    QCOMPARE(w->statusMessage(), QString());
    QTest::keyClick(w->view(), Qt::Key_Right);
    QVERIFY(waitForSnapshot(
        w->bridge(), [](const Snapshot& s) { return s.step == 1; }, 10000));
    w->showMessage("an old error", true);
    QTest::keyClick(w->view(), Qt::Key_R);  // the shortcut too
    QCOMPARE(w->statusMessage(), QString());
  }

  // The view keeps at least half the window's width and half its height (the docks are capped),
  // even at 800x600 and when the user drags the curves dock up.
  void theViewKeepsHalfTheWindow() {
    auto w = openWindow(smallScene());
    QVERIFY(w);
    for (const QSize size : {QSize(800, 600), QSize(1024, 640), QSize(1400, 900)}) {
      w->resize(size);
      auto* curves = w->findChild<QDockWidget*>("dock.curves");
      auto* controls = w->findChild<QDockWidget*>("dock.controls");
      w->resizeDocks({curves}, {size.height()}, Qt::Vertical);  // as a drag would
      w->resizeDocks({controls}, {size.width()}, Qt::Horizontal);
      QTRY_COMPARE(w->size(), size);
      QTRY_VERIFY2(
          w->view()->width() >= size.width() / 2 && w->view()->height() >= size.height() / 2,
          qPrintable(QString("%1x%2: view %3x%4")
                         .arg(size.width())
                         .arg(size.height())
                         .arg(w->view()->width())
                         .arg(w->view()->height())));
      QVERIFY(curves->isVisible() && curves->height() > 100);  // the curves stay usable
      QVERIFY(controls->isVisible() && controls->width() > 250);
    }
  }

  void statusBarShowsPlayAndComputeRates() {
    auto w = openWindow(smallScene(300, 300));
    QVERIFY(w);
    auto* speed = w->controls()->findChild<QSlider*>("run.speed");
    speed->setValue(20);  // 10 steps/s
    w->bridge()->play();
    QVERIFY(waitForSnapshot(
        w->bridge(), [](const Snapshot& s) { return s.step >= 3; }, 20000));
    QTest::qWait(2500);
    const double play = w->bridge()->playRate();
    const double compute = w->bridge()->engine().latest()->stepsPerSecond;
    QVERIFY2(play > 5 && play < 14, qPrintable(QString::number(play)));
    QVERIFY2(compute > 2 * play, qPrintable(QString::number(compute)));
    w->updateStatus();
    const QString text = w->findChild<QLabel*>("status.rate")->text();
    QVERIFY2(text.startsWith("play ") && text.contains("compute"), qPrintable(text));
    // eta_eff is shown once the engine reports it (the step control's change), never as 0.
    QCOMPARE(w->findChild<QLabel*>("status.eta")->isVisible(),
             w->bridge()->current()->effectiveEta > 0);
  }

  void aboutBoxNamesVersionLicencesAndPapers() {
    auto w = openWindow(smallScene());
    QVERIFY(w);
    QAction* about = w->findChild<QAction*>("action.about");
    QVERIFY(about);
    about->trigger();
    ui::AboutDialog* dialog = nullptr;
    QTRY_VERIFY((dialog = w->findChild<ui::AboutDialog*>()) && dialog->isVisible());
    const QString text = dialog->findChild<QTextBrowser*>("about.text")->toPlainText();
    QVERIFY(!QApplication::applicationVersion().isEmpty());
    QVERIFY(text.contains("DriftLab " + QApplication::applicationVersion()));
    for (const char* word :
         {"Qt", "LGPL-3.0", "VTK", "BSD-3-Clause", "Eigen", "MPL-2.0", "FFTW", "GPL-2.0-or-later",
          "nlohmann/json", "MIT", "OpenMP", "arXiv:2605.22795", "arXiv:2603.07514",
          "Gradient Flow Drifting", "Probability-flow ODE"})
      QVERIFY2(text.contains(word), word);
    QVERIFY(text.contains(QString::fromLatin1(qVersion())));
    saveShot(dialog, "about_box");
    dialog->close();
  }

  // Every coloured layer explains its colours: a bar per colour scale, a note for the hue wheel.
  void everyColouredLayerHasAColourBar() {
    auto w = openWindow(smallScene(300, 300));
    QVERIFY(w);
    w->bridge()->stepOnce();
    QVERIFY(waitForSnapshot(
        w->bridge(), [](const Snapshot& s) { return s.step == 1; }, 10000));
    QTRY_VERIFY(w->layerStack()->colorBarTitles().contains("particle speed |v|"));
    for (const char* id : {"heatmap", "contours", "field", "trails"})
      w->layerStack()->setLayerEnabled(id, true);
    for (int i = 0; i < 3; ++i) w->bridge()->stepOnce();
    QVERIFY(waitForSnapshot(
        w->bridge(), [](const Snapshot& s) { return s.step == 4 && s.grid; }, 10000));
    QTRY_VERIFY2(w->layerStack()->colorBarTitles().size() == 4,
                 qPrintable(w->layerStack()->colorBarTitles().join(" | ")));
    const QStringList titles = w->layerStack()->colorBarTitles();
    for (const char* title :
         {"particle speed |v|", "p_h - q_h (KDE)", "field |v| (glyphs)", "trail: steps before now"})
      QVERIFY2(titles.contains(title), title);
    // One bar for the heatmap and the contours: they show the same quantity.
    auto* quantity = w->findChild<QComboBox*>("display.density");
    quantity->setCurrentIndex(quantity->findData(int(ui::DensityQuantity::kP)));
    QTRY_VERIFY(w->layerStack()->colorBarTitles().contains("p_h (KDE)"));
    auto* color = w->findChild<QComboBox*>("display.particle_color");
    color->setCurrentIndex(1);
    QTRY_VERIFY(!w->layerStack()->colorBarTitles().contains("particle speed |v|"));
    QVERIFY(w->layerStack()->colorBarTitles().filter("initial cloud").size() == 1);
    w->layerStack()->setLayerEnabled("particles", false);
    QVERIFY(w->layerStack()->colorBarTitles().filter("initial cloud").isEmpty());
  }
};

DRIFTLAB_GUI_TEST_MAIN(TestMainWindow)
#include "tst_main_window.moc"
