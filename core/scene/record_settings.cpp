#include "scene/record_settings.h"

#include <cmath>

#include "base/input_error.h"
#include "scene/bounded_json.h"
#include "scene/scene_config.h"

namespace driftlab {

using nlohmann::json;

namespace {

constexpr int kMinSide = 16, kMaxSide = 7680;
constexpr double kMaxFps = 240.0;
constexpr std::int64_t kMaxStepsPerFrame = 1'000'000;
constexpr std::int64_t kMaxFrames = 1'000'000;

std::int64_t readInteger(const json& j, const std::string& field, std::int64_t lo,
                         std::int64_t hi) {
  const std::string allowed = "integers from " + std::to_string(lo) + " to " + std::to_string(hi);
  const double v = readNumber(j, field, allowed);
  if (v != std::floor(v) || !(v >= double(lo) && v <= double(hi)))
    throw InputError(field, "got " + briefJson(j), allowed);
  return static_cast<std::int64_t>(v);
}

}  // namespace

const std::vector<std::string>& recordFormats() {
  static const std::vector<std::string> formats{"mp4", "webm", "gif", "ogv", "png"};
  return formats;
}

const std::vector<std::string>& recordCurveLayouts() {
  static const std::vector<std::string> layouts{"none", "right", "below"};
  return layouts;
}

void validateRecordSettings(const RecordSettings& s) {
  if (!listed(recordFormats(), s.format))
    throw InputError("record.format", "unknown value '" + quoteForMessage(s.format) + "'",
                     joinedList(recordFormats()));
  const std::string sides = "integers from " + std::to_string(kMinSide) + " to " +
                            std::to_string(kMaxSide) + " (even for every format but png)";
  const bool video = s.format != "png";  // encoders take even sizes (chroma subsampling)
  for (int side : {s.width, s.height})
    if (side < kMinSide || side > kMaxSide || (video && side % 2 != 0))
      throw InputError("record.size",
                       "got " + std::to_string(s.width) + "x" + std::to_string(s.height), sides);
  if (!(s.fps > 0.0 && s.fps <= kMaxFps))
    throw InputError("record.fps", "got " + formatNumber(s.fps), "numbers in (0, 240]");
  if (s.stepsPerFrame < 1 || s.stepsPerFrame > kMaxStepsPerFrame)
    throw InputError("record.steps_per_frame", "got " + std::to_string(s.stepsPerFrame),
                     "integers from 1 to 1000000");
  if (s.steps > std::int64_t(1) << 40)
    throw InputError("record.steps", "got " + std::to_string(s.steps),
                     "integers from 0 to 1099511627776");
  if (!(s.seconds >= 0.0 && s.seconds * s.fps <= double(kMaxFrames)))
    throw InputError("record.seconds", "got " + formatNumber(s.seconds),
                     "numbers from 0 to 1000000 frames / fps");
  if (!listed(recordCurveLayouts(), s.curves))
    throw InputError("record.curves", "unknown value '" + quoteForMessage(s.curves) + "'",
                     joinedList(recordCurveLayouts()));
  if (s.title.size() > 200)
    throw InputError("record.title", "longer than 200 bytes", "a title of at most 200 bytes");
  if (!(s.cardSeconds > 0.0 && s.cardSeconds <= 60.0))
    throw InputError("record.card_seconds", "got " + formatNumber(s.cardSeconds),
                     "numbers in (0, 60]");
}

RecordSettings parseRecordJson(const json& r) {
  requireKnownKeys(r, "record",
                   {"format", "size", "fps", "steps_per_frame", "steps", "seconds", "curves",
                    "caption", "progress", "title", "end_card", "card_seconds"});
  RecordSettings s;
  if (r.contains("format"))
    s.format = readString(r["format"], "record.format", joinedList(recordFormats()));
  if (r.contains("size")) {
    const json& wh = r["size"];
    const char* allowed = "[width, height] in pixels";
    if (!wh.is_array() || wh.size() != 2)
      throw InputError("record.size", "expected 2 integers, got " + briefJson(wh), allowed);
    s.width = int(readInteger(wh[0], "record.size", kMinSide, kMaxSide));
    s.height = int(readInteger(wh[1], "record.size", kMinSide, kMaxSide));
  }
  if (r.contains("fps")) s.fps = readNumber(r["fps"], "record.fps", "numbers in (0, 240]");
  if (r.contains("steps_per_frame"))
    s.stepsPerFrame =
        readInteger(r["steps_per_frame"], "record.steps_per_frame", 1, kMaxStepsPerFrame);
  if (r.contains("steps"))
    s.steps = readInteger(r["steps"], "record.steps", -1, std::int64_t(1) << 40);
  if (r.contains("seconds")) s.seconds = readNumber(r["seconds"], "record.seconds", "numbers >= 0");
  if (r.contains("curves"))
    s.curves = readString(r["curves"], "record.curves", joinedList(recordCurveLayouts()));
  if (r.contains("caption")) s.caption = readBool(r["caption"], "record.caption");
  if (r.contains("progress")) s.progress = readBool(r["progress"], "record.progress");
  if (r.contains("title")) s.title = readString(r["title"], "record.title", "a string");
  if (r.contains("end_card")) s.endCard = readBool(r["end_card"], "record.end_card");
  if (r.contains("card_seconds"))
    s.cardSeconds = readNumber(r["card_seconds"], "record.card_seconds", "numbers in (0, 60]");
  validateRecordSettings(s);
  return s;
}

json recordToJson(const RecordSettings& s) {
  return json{{"format", s.format},     {"size", {s.width, s.height}},
              {"fps", s.fps},           {"steps_per_frame", s.stepsPerFrame},
              {"steps", s.steps},       {"seconds", s.seconds},
              {"curves", s.curves},     {"caption", s.caption},
              {"progress", s.progress}, {"title", s.title},
              {"end_card", s.endCard},  {"card_seconds", s.cardSeconds}};
}

std::int64_t recordedSteps(const RecordSettings& s, std::int64_t sceneSteps) {
  if (s.seconds > 0.0) {
    const auto frames = std::max<std::int64_t>(1, std::llround(s.seconds * s.fps));
    return (frames - 1) * s.stepsPerFrame;
  }
  const std::int64_t steps = s.steps >= 0 ? s.steps : std::max<std::int64_t>(0, sceneSteps);
  return steps / s.stepsPerFrame * s.stepsPerFrame;
}

std::int64_t runFrames(const RecordSettings& s, std::int64_t sceneSteps) {
  return recordedSteps(s, sceneSteps) / s.stepsPerFrame + 1;
}

std::int64_t cardFrames(const RecordSettings& s) {
  return std::max<std::int64_t>(1, std::llround(s.cardSeconds * s.fps));
}

std::int64_t totalFrames(const RecordSettings& s, std::int64_t sceneSteps) {
  return runFrames(s, sceneSteps) + (s.title.empty() ? 0 : cardFrames(s)) +
         (s.endCard ? cardFrames(s) : 0);
}

}  // namespace driftlab
