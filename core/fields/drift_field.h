#pragma once
/// A drifting velocity field: a pure function of (particles, data, parameters).
#include <cstdint>
#include <optional>
#include <string>

#include "base/param_set.h"
#include "base/point_set.h"
#include "evaluators/kernel_sum_backend.h"

namespace driftlab {

class Target;
class DiffusionSchedule;

/// Gaussian kernel sums at the particles that a field computed anyway (unnormalised, see
/// KernelSums); the diagnostics reuse them instead of summing again.
struct ParticleKdeSums {
  double h = 0.0;          ///< bandwidth of the sums; 0 = not available
  Vector logSumData;       ///< N: log sum_j exp(-|x_i - y_j|^2 / 2h^2)
  Vector logSumParticles;  ///< N: log sum_k exp(-|x_i - x_k|^2 / 2h^2), self included
};

/// What a field sees. particles: N x d (the model sample, law q); data: M x d (law p).
struct FieldInputs {
  ConstPointRef particles;
  ConstPointRef data;
  std::uint64_t dataVersion;  ///< changes whenever the data change; lets backends cache
  KernelSumBackend& backend;
  /// Optional output of atParticles: filled by fields whose sums are the Gaussian KDEs.
  ParticleKdeSums* kdeSums = nullptr;
  /// The target, for fields that may use its exact density or score (svgd's exact score,
  /// pf-ode); null when the caller has none (then such fields use the data or refuse).
  const Target* target = nullptr;
  /// Simulation time of the state (sum of the steps taken); time-dependent fields (pf-ode)
  /// read it, every other field ignores it.
  double time = 0.0;

  /// The same inputs with other particles (and optionally another kdeSums output).
  FieldInputs withParticles(ConstPointRef X, ParticleKdeSums* sums = nullptr) const {
    return {X, data, dataVersion, backend, sums, target, time};
  }
};

class DriftField {
 public:
  virtual ~DriftField() = default;
  /// Velocity at the particles themselves (leave-one-out rules apply). out: N x d.
  virtual void atParticles(const FieldInputs& in, PointRef out) const = 0;
  /// Velocity at arbitrary points (grid, probes); every particle is a kernel centre.
  /// queries: n x d, out: n x d.
  virtual void atPoints(const FieldInputs& in, ConstPointRef queries, PointRef out) const = 0;
  /// h (Gaussian) or tau (Laplace); diagnostics use it as the Gaussian bandwidth.
  virtual double bandwidth() const = 0;
  /// True when the field is a gradient (used by tests and the curl layer's caption).
  virtual bool conservative() const = 0;
  /// True when a Gaussian-kernel FFT backend can evaluate this field.
  virtual bool gaussianKernel() const = 0;
  /// Closed-form velocity and Jacobian from exact (direct) kernel sums, whatever the backend.
  /// queries: n x d; atParticles: the queries are in.particles and atParticles' leave-one-out
  /// rules apply. Every kernel centre and normaliser is held fixed (the "field view").
  /// v: n x d; jac: n x (d*d), row-major, jac(i, a*d + b) = d v_a / d x_b.
  virtual void jacobian(const FieldInputs& in, ConstPointRef queries, bool atParticles, PointRef v,
                        PointRef jac) const = 0;
  /// `rows` values, for the first `rows` particles: for particle i, the trace of the rest of the
  /// total derivative d v_i / d x_i under atParticles' rules, i.e. of the dependence on x_i as a
  /// kernel centre (and through any normaliser built from the particles). The divergence of the
  /// particle's own velocity when it moves is trace(J_i) + selfDivergence_i (the Stein self term,
  /// SPEC §3).
  virtual Vector selfDivergence(const FieldInputs& in, Eigen::Index rows) const = 0;
  /// Maps updated positions (N x d) back onto the field's manifold. Integrators call it after
  /// every position update, predictor stages included, before the field is evaluated there.
  /// Euclidean fields: nothing (the default); on the sphere: x / |x| (fields/tangent_field.h).
  virtual void retract(PointRef /*X*/) const {}
  /// Fields with their own time grid (pf-ode): the size of the next step from simulation time
  /// `time`, 0 once the grid is finished. The Simulation then follows it instead of the scene's
  /// eta and the step-size control. nullopt (the default): no grid of its own.
  virtual std::optional<double> scheduledStep(double /*time*/) const { return std::nullopt; }
  /// The diffusion behind a probability-flow field (for the exponential integrator and the
  /// diffusion_time diagnostic); nullptr for every other field.
  virtual const DiffusionSchedule* diffusionSchedule() const { return nullptr; }
};

/// Common flow parameters: bandwidth (absolute or relative to the median pairwise
/// distance of the data) and the "drift units" switch.
ParamSpec bandwidthParam(double def);
ParamSpec bandwidthModeParam();
ParamSpec driftUnitsParam(bool def);
/// The mean-shift normalisation (separate, joint, none). Flows without one accept the key
/// (SPEC §7's example scene gives it to `conservative`) as an inert parameter.
ParamSpec normalisationParam(bool inert);

/// Returns `params` with "bandwidth" made absolute: if bandwidth_mode is "median", the
/// bandwidth is multiplied by the median pairwise distance of (a subsample of) `data`.
ParamSet resolveBandwidth(const ParamSet& params, ConstPointRef data);

}  // namespace driftlab
