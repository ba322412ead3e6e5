#include "recording/recording_stage.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QThread>
#include <chrono>

#include "caption_overlay.h"
#include "curves_panel.h"
#include "engine_bridge.h"
#include "event_pump.h"
#include "layer_stack.h"
#include "registry/registry.h"
#include "vtk_view.h"

namespace driftlab::ui {

namespace {

constexpr int kGlTimeoutMs = 10000;
constexpr auto kStepTimeout = std::chrono::minutes(10);

void prepareOffscreen(QWidget* w, QSize size) {
  w->setAttribute(Qt::WA_DontShowOnScreen);
  w->setFixedSize(size);
}

}  // namespace

RecordingStage::RecordingStage(const SceneConfig& scene, const RecordSettings& settings)
    : m_scene(scene), m_settings(settings), m_layout(frameLayout(settings)) {}

RecordingStage::~RecordingStage() {
  m_layers.reset();  // holds VTK props of the view
  m_curves.reset();
  m_view.reset();
  m_bridge.reset();
}

bool RecordingStage::initialise(QString* error) {
  m_bridge = std::make_unique<EngineBridge>(m_scene);
  m_bridge->setDiagnosticsEveryStep(true);
  m_view = std::make_unique<VtkView>();
  prepareOffscreen(m_view.get(), m_layout.view.size());
  m_layers = std::make_unique<LayerStack>(m_view.get(), m_bridge.get());
  m_layers->applyLayersJson(QString::fromStdString(m_scene.layersJson));
  m_layers->setPendingCamera(QString::fromStdString(m_scene.cameraJson));
  m_layers->setRecordingMode(true, false);
  QObject::connect(m_bridge.get(), &EngineBridge::diagnosticsArrived, m_bridge.get(),
                   [this](const std::vector<DiagnosticRow>& rows) {
                     m_rows.insert(m_rows.end(), rows.begin(), rows.end());
                   });
  if (!m_layout.curves.isEmpty()) {
    m_curves = std::make_unique<CurvesPanel>();
    m_curves->setChartsOnly(true);
    // Three curves that tell the story of a run: the drifting loss, the KL to the target
    // and the particles' entropy; one column beside the view, one row below it.
    m_curves->setShown({"residual", "kl", "entropy"});
    m_curves->setColumns(m_settings.curves == "right" ? 1 : 3);
    prepareOffscreen(m_curves.get(), m_layout.curves.size());
    QObject::connect(m_bridge.get(), &EngineBridge::diagnosticsArrived, m_curves.get(),
                     &CurvesPanel::appendRows);
    // A tour's changes are marked on the recorded curves as on screen.
    QObject::connect(m_bridge.get(), &EngineBridge::parameterChanged, m_curves.get(),
                     &CurvesPanel::addEvent);
    m_curves->show();
  }
  m_view->show();
  if (!pumpUntil([&] { return m_view->isValid(); }, kGlTimeoutMs)) {
    *error =
        "record: the OpenGL view did not initialise (is there a display? run under "
        "xvfb-run -a)";
    return false;
  }
  // Step 0: the engine's very first snapshot has positions only; its worker then publishes
  // step 0 with velocities and diagnostics. Frame 0 shows that one, whatever the timing.
  m_bridge->engine().waitFor(
      [](const Snapshot& s) { return !s.diagnostics.values.empty() || !s.error.empty(); },
      kStepTimeout);
  // The bridge starts holding the engine's first snapshot, so no poll may announce step 0;
  // show it to the layers (they fit the camera and ask for the grid) and the curves.
  m_bridge->poll();
  m_layers->showSnapshot(m_bridge->current());
  QApplication::processEvents();
  return true;
}

bool RecordingStage::advanceTo(std::int64_t step, QString* error) {
  const Engine& engine = m_bridge->engine();
  for (std::int64_t k = m_bridge->current()->step + 1; k <= step; ++k) {
    if (engine.latest()->finished) break;  // the flow's own grid ended (pf-ode): frames hold it
    m_bridge->stepOnce();
    if (!engine.waitFor(
            [&](const Snapshot& s) { return s.step >= k || !s.error.empty() || s.finished; },
            kStepTimeout)) {
      *error = "record: step " + QString::number(k) + " did not finish within 10 minutes";
      return false;
    }
    m_bridge->poll();
    if (!engine.latest()->error.empty()) {
      *error = QString::fromStdString(engine.latest()->error);
      return false;
    }
  }
  if (m_layers->gridWanted()) {
    m_layers->requestFreshGrid();  // and wait for a grid of this very step
    engine.waitFor([&](const Snapshot& s) { return s.grid && s.grid->step == s.step; },
                   kStepTimeout);
    m_bridge->poll();
  }
  return true;
}

bool RecordingStage::applyScene(const SceneConfig& scene, bool fresh, QString* error) {
  const Engine& engine = m_bridge->engine();
  const auto serial = engine.latest()->errorSerial;
  m_bridge->applyScene(scene);
  if (fresh) {
    m_bridge->startFreshRun();  // after the scene: the engine shows it at step 0
    if (m_curves) m_curves->clear();
  }
  auto shown = [&](const Snapshot& s) {
    return s.errorSerial != serial || (s.scene == scene && (!fresh || s.step == 0));
  };
  if (!engine.waitFor(shown, kStepTimeout)) {
    *error = "record: the engine did not apply a tour step within 10 minutes";
    return false;
  }
  m_bridge->poll();
  if (engine.latest()->errorSerial != serial) {
    *error = QString::fromStdString(engine.latest()->error);
    return false;
  }
  return true;
}

void RecordingStage::applyDisplay(const QString& layersJson, const QString& cameraJson,
                                  const QStringList& curves) {
  if (!layersJson.isEmpty()) m_layers->applyLayersJson(layersJson);
  if (!cameraJson.isEmpty()) m_layers->setPendingCamera(cameraJson);
  if (m_curves && !curves.isEmpty()) m_curves->setShown(curves);
}

void RecordingStage::setCaption(const QString& text, int lines) {
  m_caption = text;
  const FrameLayout layout = withCaptionLines(frameLayout(m_settings), lines);
  const bool resized = layout.view != m_layout.view || layout.curves != m_layout.curves;
  m_layout = layout;
  if (!resized) return;
  if (m_view) m_view->setFixedSize(m_layout.view.size());
  if (m_curves) m_curves->setFixedSize(m_layout.curves.size());
}

void RecordingStage::settle() {
  m_layers->refresh();
  if (m_curves) {
    // Qt Charts lays its axes out on posted events: redraw, let them run, redraw once more.
    m_curves->redraw();
    for (int i = 0; i < 3; ++i) QApplication::processEvents();
    m_curves->redraw();
  }
  QApplication::processEvents();
}

QImage RecordingStage::frame(double progress) {
  settle();
  const QImage view = m_view->grabFramebuffer();
  const QImage curves = m_curves ? m_curves->grab().toImage() : QImage();
  const QString caption =
      m_caption.isEmpty() ? LayerStack::captionText(*m_bridge->current()) : m_caption;
  return composeFrame(m_layout, view, curves, caption, progress);
}

QImage RecordingStage::titleCard() const {
  const SceneConfig& s = m_scene;
  const QString line =
      QString("%1 on %2 (%3D)   N = %4   M = %5   seed %6")
          .arg(QString::fromStdString(s.flowName), QString::fromStdString(s.targetName))
          .arg(s.dim)
          .arg(s.particles)
          .arg(s.samples)
          .arg(s.seed);
  return drawCard(m_layout.frame, QString::fromStdString(m_settings.title), {line});
}

QImage RecordingStage::endCard() const {
  const auto snap = m_bridge->current();
  QStringList lines{LayerStack::captionText(*snap)};
  const auto& entries = diagnostics().entries();
  const std::vector<double>& values = snap->diagnostics.values;
  for (const char* id : {"residual", "kl", "mmd", "energy_distance", "mode_coverage"}) {
    for (std::size_t k = 0; k < entries.size() && k < values.size(); ++k)
      if (entries[k].id == id && std::isfinite(values[k]))
        lines << QString("%1 = %2").arg(id).arg(values[k], 0, 'g', 4);
  }
  return drawCard(m_layout.frame, stepCaption(*snap), lines);
}

std::vector<DiagnosticRow> RecordingStage::takeRows() {
  m_bridge->poll();
  return std::exchange(m_rows, {});
}

std::shared_ptr<const Snapshot> RecordingStage::current() const {
  return m_bridge->current();
}

}  // namespace driftlab::ui
