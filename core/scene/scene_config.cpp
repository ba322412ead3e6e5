#include "scene/scene_config.h"

#include <unistd.h>

#include <cmath>
#include <sstream>

#include "base/input_error.h"
#include "fields/drift_field.h"
#include "geometry/sphere_manifold.h"
#include "registry/registry.h"
#include "targets/target.h"

namespace driftlab {

namespace {

/// Bytes held per point: positions, velocities, initial positions, an integrator stage,
/// kernel-sum outputs and two published snapshots, all d doubles; plus a few scalars.
std::int64_t bytesPerPoint(int dim) {
  return (10 * dim + 4) * 8;
}

std::int64_t physicalBytes() {
  const long pages = sysconf(_SC_PHYS_PAGES);
  const long size = sysconf(_SC_PAGE_SIZE);
  return pages > 0 && size > 0 ? std::int64_t(pages) * size : (std::int64_t(8) << 30);
}

void requireRange(std::int64_t v, std::int64_t lo, std::int64_t hi, const std::string& field) {
  if (v < lo || v > hi)
    throw InputError(field, "got " + std::to_string(v),
                     "integers from " + std::to_string(lo) + " to " + std::to_string(hi));
}

/// The flow's parameters with the bandwidth's lower end raised to kMinBandwidth.
std::vector<ParamSpec> withSafeBandwidth(std::vector<ParamSpec> specs) {
  for (auto& spec : specs)
    if (spec.key == "bandwidth" && spec.min < kMinBandwidth) {
      spec.min = kMinBandwidth;
      spec.minExclusive = false;
    }
  return specs;
}

}  // namespace

std::string formatNumber(double v) {
  std::ostringstream os;
  os << v;
  return os.str();
}

std::int64_t maxPointsForMemory(int dim) {
  return physicalBytes() / 2 / bytesPerPoint(dim);
}

void validateScene(SceneConfig& s) {
  requireRange(s.dim, 1, 8, "dim");
  if (s.manifold != kEuclidean && s.manifold != kSphere)
    throw InputError("manifold", "unknown manifold '" + quoteForMessage(s.manifold) + "'",
                     "euclidean, sphere");
  if (s.manifold == kSphere && s.dim != 3)
    throw InputError("manifold", "'sphere' is S^2 in R^3 but dim is " + std::to_string(s.dim),
                     "euclidean, or sphere with dim 3");
  const TargetInfo& target = targets().require(s.targetName, "target.name");
  if (target.dim != 0 && target.dim != s.dim) {
    std::string same;
    for (const auto& t : targets().entries())
      if (t.dim == 0 || t.dim == s.dim) same += (same.empty() ? "" : ", ") + t.id;
    throw InputError("target.name",
                     "'" + s.targetName + "' is " + std::to_string(target.dim) + "D but dim is " +
                         std::to_string(s.dim),
                     same);
  }
  s.targetParams = validateParams(target.params, s.targetParams, "target");
  const InitInfo& init = initialClouds().require(s.initName, "init.name");
  s.initParams = validateParams(init.params, s.initParams, "init");
  const FlowInfo& flow = flows().require(s.flowName, "flow.name");
  s.flowParams = validateParams(withSafeBandwidth(flow.params), s.flowParams, "flow");
  // Cross-parameter checks live in the flow's factory.
  const std::unique_ptr<DriftField> field = flow.make(s.flowParams);
  if (s.manifold == kSphere && !flow.onSphere) {
    std::string allowed;
    for (const auto& f : flows().entries())
      if (f.onSphere) allowed += (allowed.empty() ? "" : ", ") + f.id;
    throw InputError("manifold", "flow '" + s.flowName + "' has no meaning on the sphere",
                     "euclidean, or sphere with the flows " + allowed);
  }
  if (s.manifold == kSphere && flow.needsMixture && flow.needsMixture(s.flowParams))
    throw InputError("manifold",
                     "flow '" + s.flowName +
                         "' with these options needs the exact score of a Gaussian mixture, "
                         "which no target on the sphere has",
                     "euclidean, or other options of the flow");
  const IntegratorInfo& integrator = integrators().require(s.integratorName, "integrator.name");
  if (integrator.needsDiffusion && field->diffusionSchedule() == nullptr) {
    std::string general, diffusion;
    for (const auto& i : integrators().entries())
      if (!i.needsDiffusion) general += (general.empty() ? "" : ", ") + i.id;
    for (const auto& f : flows().entries())
      if (f.make(validateParams(f.params, ParamSet{}, "flow"))->diffusionSchedule())
        diffusion += (diffusion.empty() ? "" : ", ") + f.id;
    throw InputError("integrator.name",
                     "'" + s.integratorName + "' integrates diffusion flows only; flow '" +
                         s.flowName + "' is not one",
                     general + "; or flow " + diffusion);
  }
  backends().require(s.backend, "backend");
  if (!std::isfinite(s.eta) || !(s.eta > 0.0) || s.eta > 1e6)
    throw InputError("integrator.eta", "got " + formatNumber(s.eta), "numbers in (0, 1e6]");
  requireRange(s.steps, 0, std::int64_t(1) << 40, "steps");

  // Particles and samples share the budget; each range leaves room for at least one of the
  // other, so the largest count a message advertises is accepted.
  const std::int64_t cap = maxPointsForMemory(s.dim);
  const std::string mem = std::to_string(physicalBytes() >> 30) + " GiB";
  if (s.particles > cap - 1)
    throw InputError("particles",
                     "got " + std::to_string(s.particles) + ", more than half of this machine's " +
                         mem + " of memory holds",
                     "integers from 1 to " + std::to_string(cap - 1));
  requireRange(s.particles, 1, cap - 1, "particles");
  if (s.samples > cap - s.particles)
    throw InputError("target.samples",
                     "got " + std::to_string(s.samples) + ", more than half of this machine's " +
                         mem + " of memory holds beside the " + std::to_string(s.particles) +
                         " particles",
                     "integers from 1 to " + std::to_string(cap - s.particles));
  requireRange(s.samples, 1, cap - s.particles, "target.samples");
  // Building the samplers checks vector parameters against dim.
  const std::unique_ptr<Target> built = target.make(s.targetParams, s.dim);
  init.make(s.initParams, s.dim, *built);
  if (flow.needsMixture && flow.needsMixture(s.flowParams) && built->mixture() == nullptr) {
    std::string mixtures;
    for (const auto& t : targets().entries()) {
      if (t.dim != 0 && t.dim != s.dim) continue;
      try {
        if (t.make(validateParams(t.params, ParamSet{}, "target"), s.dim)->mixture() != nullptr)
          mixtures += (mixtures.empty() ? "" : ", ") + t.id;
      } catch (const std::exception&) {
      }
    }
    throw InputError("target.name",
                     "flow '" + s.flowName +
                         "' with these options needs the exact score of a "
                         "Gaussian-mixture target; '" +
                         s.targetName + "' has none",
                     mixtures);
  }
}

SceneConfig defaultScene() {
  SceneConfig s;
  validateScene(s);
  return s;
}

}  // namespace driftlab
