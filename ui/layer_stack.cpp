#include "layer_stack.h"

#include <vtkCamera.h>
#include <vtkTextProperty.h>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <cmath>

#include "color_bars.h"
#include "engine_bridge.h"
#include "layers/arrow_layer.h"
#include "layers/contour_layer.h"
#include "layers/curl_layer.h"
#include "layers/data_layer.h"
#include "layers/decomposition_layer.h"
#include "layers/density_image.h"
#include "layers/density_image_layer.h"
#include "layers/field_glyph_layer.h"
#include "layers/field_halves_layer.h"
#include "layers/heatmap_layer.h"
#include "layers/inspector_layer.h"
#include "layers/isosurface_layer.h"
#include "layers/particle_layer.h"
#include "layers/point_geometry.h"
#include "layers/slice_layer.h"
#include "layers/sphere_layer.h"
#include "layers/streamline_layer.h"
#include "layers/trail_layer.h"
#include "vtk_view.h"

namespace driftlab::ui {

namespace {

constexpr int kGridResolution2D = 64;
constexpr double kSlowFrameMs = 50.0, kFastFrameMs = 16.0;
constexpr int kSlowFramesToShrink = 5, kFastFramesToGrow = 30;
constexpr int kGridResolution3D = 24;
constexpr int kCaptionFontSize = 15, kCaptionMargin = 12;  ///< logical pixels

QJsonArray toArray(const double* v, int n) {
  QJsonArray a;
  for (int i = 0; i < n; ++i) a.append(v[i]);
  return a;
}

bool fromArray(const QJsonValue& value, double* out, int n) {
  const QJsonArray a = value.toArray();
  if (a.size() != n) return false;
  for (int i = 0; i < n; ++i) {
    if (!a[i].isDouble()) return false;
    out[i] = a[i].toDouble();
  }
  return true;
}

const char* quantityKey(DensityQuantity q) {
  return q == DensityQuantity::kP ? "p" : q == DensityQuantity::kQ ? "q" : "p-q";
}

}  // namespace

LayerStack::LayerStack(VtkView* view, EngineBridge* bridge, QObject* parent)
    : QObject(parent), m_view(view), m_bridge(bridge) {
  auto particles = std::make_unique<ParticleLayer>();
  auto trails = std::make_unique<TrailLayer>();
  m_particles = particles.get();
  m_trails = trails.get();
  m_layers.push_back(std::make_unique<DataLayer>());
  m_layers.push_back(std::move(particles));
  m_layers.push_back(std::make_unique<ArrowLayer>());
  m_layers.push_back(std::make_unique<FieldGlyphLayer>());
  m_layers.push_back(std::make_unique<HeatmapLayer>());
  m_layers.push_back(std::make_unique<ContourLayer>());
  m_layers.push_back(std::move(trails));
  m_layers.push_back(std::make_unique<IsosurfaceLayer>());
  m_layers.push_back(std::make_unique<SliceLayer>());
  m_layers.push_back(std::make_unique<CurlLayer>());
  m_layers.push_back(std::make_unique<StreamlineLayer>());
  m_layers.push_back(std::make_unique<FieldHalvesLayer>());
  m_layers.push_back(std::make_unique<DecompositionLayer>());
  m_layers.push_back(std::make_unique<InspectorLayer>());
  for (auto& l : m_layers) l->attach(m_view->renderer());
  m_sphere = std::make_unique<SphereLayer>();
  m_sphere->attach(m_view->renderer());

  vtkTextProperty* text = m_caption->GetTextProperty();
  text->SetFontSize(kCaptionFontSize);
  text->SetColor(0.82, 0.85, 0.90);
  text->SetFontFamilyToArial();
  text->SetBackgroundColor(0.05, 0.06, 0.08);
  text->SetBackgroundOpacity(0.6);
  m_caption->SetPosition(kCaptionMargin, kCaptionMargin);
  m_caption->PickableOff();
  m_view->renderer()->AddViewProp(m_caption);
  m_colorBars = std::make_unique<ColorBars>(m_view->renderer());
  m_colorBarsLater.setSingleShot(true);
  connect(&m_colorBarsLater, &QTimer::timeout, this, [this] {
    updateColorBars(true);
    m_view->update();
  });

  m_freshGridLater.setSingleShot(true);
  connect(&m_freshGridLater, &QTimer::timeout, this, [this] {
    if (!m_snapshot || m_snapshot->running || !gridIsStale(*m_snapshot)) return;
    requestFreshGrid();
    m_freshGridAsked = true;
  });
  connect(m_bridge, &EngineBridge::snapshotArrived, this, &LayerStack::showSnapshot);
  connect(m_view, &VtkView::cameraChanged, this, [this] { m_autoFit = false; });
  connect(m_view, &VtkView::framePainted, this, &LayerStack::adaptDrawBudget);
  connect(m_view, &VtkView::resized, this, [this] {
    applyPixelRatio();  // a move to a screen of another scale resizes the view
    updateColorBars(true);
    if (m_autoFit && m_snapshot) m_view->fitCamera(m_bounds);
    updateGrid();  // the 2D grid box follows the view's aspect
  });
}

LayerStack::~LayerStack() = default;

Layer* LayerStack::layer(const QString& id) const {
  for (const auto& l : m_layers)
    if (l->id() == id) return l.get();
  return nullptr;
}

void LayerStack::setLayerEnabled(const QString& id, bool enabled) {
  Layer* l = layer(id);
  if (!l || l->isEnabled() == enabled) return;
  l->setEnabled(enabled);
  updateGrid();
  emit layerToggled(id, enabled);
  refresh();
}

void LayerStack::setQuantity(DensityQuantity quantity) {
  if (quantity == m_quantity) return;
  m_quantity = quantity;
  refresh();
}

void LayerStack::applyPixelRatio() {
  const double ratio = m_view->devicePixelRatioF();
  if (ratio == m_pixelRatio) return;
  m_pixelRatio = ratio;
  for (auto& l : m_layers) l->setPixelRatio(ratio);
  m_sphere->setPixelRatio(ratio);
  m_caption->GetTextProperty()->SetFontSize(int(kCaptionFontSize * ratio + 0.5));
  const int margin = int(kCaptionMargin * ratio + 0.5);
  m_caption->SetPosition(margin, margin);
}

int LayerStack::captionFontSize() const {
  return m_caption->GetTextProperty()->GetFontSize();
}

void LayerStack::updateColorBars(bool force) {
  // Text is rasterised anew whenever a number changes: a few refreshes a second are plenty.
  constexpr qint64 kColorBarMs = 250;
  std::vector<ColorLegend> legends;
  QStringList titles;
  for (const auto& l : m_layers)
    if (l->isShown())
      if (auto legend = l->legend()) {
        titles << legend->title;
        legends.push_back(std::move(*legend));
      }
  if (!force && titles == m_barTitles && m_sinceColorBars.isValid() &&
      m_sinceColorBars.elapsed() < kColorBarMs) {
    // Owed: the last ranges must show even if no snapshot follows (a pause).
    if (!m_colorBarsLater.isActive())
      m_colorBarsLater.start(int(kColorBarMs - m_sinceColorBars.elapsed()) + 1);
    return;
  }
  m_colorBarsLater.stop();
  m_barTitles = titles;
  m_sinceColorBars.start();
  const double ratio = m_view->devicePixelRatioF();
  m_colorBars->show(legends, int(m_view->width() * ratio), int(m_view->height() * ratio), ratio);
}

QStringList LayerStack::colorBarTitles() const {
  return m_colorBars->titles();
}

void LayerStack::refresh() {
  applyPixelRatio();
  if (m_snapshot) {
    LayerFrame frame{m_dim, false, m_extent, m_quantity};
    for (auto& l : m_layers)
      if (l->isShown()) l->update(*m_snapshot, frame);
    updateCaption(*m_snapshot);
  }
  updateColorBars(true);
  m_view->update();
}

void LayerStack::computeBounds(const Snapshot& s) {
  double b[6], c[6];
  pointBounds(*s.data, b);
  if (s.initial && s.initial->rows() > 0) {
    pointBounds(*s.initial, c);
    for (int k = 0; k < 3; ++k) {
      b[2 * k] = std::min(b[2 * k], c[2 * k]);
      b[2 * k + 1] = std::max(b[2 * k + 1], c[2 * k + 1]);
    }
  }
  if (SphereLayer::wantedFor(s.scene))  // frame the whole unit sphere
    for (int k = 0; k < 3; ++k) {
      b[2 * k] = std::min(b[2 * k], -1.0);
      b[2 * k + 1] = std::max(b[2 * k + 1], 1.0);
    }
  std::copy(b, b + 6, m_bounds);
  m_extent =
      std::max(1e-9, std::sqrt((b[1] - b[0]) * (b[1] - b[0]) + (b[3] - b[2]) * (b[3] - b[2]) +
                               (b[5] - b[4]) * (b[5] - b[4])));
}

void LayerStack::showSnapshot(std::shared_ptr<const Snapshot> snapshot) {
  if (!snapshot || !snapshot->particles || !snapshot->data) return;
  m_snapshot = std::move(snapshot);
  const Snapshot& s = *m_snapshot;
  const int dim = s.scene.dim == 3 ? 3 : 2;
  const bool dimChanged = dim != m_dim;
  const bool newLayout = s.layoutSerial != m_layoutSeen;
  if (dimChanged) {
    m_dim = dim;
    m_view->setThreeD(dim == 3);
    for (auto& l : m_layers) l->setDim(dim);
    m_sphere->setDim(dim);
    m_cameraPending = true;
  }
  if (const bool onSphere = s.scene.manifold == "sphere"; onSphere != m_onSphere) {
    m_onSphere = onSphere;
    for (auto& l : m_layers) l->setOnSphere(onSphere);
    updateGrid();
    emit sphereChanged(onSphere);
  }
  m_sphere->setEnabled(SphereLayer::wantedFor(s.scene));
  if (newLayout) {
    m_layoutSeen = s.layoutSerial;
    computeBounds(s);
    updateGrid();
  }
  if (m_cameraPending) {
    m_cameraPending = false;
    m_autoFit = m_pendingCamera.isEmpty() || !applyCamera(m_pendingCamera);
    if (m_autoFit) m_view->fitCamera(m_bounds);
    m_pendingCamera.clear();
  }
  applyPixelRatio();
  LayerFrame frame{m_dim, newLayout, m_extent, m_quantity};
  for (auto& l : m_layers)
    if (l->isShown()) l->update(s, frame);
  updateCaption(s);
  updateColorBars();
  m_view->update();
  keepPausedGridCurrent(s);
}

bool LayerStack::gridIsStale(const Snapshot& s) const {
  return m_grid.enabled && (!s.grid || s.grid->step != s.step);
}

void LayerStack::keepPausedGridCurrent(const Snapshot& s) {
  if (m_freshGridAsked && s.grid && s.grid->step == s.step) {
    m_freshGridAsked = false;
    updateGrid();  // back to sampling every k-th step
  }
  // Paused (a single step, a step back): the layers should show this state, not the grid of
  // the last k-th step. The wait lets a burst of single steps (captures, recordings, which ask
  // for their own fresh grid) pass without sampling the grid at each one.
  if (!m_recording && !s.running && gridIsStale(s)) m_freshGridLater.start(kFreshGridDelayMs);
}

bool LayerStack::gridWanted() const {
  for (const auto& l : m_layers)
    if (l->isShown() && l->needsGrid()) return true;
  return false;
}

void LayerStack::requestFreshGrid() {
  // The box follows the current bounds and view aspect: a view resized since the last
  // request (presenter mode hiding the docks) would otherwise get a grid for the old shape.
  updateGrid();
  if (!m_grid.enabled) return;
  GridRequest now = m_grid;
  now.every = 1;
  m_bridge->setGrid(now);
  m_grid = now;  // what the engine has now; the next updateGrid() restores the running rate
}

void LayerStack::updateGrid() {
  GridRequest request;
  request.enabled = gridWanted() && m_snapshot;
  if (request.enabled) {
    const int d = m_dim;
    request.resolution = d == 2 ? kGridResolution2D : kGridResolution3D;
    for (int k = 0; k < d; ++k) {
      const double pad = 0.15 * std::max(m_bounds[2 * k + 1] - m_bounds[2 * k], 1e-6);
      request.lo.push_back(m_bounds[2 * k] - pad);
      request.hi.push_back(m_bounds[2 * k + 1] + pad);
    }
    if (d == 2 && m_view->width() > 0 && m_view->height() > 0) {
      // Widen the shorter side to the view's aspect so the heatmap fills the fitted view.
      const double aspect = double(m_view->width()) / m_view->height();
      const double wx = request.hi[0] - request.lo[0], wy = request.hi[1] - request.lo[1];
      const int k = wx / wy < aspect ? 0 : 1;
      const double grow = (k == 0 ? wy * aspect - wx : wx / aspect - wy) / 2;
      request.lo[k] -= grow;
      request.hi[k] += grow;
    }
    for (const auto& l : m_layers)
      if (l->isShown() && l->needsGrid()) l->addGridExtras(request);
    // Sampling the grid costs about 2 res^d (N + M) kernel terms against N (N + M) for a
    // step; keep it at most one step's worth of work. The halves and the decomposition (exact
    // Laplace and sharp sums) cost about as much again, the curl (exact Jacobians) about 6 d
    // times as much (measured: tests/core/tst_field_grid.cpp), so while it is shown the grid
    // may lag further behind a running simulation (a paused one is sampled at its own step,
    // keepPausedGridCurrent).
    const double points = std::pow(double(request.resolution), d);
    const double n = double(std::max<std::int64_t>(1, m_snapshot->scene.particles));
    const double work =
        2.0 * (1.0 + (request.halves ? 1.0 : 0.0) + (request.decomposition ? 1.5 : 0.0) +
               (request.curl ? 6.0 * d : 0.0));
    const int cap = request.curl ? 60 : 20;
    request.every = std::clamp(int(std::ceil(work * points / n)), 1, cap);
  }
  if (request == m_grid) return;
  m_grid = request;
  m_bridge->setGrid(request);
}

void LayerStack::setRecordingMode(bool recording, bool showCaption) {
  m_recording = recording;
  if (recording) m_particles->setDrawAll(true);
  m_caption->SetVisibility(showCaption);
  refresh();
}

QString LayerStack::captionText(const Snapshot& s) {
  if (std::isfinite(s.diffusionTime))  // pf-ode: its diffusion time, not the summed steps
    return QString("%1   N = %2   M = %3   step %4   t = %5%6")
        .arg(QString::fromStdString(s.scene.flowName))
        .arg(s.scene.particles)
        .arg(s.scene.samples)
        .arg(s.step)
        .arg(s.diffusionTime, 0, 'g', 3)
        .arg(s.finished ? " (t_min)" : "");
  const bool tau = QString::fromStdString(s.scene.flowName).contains("laplace") &&
                   !QString::fromStdString(s.scene.flowName).contains("gaussian");
  return QString("%1   %2 = %3   N = %4   M = %5   step %6   t = %7")
      .arg(QString::fromStdString(s.scene.flowName), tau ? "tau" : "h")
      .arg(s.bandwidth, 0, 'g', 3)
      .arg(s.scene.particles)
      .arg(s.scene.samples)
      .arg(s.step)
      .arg(s.time, 0, 'g', 4);
}

void LayerStack::adaptDrawBudget() {
  if (m_recording) return;
  if (!m_particles->isShown() || m_particles->drawAll()) return;
  const double ms = m_view->lastPaintMs();
  m_slowFrames = ms > kSlowFrameMs ? m_slowFrames + 1 : 0;
  m_fastFrames = ms < kFastFrameMs ? m_fastFrames + 1 : 0;
  const Eigen::Index budget = m_particles->budget();
  if (m_slowFrames >= kSlowFramesToShrink && m_particles->stride() < 64) {
    m_particles->setBudget(budget / 2);
    m_slowFrames = 0;
  } else if (m_fastFrames >= kFastFramesToGrow && m_particles->stride() > 1) {
    m_particles->setBudget(budget * 2);
    m_fastFrames = 0;
  }
}

void LayerStack::updateCaption(const Snapshot& s) {
  QString text = m_captionPrefix + captionText(s);
  bool densities = false;
  for (const auto& l : m_layers)
    densities = densities || (l->isShown() && dynamic_cast<const DensityImageLayer*>(l.get()));
  if (densities) text += "   [" + quantityLabel(m_quantity) + "]";
  for (const auto& l : m_layers)
    if (l->isShown())
      if (const QString note = l->captionNote(); !note.isEmpty()) text += "   [" + note + "]";
  bool gridOff = false;
  for (const auto& l : m_layers)
    gridOff = gridOff || (m_onSphere && l->isEnabled() && !l->supportsSphere());
  if (gridOff) text += "   [grid layers are off on the sphere]";
  if (m_particles->isShown() && m_particles->stride() > 1)
    text += QString("   (drawing 1 in %1 particles)").arg(m_particles->stride());
  m_caption->SetInput(text.toUtf8().constData());
}

bool LayerStack::sphereDrawn() const {
  return m_sphere->isShown();
}

void LayerStack::resetCamera() {
  m_autoFit = true;
  m_view->fitCamera(m_bounds);
}

QString LayerStack::layersJson() const {
  QJsonObject o;
  for (const auto& l : m_layers)
    if (l->savedInScene()) o[l->id()] = l->isEnabled();
  o["particle_color"] =
      m_particles->colorMode() == ParticleLayer::ColorMode::kSpeed ? "speed" : "initial";
  o["particle_size"] = m_particles->pointSize();
  o["density"] = quantityKey(m_quantity);
  o["trail_length"] = m_trails->length();
  o["draw_all"] = m_particles->drawAll();
  return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

void LayerStack::applyLayersJson(const QString& json) {
  const QJsonObject o = QJsonDocument::fromJson(json.toUtf8()).object();
  for (auto& l : m_layers)
    if (o.contains(l->id())) setLayerEnabled(l->id(), o[l->id()].toBool());
  if (o.contains("particle_color"))
    m_particles->setColorMode(o["particle_color"].toString() == "initial"
                                  ? ParticleLayer::ColorMode::kInitialPosition
                                  : ParticleLayer::ColorMode::kSpeed);
  if (o.contains("particle_size")) m_particles->setPointSize(o["particle_size"].toDouble());
  if (o.contains("trail_length")) m_trails->setLength(o["trail_length"].toInt());
  if (o.contains("draw_all")) m_particles->setDrawAll(o["draw_all"].toBool());
  if (o.contains("density")) {
    const QString q = o["density"].toString();
    m_quantity = q == "p"   ? DensityQuantity::kP
                 : q == "q" ? DensityQuantity::kQ
                            : DensityQuantity::kDifference;
  }
  emit settingsChanged();
  refresh();
}

QString LayerStack::cameraJson() const {
  vtkCamera* cam = m_view->renderer()->GetActiveCamera();
  QJsonObject o;
  o["position"] = toArray(cam->GetPosition(), 3);
  o["focal_point"] = toArray(cam->GetFocalPoint(), 3);
  o["view_up"] = toArray(cam->GetViewUp(), 3);
  o["parallel_scale"] = cam->GetParallelScale();
  return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

void LayerStack::setPendingCamera(const QString& json) {
  m_pendingCamera = json;
  m_cameraPending = true;
}

bool LayerStack::applyCamera(const QString& json) {
  const QJsonObject o = QJsonDocument::fromJson(json.toUtf8()).object();
  double position[3], focal[3], up[3];
  if (!fromArray(o["position"], position, 3) || !fromArray(o["focal_point"], focal, 3) ||
      !fromArray(o["view_up"], up, 3))
    return false;
  vtkCamera* cam = m_view->renderer()->GetActiveCamera();
  cam->SetPosition(position);
  cam->SetFocalPoint(focal);
  cam->SetViewUp(up);
  if (o["parallel_scale"].isDouble()) cam->SetParallelScale(o["parallel_scale"].toDouble());
  m_view->update();
  return true;
}

}  // namespace driftlab::ui
