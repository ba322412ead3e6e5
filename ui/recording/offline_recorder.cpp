#include "recording/offline_recorder.h"

#include <QElapsedTimer>
#include <QFileInfo>
#include <memory>
#include <optional>

#include "base/input_error.h"
#include "cli/atomic_file.h"
#include "cli/diagnostics_csv.h"
#include "engine/snapshot.h"
#include "recording/recording_stage.h"
#include "recording/tour_recording.h"
#include "registry/registry.h"

namespace driftlab::ui {

namespace {

RecordResult failed(RecordResult::Status status, const QString& message) {
  RecordResult r;
  r.status = status;
  r.message = message;
  return r;
}

SinkSpec sinkSpecOf(const RecordJob& job) {
  SinkSpec spec;
  spec.format = recordFormatOf(job.settings);
  spec.target = job.target;
  spec.size = QSize(job.settings.width, job.settings.height);
  spec.fps = job.settings.fps;
  return spec;
}

/// The CSV of the recorded run: rows as `driftlab run --csv` writes them (finite or refused).
class RecordCsv {
 public:
  explicit RecordCsv(const QString& path) {
    if (path.isEmpty()) return;
    m_file.emplace(path.toStdString(), "--csv");
    writeCsvHeader(m_file->stream());
  }
  void write(const std::vector<DiagnosticRow>& rows) {
    if (!m_file) return;
    for (const DiagnosticRow& row : rows) {
      // The engine republishes a step's row when a command re-evaluates it (the display grid,
      // a setting): the CSV has one row per step, as `driftlab run` writes it.
      if (row.step <= m_lastStep) continue;
      m_lastStep = row.step;
      requireFiniteRow(row);
      writeCsvRow(m_file->stream(), row);
    }
  }
  void finish() {
    if (m_file) m_file->finish();
  }
  void publish() {
    if (m_file) m_file->publish();
  }

 private:
  std::optional<AtomicFile> m_file;
  std::int64_t m_lastStep = -1;
};

}  // namespace

double RecordProgress::secondsLeft() const {
  if (frame <= 0) return -1.0;
  return elapsedSeconds / double(frame) * double(frames - frame);
}

RecordFormat recordFormatOf(const RecordSettings& s) {
  if (s.format == "mp4") return RecordFormat::kMp4;
  if (s.format == "webm") return RecordFormat::kWebm;
  if (s.format == "gif") return RecordFormat::kGif;
  if (s.format == "ogv") return RecordFormat::kOgv;
  return RecordFormat::kPngFrames;
}

QString checkRecordJob(const RecordJob& job) {
  try {
    validateRecordSettings(job.settings);
  } catch (const InputError& e) {
    return QString::fromStdString(e.what());
  }
  QString error;
  auto sink = openFrameSink(sinkSpecOf(job), &error);
  if (!sink) return error;
  sink->abort();
  if (!job.csvPath.isEmpty()) {
    try {
      AtomicFile probe(job.csvPath.toStdString(), "--csv");
    } catch (const InputError& e) {
      return QString::fromStdString(e.what());
    }
  }
  return {};
}

RecordResult recordOffline(const RecordJob& job,
                           const std::function<bool(const RecordProgress&)>& progress) {
  using Status = RecordResult::Status;
  QString error;
  // Every output is checked and opened as a temporary before the first step.
  try {
    validateRecordSettings(job.settings);
  } catch (const InputError& e) {
    return failed(Status::kBadInput, QString::fromStdString(e.what()));
  }
  std::unique_ptr<FrameSink> sink = openFrameSink(sinkSpecOf(job), &error);
  if (!sink) return failed(Status::kBadInput, error);
  std::unique_ptr<RecordCsv> csv;
  try {
    csv = std::make_unique<RecordCsv>(job.csvPath);
  } catch (const InputError& e) {
    sink->abort();
    return failed(Status::kBadInput, QString::fromStdString(e.what()));
  }
  RecordingStage stage(job.scene, job.settings);
  std::optional<TourRecording> tour;
  if (job.tour) {
    tour.emplace(*job.tour);
    stage.setCaption({}, TourRecording::kCaptionLines);  // the layout before the view exists
  }
  if (!stage.initialise(&error)) {
    sink->abort();
    return failed(Status::kFailed, error);
  }

  const RecordSettings& s = job.settings;
  RecordProgress state;
  state.frames = totalFrames(s, job.scene.steps);
  if (tour) state.frames += tour->waitFrames(s, recordedSteps(s, job.scene.steps));
  const std::int64_t runFrameCount = runFrames(s, job.scene.steps);
  QElapsedTimer clock;
  clock.start();
  bool cancelled = false;
  auto push = [&](const QImage& image) {
    if (!sink->write(image, &error)) return false;
    ++state.frame;
    state.elapsedSeconds = clock.elapsed() / 1000.0;
    cancelled = progress && !progress(state);
    if (cancelled) error = "cancelled";
    return !cancelled;
  };
  // Cancelled, or failed with `error`: the sink removes what it wrote.
  auto stopped = [&] {
    sink->abort();
    RecordResult r = failed(cancelled ? Status::kCancelled : Status::kFailed, error);
    r.frames = state.frame;
    return r;
  };
  try {
    if (!s.title.empty()) {
      const QImage card = stage.titleCard();
      for (std::int64_t i = 0; i < cardFrames(s); ++i)
        if (!push(card)) return stopped();
    }
    double done = 0.0;
    auto hold = [&] {  // a tour's "wait": the frame repeated for TourRecording::kWaitSeconds
      const QImage still = stage.frame(done);
      for (std::int64_t k = 0; k < TourRecording::pauseFrames(s); ++k)
        if (!push(still)) return false;
      return true;
    };
    for (std::int64_t f = 0; f < runFrameCount; ++f) {
      const std::int64_t step = f * s.stepsPerFrame;
      if (!(tour ? tour->advanceTo(stage, step, hold, &error) : stage.advanceTo(step, &error)))
        return stopped();
      csv->write(stage.takeRows());
      done = runFrameCount > 1 ? double(f) / double(runFrameCount - 1) : 1.0;
      if (!push(stage.frame(done))) return stopped();
    }
    if (tour && tour->endsWithWait() && !hold()) return stopped();
    if (s.endCard) {
      const QImage card = stage.endCard();
      for (std::int64_t i = 0; i < cardFrames(s); ++i)
        if (!push(card)) return stopped();
    }
    csv->finish();
  } catch (const std::exception& e) {  // StateError (non-finite row), a full disk on the CSV
    error = QString::fromStdString(e.what());
    return stopped();
  }
  if (!sink->finish(&error)) return stopped();
  try {
    csv->publish();
  } catch (const std::exception& e) {
    return failed(Status::kFailed, QString::fromStdString(e.what()));
  }
  RecordResult r;
  r.status = Status::kDone;
  r.frames = state.frame;
  r.seconds = clock.elapsed() / 1000.0;
  r.message = QString("%1 frames (%2x%3, %4 fps) written to %5")
                  .arg(r.frames)
                  .arg(s.width)
                  .arg(s.height)
                  .arg(s.fps)
                  .arg(job.target);
  return r;
}

}  // namespace driftlab::ui
