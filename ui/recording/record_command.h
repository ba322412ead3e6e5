#pragma once
/// `driftlab record SCENE.json --out F.{mp4,webm,gif,ogv} | --frames DIR [--fps F]
/// [--steps-per-frame K] [--steps S] [--size WxH] [--curves] [--caption] [--progress]
/// [--title T] [--end-card] [--csv F] [--threads T]` (SPEC §6, issue 15): an offline,
/// deterministic recording. Starts from the scene's `record` object; each option overrides one
/// field. Needs a QApplication (created by main) and a display for OpenGL (xvfb-run in CI).
#include <iosfwd>
#include <string>
#include <vector>

namespace driftlab::ui {

inline constexpr const char* kRecordUsage =
    "driftlab record SCENE.json|TOUR.json --out F.{mp4,webm,gif,ogv} | --frames DIR [--fps F]\n"
    "                [--steps-per-frame K] [--steps S] [--size WxH] [--curves] [--caption]\n"
    "                [--progress] [--title T] [--end-card] [--csv F] [--threads T]";

/// args: the words after "record". Returns the exit code (0, 1 failure, 2 bad input); one
/// line on `err` for any error; a text progress bar on `err` when it is a terminal. SIGINT,
/// SIGTERM and SIGHUP stop the recording between frames, remove every temporary, and end the
/// process by the same signal.
int recordCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace driftlab::ui
