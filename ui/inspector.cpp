#include "inspector.h"

#include <vtkCamera.h>
#include <vtkMatrix4x4.h>
#include <vtkRenderer.h>
#include <QHeaderView>
#include <QLabel>
#include <QMouseEvent>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>
#include <limits>

#include "engine_bridge.h"
#include "layer_stack.h"
#include "layers/inspector_layer.h"
#include "vtk_view.h"

namespace driftlab::ui {

namespace {

QTableWidgetItem* numberItem(double value) {
  auto* item = new QTableWidgetItem(QString::number(value, 'g', 4));
  item->setData(Qt::UserRole, value);
  item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
  return item;
}

QString pointText(const Eigen::RowVectorXd& x) {
  QStringList parts;
  for (Eigen::Index k = 0; k < x.size(); ++k) parts << QString::number(x[k], 'g', 4);
  return "(" + parts.join(", ") + ")";
}

QTableWidget* makeTable(QWidget* parent, const QString& name) {
  auto* t = new QTableWidget(parent);
  t->setObjectName(name);
  t->setEditTriggers(QAbstractItemView::NoEditTriggers);
  t->setSelectionMode(QAbstractItemView::NoSelection);
  t->verticalHeader()->hide();
  t->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  t->horizontalHeader()->setStretchLastSection(true);
  return t;
}

}  // namespace

Inspector::Inspector(VtkView* view, LayerStack* layers, EngineBridge* bridge, QWidget* parent)
    : QDockWidget(tr("Inspector"), parent),
      m_view(view),
      m_layers(layers),
      m_bridge(bridge),
      m_layer(dynamic_cast<InspectorLayer*>(layers->layer("inspector"))) {
  setObjectName("dock.inspector");
  auto* body = new QWidget(this);
  auto* layout = new QVBoxLayout(body);
  m_title = new QLabel(body);
  m_title->setObjectName("inspector.title");
  m_title->setWordWrap(true);
  m_formula = new QLabel(body);
  m_formula->setWordWrap(true);
  m_formula->setStyleSheet("color: #9aa4b5;");
  m_note = new QLabel(body);
  m_note->setObjectName("inspector.note");
  m_note->setWordWrap(true);
  m_note->setStyleSheet("color: #f2c46d;");
  m_vectors = makeTable(body, "inspector.vectors");
  m_vectors->setSizeAdjustPolicy(QAbstractScrollArea::AdjustToContents);
  m_vectors->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  m_vectors->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  m_vectors->verticalHeader()->setDefaultSectionSize(22);
  m_centres = makeTable(body, "inspector.centres");
  m_centres->verticalHeader()->setDefaultSectionSize(22);
  auto* clearButton = new QPushButton(tr("Clear (Esc)"), body);
  clearButton->setObjectName("inspector.clear");
  connect(clearButton, &QPushButton::clicked, this, &Inspector::clear);
  layout->addWidget(m_title);
  layout->addWidget(m_formula);
  layout->addWidget(m_note);
  layout->addWidget(m_vectors);
  layout->addWidget(new QLabel(tr("Heaviest kernel centres (weights sum to 1 per side)"), body));
  layout->addWidget(m_centres, 1);
  layout->addWidget(clearButton);
  setWidget(body);
  setMaximumWidth(420);
  clear();

  m_later.setSingleShot(true);
  connect(&m_later, &QTimer::timeout, this, &Inspector::recomputePending);
  m_view->installEventFilter(this);
  connect(m_bridge, &EngineBridge::snapshotArrived, this,
          [this](std::shared_ptr<const Snapshot> s) { showSnapshot(s); });
}

Inspector::~Inspector() = default;

bool Inspector::eventFilter(QObject* watched, QEvent* event) {
  if (watched != m_view) return false;
  const auto type = event->type();
  if (type == QEvent::MouseButtonPress || type == QEvent::MouseButtonDblClick) {
    auto* e = static_cast<QMouseEvent*>(event);
    if (e->button() == Qt::LeftButton && (e->modifiers() & Qt::ControlModifier)) {
      // Ctrl+click is ours: neither the pan (2D) nor the orbit style (3D) sees it.
      m_swallowRelease = true;
      pickAt(e->position());
      return true;
    }
  } else if (m_swallowRelease &&
             (type == QEvent::MouseButtonRelease || type == QEvent::MouseMove)) {
    if (type == QEvent::MouseButtonRelease) m_swallowRelease = false;
    return true;
  }
  return false;
}

bool Inspector::pickAt(const QPointF& viewPos) {
  const auto snap = m_bridge->current();
  if (!snap || !snap->particles || !snap->data) return false;
  vtkRenderer* ren = m_view->renderer();
  const int* size = ren->GetSize();
  const int* origin = ren->GetOrigin();
  if (size[0] <= 0 || size[1] <= 0) return false;
  const double dpr = m_view->devicePixelRatioF();
  // VTK's display coordinates: device pixels from the bottom left (as VtkView forwards them).
  const double px = viewPos.x() * dpr,
               py = m_view->renderWindow()->GetSize()[1] - viewPos.y() * dpr - 1;
  vtkMatrix4x4* m = ren->GetActiveCamera()->GetCompositeProjectionTransformMatrix(
      ren->GetTiledAspectRatio(), -1, 1);
  const PointSet& X = *snap->particles;
  const int d = std::min<int>(int(X.cols()), 3);
  Eigen::Index best = -1;
  double bestD2 = std::numeric_limits<double>::infinity();
  for (Eigen::Index i = 0; i < X.rows(); ++i) {
    double w[4] = {0, 0, 0, 1}, c[4];
    for (int k = 0; k < d; ++k) w[k] = X(i, k);
    m->MultiplyPoint(w, c);
    if (c[3] <= 0) continue;  // behind the camera
    const double sx = origin[0] + 0.5 * (c[0] / c[3] + 1.0) * size[0];
    const double sy = origin[1] + 0.5 * (c[1] / c[3] + 1.0) * size[1];
    const double d2 = (sx - px) * (sx - px) + (sy - py) * (sy - py);
    if (d2 < bestD2) bestD2 = d2, best = i;
  }
  const bool threeD = snap->scene.dim == 3;
  const double radius = (threeD ? kPickPixels3D : kSnapPixels) * dpr;
  if (best >= 0 && bestD2 <= radius * radius) {
    inspect(X.row(best), best);
    return true;
  }
  if (threeD || X.cols() != 2) return false;
  ren->SetDisplayPoint(px, py, 0.0);
  ren->DisplayToWorld();
  const double* h = ren->GetWorldPoint();
  const double s = h[3] != 0.0 ? 1.0 / h[3] : 1.0;
  inspect(Eigen::RowVector2d(h[0] * s, h[1] * s), -1);
  return true;
}

void Inspector::inspect(const Eigen::RowVectorXd& point, Eigen::Index particle) {
  const auto snap = m_bridge->current();
  if (!snap || !snap->particles || !snap->data || !m_layer) return;
  m_active = true;
  m_point = point;
  m_particle = particle;
  m_dim = int(snap->particles->cols());
  recompute(*snap);
  show();
  raise();
  if (!m_layer->isEnabled())
    m_layers->setLayerEnabled("inspector", true);  // refreshes the view and the colour bars
  else
    m_layers->refresh();
}

void Inspector::clear() {
  m_active = false;
  m_particle = -1;
  m_pending.reset();
  m_later.stop();
  m_result = PointInspection{};
  if (m_layer) m_layer->clearInspection();
  m_title->setText(
      tr("Ctrl+click a particle, or any point of the 2D view, to see what pulls "
         "it: its kernel weights over data and particles and its V+, V- and V."));
  m_formula->clear();
  m_note->clear();
  m_vectors->setRowCount(0);
  m_centres->setRowCount(0);
  if (m_layer && m_layer->isEnabled()) m_layers->setLayerEnabled("inspector", false);
}

void Inspector::showSnapshot(const std::shared_ptr<const Snapshot>& snap) {
  if (!m_active || !snap || !snap->particles || !snap->data) return;
  if (int(snap->particles->cols()) != m_dim) {
    clear();  // a scene of another dimension: the point means nothing there
    return;
  }
  m_pending = snap;
  const qint64 wait = qint64(4.0 * m_recomputeMs) -
                      (m_sinceRecompute.isValid() ? m_sinceRecompute.elapsed() : 1000000);
  if (wait > 0) {
    if (!m_later.isActive()) m_later.start(int(wait));
    return;
  }
  recomputePending();
}

void Inspector::recomputePending() {
  m_later.stop();
  const auto snap = std::move(m_pending);
  m_pending.reset();
  if (!m_active || !snap) return;
  QElapsedTimer clock;
  clock.start();
  recompute(*snap);
  m_recomputeMs = double(clock.nsecsElapsed()) / 1e6;
  m_sinceRecompute.start();
  m_view->update();
}

void Inspector::recompute(const Snapshot& snap) {
  const PointSet& X = *snap.particles;
  if (m_particle >= X.rows()) m_particle = -1;  // N shrank: keep its last position
  if (m_particle >= 0) m_point = X.row(m_particle);
  InspectionOptions options;
  options.nearest = kNearest;
  m_result = inspectPoint(snap.scene.flowName, snap.scene.flowParams, snap.bandwidth, *snap.data, X,
                          m_point, m_particle, options);
  if (snap.scene.manifold == "sphere" && m_result.available) {
    // On the sphere the flow moves by the tangent part of each vector (TangentField).
    const Eigen::RowVectorXd x = m_point;
    auto tangent = [&x](Eigen::RowVectorXd& u) {
      if (u.size() == x.size()) u -= x.dot(u) * x;
    };
    for (Eigen::RowVectorXd* u : {&m_result.vPlus, &m_result.vMinus, &m_result.v,
                                  &m_result.sharpCompanion, &m_result.sharpResidual})
      tangent(*u);
    m_result.note += std::string(m_result.note.empty() ? "" : "; ") +
                     "on the sphere: each vector projected to the tangent plane";
  }
  m_layer->setInspection(m_result, *snap.data, X);
  fillPanel(snap);
}

QString Inspector::headline() const {
  if (!m_active) return {};
  return (m_particle >= 0 ? tr("particle %1 at %2").arg(m_particle).arg(pointText(m_point))
                          : tr("point %1").arg(pointText(m_point)));
}

void Inspector::fillPanel(const Snapshot& snap) {
  const PointInspection& r = m_result;
  const bool tau = r.kernel == KernelKind::kLaplace;
  m_title->setText(
      QString("<b>%1</b><br>%2, %3 = %4, step %5")
          .arg(headline(), QString::fromStdString(snap.scene.flowName), tau ? "tau" : "h")
          .arg(snap.bandwidth, 0, 'g', 4)
          .arg(snap.step));
  QString formula = QString::fromStdString(r.available ? r.formula : r.reason);
  if (r.hasSharpParts)
    formula +=
        tr("; sharp split V = V# + Vres, V# = c_q (s#_p - s#_q) (a gradient), "
           "Vres = (c_p - c_q) s#_p");
  m_formula->setText(formula);
  QString note = QString::fromStdString(r.note);
  if (r.available && !r.hasSharpParts && snap.scene.flowName == "laplace")
    note += (note.isEmpty() ? "" : "; ") + tr("no sharp-companion split for this normalisation");
  m_note->setText(note);
  m_note->setVisible(!note.isEmpty());

  const int d = int(r.point.size());
  QStringList header{tr("vector")};
  for (int k = 0; k < d; ++k) header << QString("x%1").arg(k);
  header << tr("norm");
  m_vectors->setColumnCount(d + 2);
  m_vectors->setHorizontalHeaderLabels(header);
  std::vector<const Eigen::RowVectorXd*> rows;
  if (r.available) rows = {&r.vPlus, &r.vMinus, &r.v};
  if (r.hasSharpParts) rows.insert(rows.end(), {&r.sharpCompanion, &r.sharpResidual});
  m_vectors->setRowCount(int(rows.size()));
  for (int i = 0; i < int(rows.size()); ++i) {
    auto* name = new QTableWidgetItem(InspectorLayer::arrowNames()[size_t(i)]);
    const auto& c = InspectorLayer::arrowColors()[size_t(i)];
    static const char* const kTips[] = {
        "data part: what the data pull with", "particle part (subtracted): V = V+ - V-",
        "the velocity of the flow here", "c_q (s#_p - s#_q): the sharp-laplace field, scaled",
        "(c_p - c_q) s#_p: what makes laplace not a gradient"};
    name->setToolTip(tr(kTips[i]));
    name->setForeground(QColor(c[0], c[1], c[2]));
    name->setBackground(QColor(24, 27, 34));
    m_vectors->setItem(i, 0, name);
    for (int k = 0; k < d; ++k) m_vectors->setItem(i, k + 1, numberItem((*rows[i])[k]));
    m_vectors->setItem(i, d + 1, numberItem(rows[i]->norm()));
  }
  fillCentres(snap);
}

void Inspector::fillCentres(const Snapshot& snap) {
  const PointInspection& r = m_result;
  m_centres->setColumnCount(4);
  m_centres->setHorizontalHeaderLabels({tr("side"), tr("index"), tr("weight"), tr("distance")});
  m_centres->setRowCount(int(r.nearestData.size() + r.nearestParticles.size()));
  int row = 0;
  for (const bool dataSide : {true, false}) {
    const PointSet& C = dataSide ? *snap.data : *snap.particles;
    for (const WeightedCentre& c : dataSide ? r.nearestData : r.nearestParticles) {
      m_centres->setItem(row, 0, new QTableWidgetItem(dataSide ? tr("data") : tr("particle")));
      m_centres->setItem(row, 1, numberItem(double(c.index)));
      m_centres->setItem(row, 2, numberItem(c.weight));
      m_centres->setItem(row, 3, numberItem((C.row(c.index) - r.point).norm()));
      ++row;
    }
  }
}

}  // namespace driftlab::ui
