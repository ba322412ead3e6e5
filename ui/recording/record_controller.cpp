#include "recording/record_controller.h"

#include <QApplication>
#include <QDateTime>
#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QProgressDialog>
#include <QPushButton>
#include <QStatusBar>
#include <QUrl>

#include "base/input_error.h"
#include "engine_bridge.h"
#include "recording/live_recorder.h"
#include "recording/offline_recorder.h"
#include "recording/record_dialog.h"
#include "scene/bounded_json.h"
#include "vtk_view.h"

namespace driftlab::ui {

RecordController::RecordController(QWidget* window, VtkView* view, EngineBridge* bridge,
                                   QStatusBar* status, std::function<SceneConfig()> scene,
                                   MessageFn message)
    : QObject(window),
      m_window(window),
      m_view(view),
      m_bridge(bridge),
      m_scene(std::move(scene)),
      m_message(std::move(message)),
      m_live(new LiveRecorder(view, bridge, this)) {
  m_openFolder = new QPushButton(tr("Open folder"), window);
  m_openFolder->setObjectName("status.open_folder");
  m_openFolder->setFlat(true);
  m_openFolder->hide();
  status->addWidget(m_openFolder);
  connect(m_openFolder, &QPushButton::clicked, this,
          [this] { QDesktopServices::openUrl(QUrl::fromLocalFile(m_lastFolder)); });
  connect(m_live, &LiveRecorder::failed, this, [this](const QString& line) {
    m_message(tr("live recording stopped: %1").arg(line), true);
    emit liveChanged(false);
  });
}

RecordController::~RecordController() = default;

void RecordController::setSettingsJson(const std::string& json) {
  try {
    m_settings = parseRecordJson(parseBoundedJson(json));
  } catch (const InputError&) {
    m_settings = RecordSettings{};  // the scene reader validated it; keep going regardless
  }
}

std::string RecordController::settingsJson() const {
  return recordToJson(m_settings).dump();
}

QString RecordController::defaultTarget(const std::string& format) const {
  const QString folder =
      m_target.isEmpty() ? QDir::currentPath() : QFileInfo(m_target).absolutePath();
  const QString stamp = QDateTime::currentDateTime().toString("yyyyMMdd-HHmmss");
  const QString base = folder + "/driftlab-" + stamp;
  return format == "png" ? base : base + "." + QString::fromStdString(format);
}

void RecordController::showDialog() {
  const double ratio = m_view->devicePixelRatioF();
  RecordDialog dialog(m_settings, m_target.isEmpty() ? defaultTarget(m_settings.format) : m_target,
                      QSize(int(m_view->width() * ratio), int(m_view->height() * ratio)),
                      m_bridge->scene().steps, m_window);
  if (dialog.exec() != QDialog::Accepted) return;
  recordOffline(dialog.settings(), dialog.target());
}

bool RecordController::recordOffline(const RecordSettings& settings, const QString& target) {
  if (m_live->isRecording()) {
    m_message(tr("record: stop the live recording first"), true);
    return false;
  }
  RecordJob job;
  job.scene = m_scene();
  job.settings = settings;
  job.target = target;
  if (const QString problem = checkRecordJob(job); !problem.isEmpty()) {
    m_message(problem, true);
    return false;
  }
  m_settings = settings;
  m_target = target;
  const bool wasPlaying = m_bridge->isPlaying();
  m_bridge->pause();  // the recording's own engine gets the cores
  QProgressDialog progress(tr("Recording..."), tr("Cancel"), 0, 1000, m_window);
  progress.setObjectName("record.progress");
  progress.setWindowModality(Qt::WindowModal);
  progress.setMinimumDuration(0);
  progress.setAutoClose(false);
  progress.setAutoReset(false);
  const RecordResult result = driftlab::ui::recordOffline(job, [&](const RecordProgress& p) {
    progress.setValue(int(1000 * p.frame / std::max<std::int64_t>(1, p.frames)));
    const double left = p.secondsLeft();
    progress.setLabelText(tr("Recording frame %1 of %2%3")
                              .arg(p.frame)
                              .arg(p.frames)
                              .arg(left >= 0 ? tr(", %1 s left").arg(int(left + 0.5)) : ""));
    QApplication::processEvents();
    return !progress.wasCanceled();
  });
  progress.close();
  if (wasPlaying) m_bridge->play();
  if (result.status != RecordResult::Status::kDone) {
    m_message(result.status == RecordResult::Status::kCancelled
                  ? tr("recording cancelled; nothing was written")
                  : result.message,
              result.status != RecordResult::Status::kCancelled);
    return false;
  }
  m_message(result.message, false);
  finished(target);
  return true;
}

void RecordController::toggleLive() {
  QString line;
  if (m_live->isRecording()) {
    const QString target = m_target;
    const bool ok = m_live->stop(&line);
    m_message(ok ? tr("live: %1").arg(line) : line, !ok);
    if (ok) finished(target);
    emit liveChanged(false);
    return;
  }
  const QString target = defaultTarget(m_settings.format);
  if (!m_live->start(m_settings, target, &line)) {
    m_message(line, true);
    emit liveChanged(false);
    return;
  }
  m_target = target;
  m_message(tr("recording the view live to %1 (press the toggle again to stop)").arg(target),
            false);
  emit liveChanged(true);
}

bool RecordController::isLive() const {
  return m_live->isRecording();
}

void RecordController::finished(const QString& path) {
  const QFileInfo info(path);
  m_lastFolder = info.isDir() ? info.absoluteFilePath() : info.absolutePath();
  m_openFolder->show();
}

}  // namespace driftlab::ui
