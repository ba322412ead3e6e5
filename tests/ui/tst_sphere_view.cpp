// The sphere in the GUI (issue 18): a scene on the sphere draws the unit sphere, hides the grid
// layers (greyed out in the layer panel, saying why, and no grid is sampled for them), and the
// Target box's manifold combo moves the run on and off the sphere live.
#include <QCheckBox>
#include <QComboBox>

#include "gui_test_support.h"
#include "inspector.h"
#include "layer_stack.h"

using namespace driftlab;
using driftlab::testing::openWindow;
using driftlab::testing::waitForSnapshot;

namespace {

SceneConfig sphereScene() {
  SceneConfig s;
  s.dim = 3;
  s.manifold = "sphere";
  s.targetName = "vmf-mixture";
  s.initName = "sphere";
  s.particles = 300;
  s.samples = 300;
  s.flowName = "laplace";
  s.seed = 7;
  validateScene(s);
  return s;
}

}  // namespace

class TestSphereView : public QObject {
  Q_OBJECT

 private slots:
  void sphereDrawnAndGridLayersOff() {
    auto w = openWindow(sphereScene());
    QVERIFY(w);
    ui::LayerStack* stack = w->layerStack();
    QTRY_VERIFY_WITH_TIMEOUT(stack->onSphere(), 10000);
    QVERIFY(stack->sphereDrawn());
    // A grid layer switched on stays hidden and asks for no grid; its box is greyed out.
    stack->setLayerEnabled("isosurface", true);
    QVERIFY(stack->layer("isosurface")->isEnabled());
    QVERIFY(!stack->layer("isosurface")->isShown());
    QVERIFY(!stack->gridRequest().enabled);
    auto* box = w->findChild<QCheckBox*>("layer.isosurface");
    QVERIFY(box);
    QVERIFY(!box->isEnabled());
    QVERIFY(box->toolTip().contains("sphere"));
    QVERIFY(w->findChild<QCheckBox*>("layer.particles")->isEnabled());
    QVERIFY(stack->layer("particles")->isShown());

    // The manifold combo: euclidean applies live (the grid layer returns, the sphere stays
    // drawn for the vmf-mixture target), sphere again hides it.
    auto* manifold = w->findChild<QComboBox*>("manifold");
    QVERIFY(manifold);
    QCOMPARE(manifold->currentText(), QString("sphere"));
    manifold->setCurrentText("euclidean");
    QVERIFY(waitForSnapshot(
        w->bridge(), [](const Snapshot& s) { return s.scene.manifold == "euclidean"; }, 10000));
    QTRY_VERIFY_WITH_TIMEOUT(!stack->onSphere(), 10000);
    QVERIFY(stack->layer("isosurface")->isShown());
    QVERIFY(stack->gridRequest().enabled);
    QVERIFY(box->isEnabled());
    QVERIFY(stack->sphereDrawn());
    manifold->setCurrentText("sphere");
    QTRY_VERIFY_WITH_TIMEOUT(stack->onSphere(), 10000);
    QVERIFY(!stack->gridRequest().enabled);
    QCOMPARE(w->bridge()->scene().manifold, std::string("sphere"));
  }

  // The inspector on the sphere: V+, V- and V of a particle are tangent (x . v = 0) and equal
  // the engine's velocity of that particle.
  void inspectorVectorsAreTangent() {
    auto w = openWindow(sphereScene());
    QVERIFY(w);
    QVERIFY(waitForSnapshot(
        w->bridge(), [](const Snapshot& s) { return s.particles && s.velocities; }, 10000));
    const auto snap = w->bridge()->engine().latest();
    const Eigen::RowVectorXd x = snap->particles->row(5);
    w->inspector()->inspect(x, 5);
    QTRY_VERIFY_WITH_TIMEOUT(w->inspector()->inspection().available, 5000);
    const PointInspection& r = w->inspector()->inspection();
    for (const Eigen::RowVectorXd* u : {&r.vPlus, &r.vMinus, &r.v})
      QVERIFY(std::abs(x.dot(*u)) <= 1e-12 * std::max(1.0, u->norm()));
    const Eigen::RowVectorXd engineV = snap->velocities->row(5);
    QVERIFY2((r.v - engineV).norm() <= 1e-9 * std::max(1.0, engineV.norm()),
             qPrintable(QString::number((r.v - engineV).norm())));
    QVERIFY(QString::fromStdString(r.note).contains("tangent"));
  }

  // A 2D scene: choosing sphere is refused (one line naming manifold), the combo goes back.
  void sphereIn2DIsRefused() {
    SceneConfig s;
    s.particles = 200;
    s.samples = 200;
    validateScene(s);
    auto w = openWindow(s);
    QVERIFY(w);
    QVERIFY(!w->layerStack()->sphereDrawn());
    auto* manifold = w->findChild<QComboBox*>("manifold");
    manifold->setCurrentText("sphere");
    QTRY_COMPARE_WITH_TIMEOUT(manifold->currentText(), QString("euclidean"), 5000);
    QCOMPARE(w->bridge()->scene().manifold, std::string("euclidean"));
  }
};

DRIFTLAB_GUI_TEST_MAIN(TestSphereView)
#include "tst_sphere_view.moc"
