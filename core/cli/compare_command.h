#pragma once
/// `driftlab compare`: several scenes (typically one preset per flow) on the same targets, side
/// by side, in one table (issue 18).
///
///   driftlab compare SCENE.json... [--targets T1,T2,...] [--steps K] [--particles N]
///                    [--samples M] [--threads T] [--csv F]
///
/// For every target (default: each scene's own) and every scene, in that order: the scene with
/// the target replaced (its default parameters; the scene's M unless --samples) and N, K
/// replaced when given, run for K steps (fewer if the flow's own time grid ends first, e.g.
/// pf-ode at t_min). Prints a Markdown table, one row per run: scene, flow, target, steps run,
/// sliced_w2 at step 0 and at the end, their ratio, mode_coverage and hq_fraction at the end
/// (Gaussian-mixture targets; "-" otherwise), and the mean wall time of one step (ms, the step
/// alone, no diagnostics). --csv writes the same rows as CSV (full precision).
#include <iosfwd>
#include <string>
#include <vector>

#include "scene/scene_config.h"

namespace driftlab {

/// One run of the comparison.
struct ComparisonRow {
  std::string scene, flow, target;
  std::int64_t steps = 0;
  double slicedW2Start = 0.0, slicedW2End = 0.0;
  double modeCoverage = 0.0, hqFraction = 0.0;  ///< NaN for targets without a mixture
  double msPerStep = 0.0;
};

/// Runs `scene` (validated) for up to scene.steps steps and measures it; `label` names it.
ComparisonRow compareRun(const SceneConfig& scene, const std::string& label);

/// args: the words after "compare". Returns the exit code; the table goes to `out`.
int compareCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace driftlab
