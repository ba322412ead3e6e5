#include "sweep_panel.h"

#include <QChart>
#include <QChartView>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QLogValueAxis>
#include <QProgressBar>
#include <QPushButton>
#include <QScatterSeries>
#include <QSpinBox>
#include <QVBoxLayout>
#include <cmath>

#include "base/input_error.h"
#include "cli/sweep_options.h"
#include "sweep/sweep_summary.h"

namespace driftlab::ui {

namespace {

QDoubleSpinBox* numberBox(double lo, double hi, double value, int decimals, QWidget* parent) {
  auto* box = new QDoubleSpinBox(parent);
  box->setRange(lo, hi);
  box->setDecimals(decimals);
  box->setValue(value);
  return box;
}

}  // namespace

SweepPanel::SweepPanel(QWidget* parent) : QWidget(parent), m_scene(defaultScene()) {
  setObjectName("panel.sweep");
  m_particles = new QLineEdit("250,500,1000,2000", this);
  m_particles->setObjectName("sweep.particles");
  m_seeds = new QSpinBox(this);
  m_seeds->setRange(1, 100);
  m_seeds->setValue(3);
  const StationarityRule defaults;
  m_tolerance = numberBox(1e-4, 1.0, defaults.tolerance, 4, this);
  m_maxTime = numberBox(0.01, 1e6, defaults.maxTime, 2, this);
  m_bandwidthConstant = numberBox(0.0, 100.0, 0.0, 3, this);
  m_bandwidthConstant->setSpecialValueText(tr("scene's h"));
  auto* form = new QFormLayout;
  form->addRow(tr("Particles N"), m_particles);
  form->addRow(tr("Seeds"), m_seeds);
  form->addRow(tr("Tolerance"), m_tolerance);
  form->addRow(tr("Max time"), m_maxTime);
  form->addRow(tr("h = c N^(-1/(d+4)), c"), m_bandwidthConstant);
  m_runButton = new QPushButton(tr("Run"), this);
  m_cancelButton = new QPushButton(tr("Cancel"), this);
  m_cancelButton->setEnabled(false);
  connect(m_runButton, &QPushButton::clicked, this, [this] { start(); });
  connect(m_cancelButton, &QPushButton::clicked, this, &SweepPanel::cancel);
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(m_runButton);
  buttons->addWidget(m_cancelButton);
  m_progress = new QProgressBar(this);
  m_status = new QLabel(this);
  m_status->setWordWrap(true);

  m_chart = new QChart;
  m_chart->setTitle(tr("stationary root residual against N (log-log)"));
  m_runs = new QScatterSeries(m_chart);
  m_runs->setName(tr("runs"));
  m_runs->setMarkerSize(8);
  m_theory = new QLineSeries(m_chart);
  m_theory->setName(tr("theory -1/(d+4)"));
  m_theory->setPen(QPen(QColor(40, 90, 200), 2, Qt::DashLine));
  m_chart->addSeries(m_runs);
  m_chart->addSeries(m_theory);
  m_x = new QLogValueAxis(m_chart);
  m_x->setTitleText("N");
  m_x->setLabelFormat("%g");
  m_y = new QLogValueAxis(m_chart);
  m_y->setTitleText(tr("root residual"));
  m_y->setLabelFormat("%.2g");
  m_chart->addAxis(m_x, Qt::AlignBottom);
  m_chart->addAxis(m_y, Qt::AlignLeft);
  for (auto* s : {static_cast<QXYSeries*>(m_runs), static_cast<QXYSeries*>(m_theory)})
    s->attachAxis(m_x), s->attachAxis(m_y);
  auto* view = new QChartView(m_chart, this);
  view->setRenderHint(QPainter::Antialiasing);
  view->setMinimumSize(420, 300);

  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addLayout(buttons);
  layout->addWidget(m_progress);
  layout->addWidget(m_status);
  layout->addWidget(view, 1);
}

SweepPanel::~SweepPanel() {
  m_cancel = true;
  joinWorker();
}

void SweepPanel::setScene(const SceneConfig& scene) {
  m_scene = scene;
}

void SweepPanel::setParameters(const QString& particles, int seeds, double tolerance,
                               double maxTime, double bandwidthConstant) {
  m_particles->setText(particles);
  m_seeds->setValue(seeds);
  m_tolerance->setValue(tolerance);
  m_maxTime->setValue(maxTime);
  m_bandwidthConstant->setValue(bandwidthConstant);
}

QString SweepPanel::statusText() const {
  return m_status->text();
}

bool SweepPanel::start() {
  if (isRunning()) return false;
  SweepConfig config;
  std::vector<SweepJob> jobs;
  try {
    config.base = m_scene;
    config.axes.particles = parseCountList(m_particles->text().toStdString(), "N", 1, 100000000);
    config.axes.seeds = m_seeds->value();
    config.stationarity.tolerance = m_tolerance->value();
    config.stationarity.maxTime = m_maxTime->value();
    config.stationarity.window = defaultStationarityWindow(config.stationarity.maxTime);
    config.bandwidthConstant = m_bandwidthConstant->value();
    validateStationarityRule(config.stationarity);
    jobs = planSweep(config.base, config.axes);
  } catch (const InputError& e) {
    m_status->setText(tr("Cannot start: %1").arg(e.what()));
    return false;
  }
  m_points.clear();
  m_runs->clear();
  m_theory->clear();
  m_total = int(jobs.size());
  m_progress->setRange(0, m_total);
  m_progress->setValue(0);
  m_status->setText(tr("Running %1 jobs...").arg(m_total));
  m_runButton->setEnabled(false);
  m_cancelButton->setEnabled(true);
  m_cancel = false;
  m_worker = std::thread([this, config, jobs] {
    QString error;
    try {
      runSweep(
          config,
          [this](const SweepPoint& p) {
            QMetaObject::invokeMethod(
                this, [this, p] { addPoint(p); }, Qt::QueuedConnection);
          },
          &m_cancel, &jobs);
    } catch (const std::exception& e) {
      error = QString::fromUtf8(e.what());
    }
    const bool cancelled = m_cancel.load();
    QMetaObject::invokeMethod(
        this, [this, cancelled, error] { finish(cancelled, error); }, Qt::QueuedConnection);
  });
  return true;
}

void SweepPanel::cancel() {
  m_cancel = true;
}

void SweepPanel::joinWorker() {
  if (m_worker.joinable()) m_worker.join();
}

void SweepPanel::addPoint(const SweepPoint& p) {
  m_points.push_back(p);
  m_runs->append(double(p.particles), p.meanRootResidual);
  m_progress->setValue(int(m_points.size()));
  updateTheoryLine();
  rescaleAxes();
  emit jobFinished(int(m_points.size()), m_total);
}

void SweepPanel::updateTheoryLine() {
  // Through the centre (in logs) of the runs so far, over the swept N range.
  double mx = 0, my = 0, lo = 1e300, hi = 0;
  for (const auto& p : m_points) {
    mx += std::log(double(p.particles)) / m_points.size();
    my += std::log(p.meanRootResidual) / m_points.size();
    lo = std::min(lo, double(p.particles)), hi = std::max(hi, double(p.particles));
  }
  const double slope = -1.0 / (m_scene.dim + 4);
  auto at = [&](double n) { return std::exp(my + slope * (std::log(n) - mx)); };
  m_theory->replace(QList<QPointF>{{lo, at(lo)}, {hi, at(hi)}});
}

void SweepPanel::rescaleAxes() {
  double x0 = 1e300, x1 = 0, y0 = 1e300, y1 = 0;
  for (const QPointF& q : m_runs->points() + m_theory->points()) {
    x0 = std::min(x0, q.x()), x1 = std::max(x1, q.x());
    y0 = std::min(y0, q.y()), y1 = std::max(y1, q.y());
  }
  if (!(x0 > 0 && y0 > 0)) return;
  m_x->setRange(x0 / 1.3, x1 * 1.3);
  m_y->setRange(y0 / 1.5, y1 * 1.5);
}

void SweepPanel::finish(bool cancelled, const QString& error) {
  joinWorker();
  m_runButton->setEnabled(true);
  m_cancelButton->setEnabled(false);
  if (!error.isEmpty()) {
    m_status->setText(tr("Stopped: %1").arg(error));
  } else if (cancelled) {
    m_status->setText(tr("Cancelled after %1 of %2 jobs").arg(m_points.size()).arg(m_total));
  } else {
    const SweepSummary s = summarizeSweep(m_points);
    QString text = tr("%1 jobs, %2 stationary").arg(s.jobs).arg(s.converged);
    if (!s.groups.empty() && s.groups[0].fitted) {
      const auto& g = s.groups[0];
      text += tr("; slope %1 [t 95%: %2, %3; bootstrap: %4, %5], theory %6")
                  .arg(g.fit.slope, 0, 'f', 3)
                  .arg(g.fit.slopeLow, 0, 'f', 3)
                  .arg(g.fit.slopeHigh, 0, 'f', 3)
                  .arg(g.bootstrap95.low, 0, 'f', 3)
                  .arg(g.bootstrap95.high, 0, 'f', 3)
                  .arg(g.fit.theory, 0, 'f', 3);
      for (const auto& w : g.warnings) text += "\n" + tr("warning: ") + QString::fromStdString(w);
    }
    m_status->setText(text);
  }
  emit sweepFinished(cancelled);
}

}  // namespace driftlab::ui
