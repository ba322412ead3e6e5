// At a 2x scale factor (QT_SCALE_FACTOR=2, set before the application starts) the caption,
// the particle and data sprites, the lines and the colour bars are drawn at twice their pixel
// size, so that they keep their size on screen.
#include <vtkActor.h>
#include <vtkProperty.h>
#include <vtkRenderer.h>
#include <vtkTextActor.h>
#include <vtkTextProperty.h>

#include "gui_test_support.h"
#include "layer_stack.h"
#include "layers/particle_layer.h"

using namespace driftlab;
using driftlab::testing::openWindow;
using driftlab::testing::smallScene;
using driftlab::testing::waitForSnapshot;

class TestHighDpi : public QObject {
  Q_OBJECT

 private slots:
  void captionsSpritesAndLinesScaleWithThePixelRatio() {
    auto w = openWindow(smallScene(300, 300));
    QVERIFY(w);
    QCOMPARE(w->view()->devicePixelRatioF(), 2.0);
    w->bridge()->stepOnce();
    QVERIFY(waitForSnapshot(
        w->bridge(), [](const Snapshot& s) { return s.step == 1; }, 10000));
    QTRY_COMPARE(w->layerStack()->captionFontSize(), 30);  // 15 logical pixels
    for (const auto& layer : w->layerStack()->layers()) QCOMPARE(layer->pixelRatio(), 2.0);
    ui::ParticleLayer* particles = w->layerStack()->particles();
    // Every actor of the view: sprites at twice the layer's size, lines twice as wide.
    vtkRenderer* renderer = w->view()->renderer();
    bool sawSprites = false;
    auto* actors = renderer->GetActors();
    actors->InitTraversal();
    while (vtkActor* a = actors->GetNextActor()) {
      QCOMPARE(a->GetProperty()->GetLineWidth(), 2.0f);
      sawSprites =
          sawSprites || a->GetProperty()->GetPointSize() == float(2 * particles->pointSize());
    }
    QVERIFY(sawSprites);
    particles->setPointSize(7);
    sawSprites = false;
    actors->InitTraversal();
    while (vtkActor* a = actors->GetNextActor())
      sawSprites = sawSprites || a->GetProperty()->GetPointSize() == 14.0f;
    QVERIFY(sawSprites);
  }
};

int main(int argc, char** argv) {
  qputenv("QT_SCALE_FACTOR", "2");
  driftlab::ui::prepareGuiEnvironment();
  QApplication app(argc, argv);
  driftlab::ui::configureApplication(app);
  QStandardPaths::setTestModeEnabled(true);
  TestHighDpi test;
  return QTest::qExec(&test, argc, argv);
}
#include "tst_high_dpi.moc"
