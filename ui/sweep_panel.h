#pragma once
/// Tools > Rate sweep: runs a sweep of the current scene over N and seeds on a worker thread
/// (each job to stationarity, core/sweep/rate_sweep.h) and fills a log-log plot as jobs finish,
/// with the theory's slope -1/(d+4). Cancel stops the running job within one step.
#include <QWidget>
#include <atomic>
#include <thread>
#include <vector>

#include "sweep/rate_sweep.h"

class QChart;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QLineSeries;
class QLogValueAxis;
class QProgressBar;
class QPushButton;
class QScatterSeries;
class QSpinBox;

namespace driftlab::ui {

class SweepPanel : public QWidget {
  Q_OBJECT
 public:
  explicit SweepPanel(QWidget* parent = nullptr);
  /// Cancels a running sweep and waits for its worker (within one step).
  ~SweepPanel() override;

  /// The scene to sweep (validated); N, seed, M and the bandwidth are set per job.
  void setScene(const SceneConfig& scene);
  /// Fields: N list ("60,120,240"), seeds, tolerance, max time, bandwidth constant (0: the
  /// scene's h).
  void setParameters(const QString& particles, int seeds, double tolerance, double maxTime,
                     double bandwidthConstant = 0.0);
  /// Starts a sweep with the fields; false (and the reason in statusText()) on bad input or
  /// while one runs.
  bool start();
  /// Asks the worker to stop; sweepFinished(true) follows.
  void cancel();
  bool isRunning() const { return m_worker.joinable(); }
  /// Finished jobs of the current (or last) sweep, in order.
  const std::vector<SweepPoint>& points() const { return m_points; }
  int totalJobs() const { return m_total; }
  QString statusText() const;
  QScatterSeries* runSeries() const { return m_runs; }
  QLineSeries* theorySeries() const { return m_theory; }
  QProgressBar* progressBar() const { return m_progress; }
  QPushButton* cancelButton() const { return m_cancelButton; }

 signals:
  void jobFinished(int done, int total);
  void sweepFinished(bool cancelled);

 private:
  void addPoint(const SweepPoint& p);
  void finish(bool cancelled, const QString& error);
  void updateTheoryLine();
  void rescaleAxes();
  void joinWorker();

  SceneConfig m_scene;
  QLineEdit* m_particles;
  QSpinBox* m_seeds;
  QDoubleSpinBox *m_tolerance, *m_maxTime, *m_bandwidthConstant;
  QPushButton *m_runButton, *m_cancelButton;
  QProgressBar* m_progress;
  QLabel* m_status;
  QChart* m_chart;
  QScatterSeries* m_runs;
  QLineSeries* m_theory;
  QLogValueAxis *m_x, *m_y;
  std::vector<SweepPoint> m_points;
  int m_total = 0;
  std::atomic<bool> m_cancel{false};
  std::thread m_worker;
};

}  // namespace driftlab::ui
