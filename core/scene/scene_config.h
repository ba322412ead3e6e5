#pragma once
/// A scene: everything that defines a run (SPEC §7). Parameters are kept validated, with
/// their defaults filled in, so two equal configs describe the same run.
#include <cstdint>
#include <string>

#include "base/param_set.h"

namespace driftlab {

struct SceneConfig {
  int dim = 2;
  /// `manifold`: "euclidean" (R^dim) or "sphere" (the unit sphere S^2, dim 3; SPEC §2): the
  /// velocity projected to the tangent plane, every step followed by renormalisation, the
  /// initial cloud and the target's samples retracted to the sphere.
  std::string manifold = "euclidean";
  std::string targetName = "8gaussians";
  std::int64_t samples = 4000;  ///< M
  /// Draw a fresh data sample of p before every step (`target.resample`; SPEC §2): the data
  /// of step k are the target's sample for epoch k, so a state's data follow from its step.
  bool resampleData = false;
  ParamSet targetParams;
  std::string initName = "gaussian";
  ParamSet initParams;
  std::int64_t particles = 2000;  ///< N
  std::string flowName = "conservative";
  ParamSet flowParams;  ///< includes "bandwidth" (as given: maybe relative to the median)
  std::string integratorName = "euler";
  double eta = 0.05;
  std::string backend = "auto";
  std::uint64_t seed = 1;
  std::int64_t steps = 300;
  std::string title;    ///< one line shown over the view and in File > Examples (may be empty)
  std::string caption;  ///< a paragraph: what to look at, what it shows, which claim
  std::string layersJson = "{}";  ///< GUI-only objects, kept verbatim; the CLI ignores them
  std::string cameraJson = "{}";
  std::string recordJson = "{}";  ///< the `record` object (scene/record_settings.h), validated
  std::string
      compareJson;  ///< split view: the right side's differences (scene_compare.h); empty: none

  bool operator==(const SceneConfig&) const = default;
};

/// Smallest flow.bandwidth (absolute, or the multiple of the median distance): below it the
/// Gaussian normaliser (2 pi h^2)^(-d/2), 1/h^2 and the KDE diagnostics leave double range
/// (issue 14: 1e-12 gave kl = inf, 1e-200 with drift units entropy = nan).
inline constexpr double kMinBandwidth = 1e-4;

/// Checks every field against the registry and the machine (memory for N and M), fills
/// defaults into the parameter sets; throws InputError naming the first bad field.
void validateScene(SceneConfig& scene);

/// The default scene (validated).
SceneConfig defaultScene();

/// Shortest round-trip-free text for a number in messages ("1e+300", "0.25").
std::string formatNumber(double v);

/// Largest particle count + sample count whose state fits in half the physical memory.
std::int64_t maxPointsForMemory(int dim);

}  // namespace driftlab
