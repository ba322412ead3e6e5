#include "recording/record_command.h"

#include <omp.h>
#include <signal.h>
#include <unistd.h>

#include <QApplication>
#include <cmath>
#include <csignal>
#include <fstream>
#include <iostream>

#include "base/input_error.h"
#include "cli/run_command.h"
#include "recording/offline_recorder.h"
#include "scene/bounded_json.h"
#include "scene/scene_json.h"
#include "tour/tour.h"
#include "tour/tour_schedule.h"

namespace driftlab::ui {

namespace {

volatile std::sig_atomic_t g_stopSignal = 0;

extern "C" void noteStopSignal(int sig) {
  g_stopSignal = sig;
}

/// Installed before any output is opened, so AtomicFile keeps it (it installs its own only
/// over the default action): the recorder stops between frames and cleans up itself.
void installStopHandlers() {
  for (int sig : {SIGINT, SIGTERM, SIGHUP}) {
    struct sigaction old {};
    sigaction(sig, nullptr, &old);
    if (old.sa_handler == SIG_IGN) continue;  // nohup
    struct sigaction sa {};
    sa.sa_handler = noteStopSignal;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, nullptr);
  }
}

[[noreturn]] void dieBySignal(int sig) {
  signal(sig, SIG_DFL);
  raise(sig);
  _exit(128 + sig);
}

QSize parseSize(const std::string& text) {
  const auto x = text.find('x');
  const char* allowed = "WxH with integers from 16 to 7680, e.g. 1280x720";
  if (x == std::string::npos)
    throw InputError("--size", "got '" + quoteForMessage(text) + "'", allowed);
  const auto w = parseIntegerOption(text.substr(0, x), "--size", 16, 7680);
  const auto h = parseIntegerOption(text.substr(x + 1), "--size", 16, 7680);
  return QSize(int(w), int(h));
}

/// A tour when the file is a JSON object with a "steps" array (a scene's "steps" is a number):
/// its opening scene is recorded up to the tour's end, with the caption band on (three lines,
/// the step's caption), a title card with the tour's title and, unless the opening scene has
/// a `record` object, the curves on the right.
void readSceneOrTour(const std::string& path, RecordJob& job) {
  std::ifstream in(path, std::ios::binary);
  std::string text;
  char chunk[1 << 16];
  while (in && text.size() <= JsonBounds{}.maxDocument && in.read(chunk, sizeof chunk).gcount() > 0)
    text.append(chunk, static_cast<std::size_t>(in.gcount()));
  const bool tour = isTourText(text);
  if (!tour) {
    job.scene = loadSceneFile(path);
    job.settings = parseRecordJson(parseBoundedJson(job.scene.recordJson));
    return;
  }
  job.tour = loadTourFile(path);
  job.scene = job.tour->scene;
  job.scene.steps = scheduleTour(*job.tour).endStep;
  job.settings = parseRecordJson(parseBoundedJson(job.scene.recordJson));
  if (job.scene.recordJson == "{}") job.settings.curves = "right";
  job.settings.caption = true;
  job.settings.steps = -1;
  job.settings.seconds = 0.0;
  if (job.settings.title.empty()) job.settings.title = job.tour->title;
}

RecordJob parseJob(const std::vector<std::string>& args) {
  const CommandLine cl = parseCommandLine(args,
                                          {"--out", "--frames", "--fps", "--steps-per-frame",
                                           "--steps", "--size", "--title", "--csv", "--threads"},
                                          {"--curves", "--caption", "--progress", "--end-card"});
  if (cl.positional.size() != 1)
    throw InputError("SCENE.json", cl.positional.empty() ? "missing" : "more than one given",
                     kRecordUsage);
  RecordJob job;
  readSceneOrTour(cl.positional[0], job);
  const std::string* out = cl.get("--out");
  const std::string* frames = cl.get("--frames");
  if (!out == !frames)
    throw InputError("--out", out ? "given with --frames" : "missing",
                     "either --out F.{mp4,webm,gif,ogv} or --frames DIR");
  if (out) {
    RecordFormat format;
    job.target = QString::fromStdString(*out);
    if (!formatFromPath(job.target, &format))
      throw InputError("--out", "unknown extension in '" + quoteForMessage(*out) + "'",
                       ".mp4, .webm, .gif, .ogv (or --frames DIR for PNG frames)");
    job.settings.format = formatName(format).toStdString();
  } else {
    job.target = QString::fromStdString(*frames);
    job.settings.format = "png";
  }
  if (const auto* v = cl.get("--fps")) {
    job.settings.fps = parseNumberOption(*v, "--fps");
    if (!(job.settings.fps > 0 && job.settings.fps <= 240))
      throw InputError("--fps", "got '" + *v + "'", "numbers in (0, 240]");
  }
  if (const auto* v = cl.get("--steps-per-frame"))
    job.settings.stepsPerFrame = parseIntegerOption(*v, "--steps-per-frame", 1, 1'000'000);
  if (const auto* v = cl.get("--steps")) {
    job.settings.steps = parseIntegerOption(*v, "--steps", 0, 1LL << 40);
    job.settings.seconds = 0.0;
  }
  if (const auto* v = cl.get("--size")) {
    const QSize size = parseSize(*v);
    job.settings.width = size.width();
    job.settings.height = size.height();
  }
  if (cl.get("--curves") && job.settings.curves == "none") job.settings.curves = "right";
  if (cl.get("--caption")) job.settings.caption = true;
  if (cl.get("--progress")) job.settings.progress = true;
  if (cl.get("--end-card")) job.settings.endCard = true;
  if (const auto* v = cl.get("--title")) job.settings.title = *v;
  if (const auto* v = cl.get("--csv")) job.csvPath = QString::fromStdString(*v);
  if (const auto* t = cl.get("--threads"))
    omp_set_num_threads(static_cast<int>(parseIntegerOption(*t, "--threads", 1, 1024)));
  try {
    validateRecordSettings(job.settings);
  } catch (const InputError& e) {  // name the option the user typed where there is one
    std::string what = e.what();
    if (what.rfind("record.size", 0) == 0 && cl.get("--size")) what.replace(0, 11, "--size");
    throw InputError(what.substr(0, what.find(':')), what.substr(what.find(':') + 2));
  }
  return job;
}

void drawProgressBar(std::ostream& err, const RecordProgress& p) {
  constexpr int kWidth = 30;
  const int filled = p.frames > 0 ? int(kWidth * p.frame / p.frames) : kWidth;
  const double left = p.secondsLeft();
  err << "\rrecord [" << std::string(filled, '#') << std::string(kWidth - filled, '-') << "] "
      << p.frame << "/" << p.frames << " frames";
  if (left >= 0) err << ", " << int(std::ceil(left)) << " s left   ";
  err << std::flush;
}

}  // namespace

int recordCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  installStopHandlers();
  RecordJob job;
  try {
    job = parseJob(args);
  } catch (const InputError& e) {
    err << "driftlab record: " << e.what() << '\n';
    return kExitBadInput;
  }
  const bool terminal = isatty(STDERR_FILENO);
  const RecordResult result = recordOffline(job, [&](const RecordProgress& p) {
    if (terminal) drawProgressBar(err, p);
    QApplication::processEvents();
    return g_stopSignal == 0;
  });
  if (terminal) err << '\n';
  if (g_stopSignal != 0) dieBySignal(g_stopSignal);  // temporaries are gone already
  using Status = RecordResult::Status;
  if (result.status == Status::kDone) {
    out << "driftlab record: " << result.message.toStdString() << " in "
        << std::round(result.seconds * 10) / 10 << " s\n";
    return kExitOk;
  }
  err << "driftlab record: " << escapeControlCharacters(result.message.toStdString()) << '\n';
  const bool badInput = result.status == Status::kBadInput || result.message.startsWith("state");
  return badInput ? kExitBadInput : kExitFailure;
}

}  // namespace driftlab::ui
