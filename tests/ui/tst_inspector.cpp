// Inspector (issue 16 item 5): the panel shows exactly what inspectPoint computes from the
// snapshot, the layer shows while a point is inspected and hides when it is cleared (menu or
// Esc), a picked particle is followed, and Ctrl+click on the view picks the world point (2D) or
// the particle (2D and 3D) under the cursor.
#include <vtkRenderer.h>
#include <QTableWidget>

#include "gui_test_support.h"
#include "inspector.h"
#include "layer_stack.h"
#include "layers/inspector_layer.h"

using namespace driftlab;
using driftlab::testing::openWindow;
using driftlab::testing::saveShot;
using driftlab::testing::smallScene;
using driftlab::testing::waitForSnapshot;

namespace {

bool firstSnapshot(ui::MainWindow* w) {
  return waitForSnapshot(
      w->bridge(), [](const Snapshot& s) { return bool(s.particles); }, 10000);
}

/// Logical widget position of a world point (the inverse of Inspector::pickAt's mapping).
QPointF toView(ui::MainWindow* w, const Eigen::RowVectorXd& x) {
  vtkRenderer* ren = w->view()->renderer();
  ren->SetWorldPoint(x[0], x[1], x.size() > 2 ? x[2] : 0.0, 1.0);
  ren->WorldToDisplay();
  const double* d = ren->GetDisplayPoint();
  const double dpr = w->view()->devicePixelRatioF();
  const int height = w->view()->renderWindow()->GetSize()[1];
  return {d[0] / dpr, (height - 1 - d[1]) / dpr};
}

/// Every number cell of the vector table against the inspection's vectors, exactly.
void compareVectorTable(ui::Inspector* inspector, const PointInspection& expect) {
  QTableWidget* t = inspector->vectorTable();
  std::vector<Eigen::RowVectorXd> rows{expect.vPlus, expect.vMinus, expect.v};
  if (expect.hasSharpParts) rows.insert(rows.end(), {expect.sharpCompanion, expect.sharpResidual});
  QCOMPARE(t->rowCount(), int(rows.size()));
  const int d = int(expect.point.size());
  for (int i = 0; i < t->rowCount(); ++i) {
    for (int k = 0; k < d; ++k)
      QCOMPARE(t->item(i, k + 1)->data(Qt::UserRole).toDouble(), rows[size_t(i)][k]);
    QCOMPARE(t->item(i, d + 1)->data(Qt::UserRole).toDouble(), rows[size_t(i)].norm());
  }
}

PointInspection coreAt(const Snapshot& s, const Eigen::RowVectorXd& x, Eigen::Index particle) {
  InspectionOptions options;
  options.nearest = ui::Inspector::kNearest;
  return inspectPoint(s.scene.flowName, s.scene.flowParams, s.bandwidth, *s.data, *s.particles, x,
                      particle, options);
}

}  // namespace

class TestInspector : public QObject {
  Q_OBJECT

 private slots:
  void panelEqualsCoreAndClearHides_data() {
    QTest::addColumn<QString>("flow");
    QTest::newRow("conservative") << "conservative";
    QTest::newRow("laplace") << "laplace";
  }
  void panelEqualsCoreAndClearHides() {
    QFETCH(QString, flow);
    SceneConfig scene = smallScene(400, 400);
    scene.flowName = flow.toStdString();
    scene.flowParams = {};
    validateScene(scene);
    auto w = openWindow(scene);
    QVERIFY(w && firstSnapshot(w.get()));
    ui::Inspector* inspector = w->inspector();
    auto* layer = dynamic_cast<ui::InspectorLayer*>(w->layerStack()->layer("inspector"));
    QVERIFY(inspector && layer);
    QVERIFY(!layer->isShown() && !inspector->isVisible());

    const auto snap = w->bridge()->current();
    inspector->inspect(snap->particles->row(5), 5);
    const PointInspection expect = coreAt(*snap, snap->particles->row(5), 5);
    QVERIFY(expect.available);
    QCOMPARE(expect.hasSharpParts, flow == "laplace");
    compareVectorTable(inspector, expect);
    QTableWidget* centres = inspector->centreTable();
    QCOMPARE(size_t(centres->rowCount()),
             expect.nearestData.size() + expect.nearestParticles.size());
    QCOMPARE(centres->item(0, 2)->data(Qt::UserRole).toDouble(), expect.nearestData[0].weight);
    QCOMPARE(centres->item(0, 1)->data(Qt::UserRole).toDouble(),
             double(expect.nearestData[0].index));
    QVERIFY(inspector->headline().startsWith("particle 5"));
    QVERIFY(inspector->isVisible());
    QVERIFY(layer->isShown() && layer->dataDrawn() > 0 && layer->particlesDrawn() > 0);
    QTRY_VERIFY(w->layerStack()->colorBarTitles().filter("kernel weight").size() == 1);
    // A pick is transient: the saved scene's layers object (which the parser checks) omits it.
    QVERIFY(!w->sceneForSaving().layersJson.empty());
    QVERIFY(!QString::fromStdString(w->sceneForSaving().layersJson).contains("inspector"));
    saveShot(w.get(), "inspector_" + flow);

    w->action("action.inspector_clear")->trigger();
    QVERIFY(!inspector->isInspecting());
    QVERIFY(!layer->isShown() && layer->dataDrawn() == 0);
    QCOMPARE(inspector->vectorTable()->rowCount(), 0);
    QTRY_VERIFY(w->layerStack()->colorBarTitles().filter("kernel weight").isEmpty());

    // Esc (View > Back to the view) clears too.
    inspector->inspect(snap->particles->row(7), 7);
    QVERIFY(layer->isShown());
    w->view()->setFocus();
    QTest::keyClick(w.get(), Qt::Key_Escape);
    QTRY_VERIFY(!inspector->isInspecting());
    QVERIFY(!layer->isShown());
  }

  // A picked particle is followed: after a step the panel shows its new position and the
  // numbers of the new snapshot.
  void followsTheNewestSnapshot() {
    auto w = openWindow(smallScene(300, 300));
    QVERIFY(w && firstSnapshot(w.get()));
    ui::Inspector* inspector = w->inspector();
    inspector->inspect(w->bridge()->current()->particles->row(3), 3);
    w->bridge()->stepOnce();
    QVERIFY(waitForSnapshot(
        w->bridge(), [](const Snapshot& s) { return s.step >= 1; }, 10000));
    QTRY_VERIFY(w->bridge()->current()->step >= 1);
    const auto snap = w->bridge()->current();
    QTRY_COMPARE(inspector->inspection().point, Eigen::RowVectorXd(snap->particles->row(3)));
    compareVectorTable(inspector, coreAt(*snap, snap->particles->row(3), 3));
  }

  // Ctrl+click away from every particle picks the world point under the cursor; on a particle
  // it picks that particle. A plain click still pans (no pick).
  void ctrlClickPicksThePointUnderTheCursor() {
    auto w = openWindow(smallScene(200, 200));
    QVERIFY(w && firstSnapshot(w.get()));
    QTest::qWait(200);  // camera fitted and painted
    const auto snap = w->bridge()->current();
    const PointSet& X = *snap->particles;
    // A world point at least 25 pixels from every particle's projection.
    Eigen::RowVectorXd target;
    for (double gx = -3.5; gx <= 3.5 && target.size() == 0; gx += 0.25)
      for (double gy = -3.5; gy <= 3.5 && target.size() == 0; gy += 0.25) {
        const Eigen::RowVector2d g(gx, gy);
        const QPointF p = toView(w.get(), g);
        if (!w->view()->rect().contains(p.toPoint())) continue;
        double nearest = 1e300;
        for (Eigen::Index i = 0; i < X.rows(); ++i)
          nearest = std::min(nearest, QLineF(p, toView(w.get(), X.row(i))).length());
        if (nearest > 25.0) target = g;
      }
    QVERIFY(target.size() == 2);
    const QPointF at = toView(w.get(), target);
    QTest::mouseClick(w->view(), Qt::LeftButton, Qt::NoModifier, at.toPoint());
    QVERIFY(!w->inspector()->isInspecting());
    QTest::mouseClick(w->view(), Qt::LeftButton, Qt::ControlModifier, at.toPoint());
    QVERIFY(w->inspector()->isInspecting());
    const PointInspection& r = w->inspector()->inspection();
    QCOMPARE(r.particle, Eigen::Index(-1));
    // One pixel in world units: the click lands within a pixel of the expected point.
    const double pixel =
        (target - Eigen::RowVector2d(target[0] + 1.0, target[1])).norm() /
        QLineF(at, toView(w.get(), Eigen::RowVector2d(target[0] + 1.0, target[1]))).length();
    qInfo("picked (%g, %g), expected (%g, %g), %.3g world units per pixel", r.point[0], r.point[1],
          target[0], target[1], pixel);
    QVERIFY((r.point - target).norm() < 1.5 * pixel);

    const QPointF onParticle = toView(w.get(), X.row(17));
    QTest::mouseClick(w->view(), Qt::LeftButton, Qt::ControlModifier, onParticle.toPoint());
    QVERIFY(w->inspector()->inspection().particle >= 0);
    const Eigen::Index picked = w->inspector()->inspection().particle;
    QVERIFY(QLineF(onParticle, toView(w.get(), X.row(picked))).length() <= 1.5);
  }

  // 3D: Ctrl+click on a particle picks it (no free points in 3D).
  void ctrlClickPicksAParticleIn3D() {
    SceneConfig scene = smallScene(200, 200);
    scene.dim = 3;
    scene.targetName = "gmm3d";
    scene.targetParams = {};
    validateScene(scene);
    auto w = openWindow(scene);
    QVERIFY(w && firstSnapshot(w.get()));
    QTest::qWait(300);
    const auto snap = w->bridge()->current();
    QCOMPARE(snap->particles->cols(), Eigen::Index(3));
    // Projections before the click: the first pick shows the dock, which narrows the view.
    std::vector<QPointF> before;
    for (Eigen::Index i = 0; i < snap->particles->rows(); ++i)
      before.push_back(toView(w.get(), snap->particles->row(i)));
    const QPointF on = before[11];
    QTest::mouseClick(w->view(), Qt::LeftButton, Qt::ControlModifier, on.toPoint());
    QVERIFY(w->inspector()->isInspecting());
    const Eigen::Index picked = w->inspector()->inspection().particle;
    QVERIFY(picked >= 0);
    QVERIFY2(QLineF(on, before[size_t(picked)]).length() <= 1.5,
             qPrintable(QString("picked %1 for a click on particle 11").arg(picked)));
    QVERIFY(w->inspector()->headline().startsWith("particle"));
  }
};

DRIFTLAB_GUI_TEST_MAIN(TestInspector)
#include "tst_inspector.moc"
