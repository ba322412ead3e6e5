// The analysis layers (issue 17): curl heatmap, streamlines, V+ / V- apart and the Laplace
// decomposition are listed in the layer panel and the menus, ask the engine for their grid
// extras only while shown, draw what they should for `laplace` and `conservative`, and
// round-trip through the scene's "layers" object.
#include <QCheckBox>
#include <QTemporaryDir>
#include <cmath>

#include "gui_test_support.h"
#include "layer_stack.h"
#include "layers/curl_layer.h"
#include "layers/streamline_layer.h"
#include "scene/scene_view_state.h"

using namespace driftlab;
using driftlab::testing::openWindow;
using driftlab::testing::smallScene;
using driftlab::testing::waitForSnapshot;

namespace {

const QStringList kIds = {"curl", "streamlines", "halves", "decomposition"};

SceneConfig flowScene(const std::string& flow) {
  SceneConfig s = smallScene(400, 400);
  s.flowName = flow;
  s.flowParams = {};
  s.flowParams.set("bandwidth", 0.5);
  validateScene(s);
  return s;
}

/// Shows only `id` (no particles or data over it) and waits for a grid at step >= 3 that has
/// the layer's extras.
bool showAlone(ui::MainWindow& w, const QString& id,
               const std::function<bool(const FieldGrid&)>& ready) {
  for (const auto& l : w.layerStack()->layers()) w.layerStack()->setLayerEnabled(l->id(), false);
  w.layerStack()->setLayerEnabled(id, true);
  const std::int64_t target = w.bridge()->engine().latest()->step + 3;
  for (int i = 0; i < 3; ++i) w.bridge()->stepOnce();
  if (!waitForSnapshot(
          w.bridge(), [&](const Snapshot& s) { return s.step == target; }, 20000))
    return false;
  w.layerStack()->requestFreshGrid();  // the running request samples only every k-th step
  const bool ok = waitForSnapshot(
      w.bridge(),
      [&](const Snapshot& s) { return s.grid && s.grid->step == target && ready(*s.grid); }, 20000);
  QTest::qWait(150);  // the poll hands it to the layers; the view repaints
  w.layerStack()->refresh();
  return ok;
}

/// Share of the view's pixels in a clearly saturated colour (red or blue curl, not the
/// grey background); the colour bar is left out (the right-hand 20%).
double saturatedShare(const QImage& image) {
  std::int64_t hits = 0, all = 0;
  for (int y = 0; y < image.height(); y += 2)
    for (int x = 0; x < int(image.width() * 0.8); x += 2) {
      const QRgb p = image.pixel(x, y);
      const int r = qRed(p), g = qGreen(p), b = qBlue(p);
      hits += std::max({std::abs(r - g), std::abs(r - b), std::abs(g - b)}) > 25;
      ++all;
    }
  return double(hits) / double(all);
}

}  // namespace

class TestAnalysisLayers : public QObject {
  Q_OBJECT

 private slots:
  void layersAreListedAndAskForTheirGridExtras() {
    auto w = openWindow(flowScene("laplace"));
    QVERIFY(w);
    QVERIFY(waitForSnapshot(
        w->bridge(), [](const Snapshot&) { return true; }, 10000));
    QTest::qWait(100);
    ui::LayerStack* stack = w->layerStack();
    for (const QString& id : kIds) {
      QVERIFY2(stack->layer(id), qPrintable(id));
      QVERIFY(!stack->layer(id)->isEnabled());
      QVERIFY2(w->findChild<QCheckBox*>("layer." + id), qPrintable(id));
      QVERIFY2(w->action("action.layer." + id), qPrintable(id));
    }
    const auto extras = [stack] {
      const GridRequest& r = stack->gridRequest();
      return QString("%1%2%3%4")
          .arg(r.enabled ? "g" : "-", r.curl ? "c" : "-", r.halves ? "h" : "-",
               r.decomposition ? "d" : "-");
    };
    QCOMPARE(extras(), QString("----"));
    const QStringList expected = {"gc--", "g---", "g-h-", "g--d"};
    for (int k = 0; k < kIds.size(); ++k) {
      auto* box = w->findChild<QCheckBox*>("layer." + kIds[k]);
      box->click();
      QVERIFY(stack->layer(kIds[k])->isEnabled());
      QCOMPARE(extras(), expected[k]);
      box->click();
      QCOMPARE(extras(), QString("----"));
    }
    // Two at once: both extras; hiding one drops only its own.
    stack->setLayerEnabled("curl", true);
    stack->setLayerEnabled("halves", true);
    QCOMPARE(extras(), QString("gch-"));
    stack->setLayerEnabled("curl", false);
    QCOMPARE(extras(), QString("g-h-"));
    // The curl costs d^2 times more per point: the grid is sampled less often.
    const int plainEvery = stack->gridRequest().every;
    stack->setLayerEnabled("curl", true);
    QVERIFY(stack->gridRequest().every >= plainEvery);
  }

  // The same view for `laplace` and `conservative`: red and blue curl against a near-uniform
  // background whose range sits at the rounding floor.
  void curlHeatmapShowsLaplaceCurlOnly() {
    double share[2] = {0, 0};
    const char* flows[2] = {"laplace", "conservative"};
    for (int f = 0; f < 2; ++f) {
      auto w = openWindow(flowScene(flows[f]));
      QVERIFY(w);
      QVERIFY(showAlone(*w, "curl", [](const FieldGrid& g) { return g.curl.size() > 0; }));
      auto* curl = dynamic_cast<ui::CurlLayer*>(w->layerStack()->layer("curl"));
      QVERIFY(curl && curl->legend());
      QCOMPARE(curl->legend()->title, QString("curl (J21 - J12)"));
      QCOMPARE(curl->legend()->lo, -curl->legend()->hi);
      const auto grid = w->bridge()->engine().latest()->grid;
      const QImage image = w->captureImage(true);
      testing::saveShot(w->view(), QString("curl_%1").arg(flows[f]));
      share[f] = saturatedShare(image);
      qInfo("%s: max |curl| %.3g, colour range +-%.3g, |J| ~ %.3g, saturated pixels %.1f%%",
            flows[f], curl->maxAbsCurl(), curl->rangeMax(), grid->jacobianScale, 100 * share[f]);
      if (f == 0) {
        QVERIFY(curl->rangeMax() > 1e-2 * grid->jacobianScale);
        QVERIFY(curl->captionNote().isEmpty());
      } else {
        QVERIFY(curl->maxAbsCurl() <= 1e-9 * grid->jacobianScale);
        QCOMPARE(curl->rangeMax(), ui::CurlLayer::kNoiseFloor * grid->jacobianScale);
        QVERIFY(curl->captionNote().startsWith("conservative: curl is 0 up to rounding"));
      }
    }
    QVERIFY2(share[0] > 0.25, qPrintable(QString::number(share[0])));
    QVERIFY2(share[1] < 0.01, qPrintable(QString::number(share[1])));
  }

  void streamlinesHalvesAndDecompositionDraw() {
    auto w = openWindow(flowScene("laplace"));
    QVERIFY(w);
    QVERIFY(showAlone(*w, "streamlines", [](const FieldGrid&) { return true; }));
    auto* lines = dynamic_cast<ui::StreamlineLayer*>(w->layerStack()->layer("streamlines"));
    QVERIFY(lines && lines->pointCount() > 100);
    QVERIFY(w->layerStack()->colorBarTitles().contains("streamlines |v|"));

    QVERIFY(showAlone(*w, "halves", [](const FieldGrid& g) { return g.attraction.rows() > 0; }));
    QVERIFY(w->layerStack()->layer("halves")->legend()->title.contains("V+"));
    QVERIFY(
        showAlone(*w, "decomposition", [](const FieldGrid& g) { return g.companion.rows() > 0; }));
    ui::Layer* parts = w->layerStack()->layer("decomposition");
    QVERIFY(parts->legend()->title.contains("companion"));
    QVERIFY(parts->captionNote().contains("|residual| / |V|"));

    // Another flow: nothing to decompose, and the legend says so.
    w->bridge()->applyScene(flowScene("conservative"));
    QVERIFY(waitForSnapshot(
        w->bridge(),
        [](const Snapshot& s) {
          return s.scene.flowName == "conservative" && s.grid && !s.grid->hasDecomposition;
        },
        20000));
    QTest::qWait(150);
    w->layerStack()->refresh();
    QCOMPARE(parts->legend()->title, QString("Laplace decomposition: defined for laplace only"));
  }

  // Running, the costly curl is sampled only every k-th step; a paused state gets a grid of
  // its own step shortly after it is shown, and the running rate comes back after that.
  void pausedStepGetsItsOwnGrid() {
    auto w = openWindow(flowScene("laplace"));
    QVERIFY(w);
    QVERIFY(waitForSnapshot(
        w->bridge(), [](const Snapshot&) { return true; }, 10000));
    QTest::qWait(100);
    w->layerStack()->setLayerEnabled("curl", true);
    const int every = w->layerStack()->gridRequest().every;
    QVERIFY2(every > 3, qPrintable(QString::number(every)));
    for (int k = 1; k <= 3; ++k) {
      w->bridge()->stepOnce();
      QVERIFY(waitForSnapshot(
          w->bridge(),
          [k](const Snapshot& s) {
            return s.step == k && s.grid && s.grid->step == k && s.grid->curl.size() > 0;
          },
          20000));
    }
    QTRY_COMPARE(w->layerStack()->gridRequest().every, every);
  }

  void sceneRoundTripsTheNewLayerIds() {
    auto w = openWindow(flowScene("laplace"));
    QVERIFY(w);
    for (const QString& id : kIds) w->layerStack()->setLayerEnabled(id, true);
    const SceneConfig saved = w->sceneForSaving();
    const auto layers = nlohmann::json::parse(saved.layersJson);
    QVERIFY_THROWS_NO_EXCEPTION(validateLayersJson(layers));
    for (const QString& id : kIds) QVERIFY2(layers.at(id.toStdString()) == true, qPrintable(id));
    QTemporaryDir dir;
    const QString path = dir.filePath("layers.json");
    QVERIFY(w->saveScene(path));
    auto other = openWindow(smallScene());
    QVERIFY(other);
    QVERIFY(other->openScene(path));
    for (const QString& id : kIds)
      QVERIFY2(other->layerStack()->layer(id)->isEnabled(), qPrintable(id));
  }
};

DRIFTLAB_GUI_TEST_MAIN(TestAnalysisLayers)
#include "tst_analysis_layers.moc"
