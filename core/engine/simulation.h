#pragma once
/// The simulation state and one step of it, synchronous and single-owner. The Engine runs
/// it on a worker thread; the CLI and the tests use it directly.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/point_set.h"
#include "fields/drift_field.h"
#include "fields/field_jacobian.h"
#include "fields/field_parts.h"
#include "integrators/integrator.h"
#include "integrators/step_control.h"
#include "scene/scene_config.h"
#include "targets/target.h"

namespace driftlab {

class DiagnosticContext;

/// One row of diagnostics: values in registry order (NaN where not computed this step).
struct DiagnosticRow {
  std::int64_t step = 0;
  double time = 0.0;
  std::vector<double> values;
  /// Per value: computed at this step (diagnosticDue). Values not computed are NaN; a computed
  /// value must be finite. Empty = unknown (then every NaN is treated as "not computed").
  std::vector<bool> computed = {};
};

class Simulation {
 public:
  /// scene must be validated (validateScene / parseScene).
  explicit Simulation(const SceneConfig& scene);
  ~Simulation();

  /// Applies a new validated scene while running: a new seed or dimension resets; a new
  /// initial cloud resets the particles; a larger N keeps every particle and appends new
  /// ones from the initial cloud's next unused streams (in locality order, see
  /// locality_order.h), a smaller N keeps an evenly spread subset; a new target or M resamples
  /// the data (keeping the first samples when only M grew); a new manifold does both;
  /// flow, backend, integrator and
  /// eta apply from the next step. On InputError the previous state is kept.
  void apply(const SceneConfig& scene);
  /// Replaces the particle positions (drawn clouds, loaded states): X must be N' x dim and
  /// finite, else InputError("particles", ...) and nothing changes. N becomes N'. On the
  /// sphere the rows are retracted to it.
  void setParticles(const PointSet& X);
  /// Returns to an earlier state of this run (the step history): positions, step and time.
  /// Same checks as setParticles.
  void restore(const PointSet& X, std::int64_t step, double time);
  /// Back to step 0: particles at their initial positions, data resampled.
  void reset();
  /// Advances one step of size effectiveEta() = min(eta, 0.5 h / max_i |v_i|, 1 / L, cap) under the
  /// step control (integrators/step_control.h): a tried step that diverges (NaN, a particle
  /// moved more than 0.5 h, the residual quadrupled) is retried up to 11 times, each 4x
  /// smaller. Throws StateError, leaving the state as it was, if no try is acceptable or the
  /// velocities of the current state are not finite. A state whose last diagnostics() had a
  /// NaN or infinite value is not stepped from: if a step produced it, that step is rejected
  /// (the state before it is restored, the next try is smaller); either way StateError.
  /// A field with its own time grid (DriftField::scheduledStep, pf-ode) is stepped on that grid
  /// instead: the scene's eta and the step control do not apply, a non-finite result throws
  /// StateError (state kept), and past the grid's end (finished()) StateError as well.
  void step();
  /// Whether the field's own time grid is complete (pf-ode at t_min): step() then throws
  /// StateError and changes nothing. Always false for fields without a grid.
  bool finished() const;

  /// Diagnostics of the current state, in the order of diagnostics().entries() (NaN where an
  /// entry is not due this step, see DiagnosticInfo::every). Never throws for a NaN or
  /// infinite due value: it marks the state bad instead, so that the next step() rejects it
  /// (in the engine's try block) and requireFiniteDiagnostics() refuses it.
  DiagnosticRow diagnostics(double msPerStep);
  /// The diagnostic `id` of the current state, whatever its schedule (DiagnosticInfo::every);
  /// NaN where it is not defined for the target or the field. Throws InputError for an
  /// unknown id. Does not mark the state (see diagnostics()).
  double diagnosticNow(const std::string& id);
  /// Throws StateError naming the diagnostic if the last diagnostics() of this state had a
  /// NaN or infinite due value (outputs call it before they are committed).
  void requireFiniteDiagnostics() const;
  /// Velocity field at arbitrary points (grid layers, probes). Q: n x d.
  PointSet fieldAt(ConstPointRef queries);
  /// Gaussian KDE log-densities with the flow's bandwidth at arbitrary points.
  void logDensitiesAt(ConstPointRef queries, Vector& logP, Vector& logQ);
  /// The field's closed-form Jacobian at arbitrary points (the curl layer). Q: n x d.
  FieldJacobians jacobiansAt(ConstPointRef queries);
  /// The field's attraction and repulsion halves at arbitrary points. Q: n x d.
  FieldHalves halvesAt(ConstPointRef queries);
  /// The Laplace decomposition at arbitrary points; nullopt unless the field has one
  /// (hasLaplaceDecomposition).
  std::optional<LaplaceDecomposition> decompositionAt(ConstPointRef queries);

  const SceneConfig& scene() const { return m_scene; }
  std::int64_t stepIndex() const { return m_step; }
  double time() const { return m_time; }
  const PointSet& particles() const { return m_X; }
  /// v(x_i) at the current positions.
  const PointSet& velocities();
  const PointSet& data() const { return m_Y; }
  const PointSet& initialPositions() const { return m_X0; }
  const DriftField& field() const { return *m_field; }
  const Target& target() const { return *m_target; }
  KernelSumBackend& backend() { return *m_backend; }
  std::string backendId() const;
  /// The bandwidth actually used (absolute, after bandwidth_mode).
  double bandwidth() const { return m_field->bandwidth(); }
  /// The step size taken by the last step (the scene's eta where the step control did not
  /// bind); 0 when the state was not reached by a step (step 0, reset, set or restored
  /// particles). time() is the sum of these.
  double effectiveEta() const { return m_effectiveEta; }
  /// Tried steps rejected by the step control since construction (each cost an evaluation).
  std::int64_t rejectedSteps() const { return m_rejectedSteps; }

 private:
  void buildSamplers();
  void buildField();
  void sampleData(std::int64_t keep);
  /// With target.resample: the data of the current step (epoch = step); else nothing.
  void resampleForStep();
  void resizeParticles(std::int64_t n);
  FieldInputs inputs();
  /// Gives a diagnostic context this state's seed, step, step size, time and field.
  void describeState(DiagnosticContext& ctx) const;
  /// The state after a step can no longer be rolled back (new field, particles or data).
  void forgetLastStep() {
    m_last.valid = false;
    m_badDiagnostic.clear();
  }
  void rollBackLastStep();
  /// The step to (X, V) of size eta is taken: the old state becomes m_last.
  void commitStep(PointSet X, PointSet V, ParticleKdeSums kde, double eta);
  /// A step of the field's own grid (scheduledStep): no step control, no retries.
  void stepOnGrid(double eta);
  /// Throws (after rolling back the step that produced it, if any) for a state whose
  /// diagnostics were not finite.
  void refuseBadState();

  /// The state before the last step, kept until its diagnostics were taken.
  struct LastGoodState {
    bool valid = false;
    PointSet X, V, Y;  ///< Y: the data, kept when they are resampled each step
    std::uint64_t dataVersion = 0;
    ParticleKdeSums kde;
    std::int64_t step = 0;
    double time = 0.0, effectiveEta = 0.0;
  };

  SceneConfig m_scene;
  std::unique_ptr<Target> m_target;
  std::unique_ptr<InitialCloud> m_cloud;
  std::unique_ptr<DriftField> m_field;
  std::unique_ptr<Integrator> m_integrator;
  std::unique_ptr<KernelSumBackend> m_backend;
  PointSet m_X, m_V, m_X0, m_Y;
  ParticleKdeSums m_kde;  ///< byproduct of the evaluation that gave m_V
  bool m_velocityValid = false;
  std::uint64_t m_dataVersion = 0;
  std::int64_t m_step = 0;
  /// Index of the initial cloud's next unused particle stream (fresh particles never repeat
  /// one since the cloud was last drawn).
  std::int64_t m_nextParticle = 0;
  double m_time = 0.0;
  double m_effectiveEta = 0.0;
  std::int64_t m_rejectedSteps = 0;
  StepSizeController m_control;
  LastGoodState m_last;
  std::string m_badDiagnostic;  ///< a due diagnostic that was NaN or infinite in this state
};

/// Throws StateError if any entry is not finite; `what` names the array.
void requireFinite(const PointSet& points, const std::string& what, std::int64_t step);

}  // namespace driftlab
