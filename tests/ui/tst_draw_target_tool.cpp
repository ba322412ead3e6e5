// Draw target (issue 18): painting in the 2D view adds points, a right drag erases them, the
// scene's target becomes `drawn` through the engine, and File > Save writes the painting.
#include <vtkRenderer.h>
#include <QAction>
#include <QMouseEvent>
#include <QTemporaryDir>

#include "gui_test_support.h"

#include "draw_target_tool.h"
#include "scene/scene_json.h"

using namespace driftlab;
using driftlab::testing::openWindow;
using driftlab::testing::smallScene;
using driftlab::testing::waitForSnapshot;

namespace {

QPointF toView(ui::MainWindow* w, double x, double y) {
  vtkRenderer* ren = w->view()->renderer();
  ren->SetWorldPoint(x, y, 0.0, 1.0);
  ren->WorldToDisplay();
  const double* d = ren->GetDisplayPoint();
  const double dpr = w->view()->devicePixelRatioF();
  const int height = w->view()->renderWindow()->GetSize()[1];
  return {d[0] / dpr, (height - 1 - d[1]) / dpr};
}

void send(QWidget* view, QEvent::Type type, const QPointF& at, Qt::MouseButton button,
          Qt::MouseButtons held) {
  QMouseEvent e(type, at, view->mapToGlobal(at), button, held, Qt::NoModifier);
  QApplication::sendEvent(view, &e);
}

/// A drag from world a to world b in `moves` moves with `button` held.
void drag(ui::MainWindow* w, QPointF a, QPointF b, Qt::MouseButton button, int moves = 8) {
  QWidget* view = w->view();
  const QPointF from = toView(w, a.x(), a.y()), to = toView(w, b.x(), b.y());
  send(view, QEvent::MouseButtonPress, from, button, button);
  for (int k = 1; k <= moves; ++k) {
    send(view, QEvent::MouseMove, from + (to - from) * (double(k) / moves), Qt::NoButton, button);
    QTest::qWait(5);
  }
  send(view, QEvent::MouseButtonRelease, to, button, Qt::NoButton);
}

/// World length of the brush radius (in the middle of the view).
double brushWorld(ui::MainWindow* w) {
  const QPointF a = toView(w, 0, 0), b = toView(w, 1, 0);
  return ui::DrawTargetTool::kBrushPixels / (b.x() - a.x());
}

bool engineHasPoints(ui::MainWindow* w, const std::vector<double>& points) {
  return waitForSnapshot(
      w->bridge(),
      [&](const Snapshot& s) {
        return s.scene.targetName == "drawn" && s.scene.targetParams.points("points") == points;
      },
      10000);
}

}  // namespace

class TestDrawTargetTool : public QObject {
  Q_OBJECT

 private slots:
  void paintEraseAndSave() {
    auto w = openWindow(smallScene(300, 300));
    QVERIFY(w);
    QVERIFY(waitForSnapshot(
        w->bridge(), [](const Snapshot& s) { return s.particles != nullptr; }, 10000));
    ui::DrawTargetTool* tool = w->drawTool();
    QAction* action = w->action("action.draw_target");
    QVERIFY(tool && action);
    QCOMPARE(action->shortcut(), QKeySequence("Shift+D"));
    action->trigger();
    QVERIFY(tool->isActive());
    QVERIFY(tool->points().empty());  // 8gaussians: an empty canvas

    // Paint a horizontal stroke from (-2, 0) to (2, 0).
    const double r = brushWorld(w.get());
    QVERIFY(r > 0.01 && r < 2.0);
    drag(w.get(), {-2, 0}, {2, 0}, Qt::LeftButton);
    const std::vector<double> painted = tool->points();
    const std::size_t n = painted.size() / 2;
    QVERIFY2(n >= 20, qPrintable(QString("%1 points").arg(n)));
    for (std::size_t i = 0; i < n; ++i) {
      QVERIFY(painted[2 * i] > -2.0 - 1.1 * r && painted[2 * i] < 2.0 + 1.1 * r);
      QVERIFY(std::abs(painted[2 * i + 1]) < 1.1 * r);
    }
    QVERIFY(engineHasPoints(w.get(), painted));
    QCOMPARE(w->bridge()->scene().targetName, std::string("drawn"));
    qInfo("painted %zu points (brush radius %.3f world units)", n, r);
    driftlab::testing::saveShot(w.get(), "draw-target-painted");

    // Erase around (2, 0): fewer points, none left within 0.9 brush radii of it.
    drag(w.get(), {2, 0}, {2, 0.001}, Qt::RightButton, 2);
    const std::vector<double> left = tool->points();
    QVERIFY2(left.size() < painted.size(),
             qPrintable(QString("%1 -> %2").arg(painted.size()).arg(left.size())));
    QVERIFY(!left.empty());
    for (std::size_t i = 0; i + 1 < left.size(); i += 2)
      QVERIFY(std::hypot(left[i] - 2.0, left[i + 1]) > 0.9 * r);
    QVERIFY(engineHasPoints(w.get(), left));

    // Saved with the scene.
    QTemporaryDir dir;
    const QString path = dir.filePath("drawn.json");
    QVERIFY(w->saveScene(path));
    const SceneConfig saved = loadSceneFile(path.toStdString());
    QCOMPARE(saved.targetName, std::string("drawn"));
    QCOMPARE(saved.targetParams.points("points"), left);

    // Off: a left drag pans again and paints nothing.
    action->trigger();
    QVERIFY(!tool->isActive());
    drag(w.get(), {-1, 1}, {1, 1}, Qt::LeftButton);
    QCOMPARE(w->bridge()->scene().targetParams.points("points"), left);

    // On again: continues the scene's painting.
    action->trigger();
    QCOMPARE(tool->points(), left);
    action->trigger();
  }

  void threeDScenesRefuseTheTool() {
    SceneConfig s = smallScene(200, 200);
    s.dim = 3;
    s.targetName = "gmm3d";
    s.targetParams = {};
    validateScene(s);
    auto w = openWindow(s);
    QVERIFY(w);
    w->action("action.draw_target")->trigger();
    QVERIFY(!w->drawTool()->isActive());
    QVERIFY(!w->action("action.draw_target")->isChecked());
    QVERIFY2(w->statusMessage().contains("2D"), qPrintable(w->statusMessage()));
  }
};

DRIFTLAB_GUI_TEST_MAIN(TestDrawTargetTool)
#include "tst_draw_target_tool.moc"
