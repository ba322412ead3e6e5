#include "engine/simulation.h"

#include <cmath>
#include <cstdio>
#include <limits>

#include "base/input_error.h"
#include "base/locality_order.h"
#include "diagnostics/diagnostic_context.h"
#include "fields/tangent_field.h"
#include "geometry/sphere_manifold.h"
#include "registry/registry.h"

namespace driftlab {

namespace {
std::uint64_t nextDataVersion() {
  static std::uint64_t counter = 0;  // only the owning thread of a simulation calls this
  return ++counter + (std::uint64_t(1) << 32);
}
}  // namespace

void requireFinite(const PointSet& points, const std::string& what, std::int64_t step) {
  if (!points.allFinite())
    throw StateError("state: " + what + " became NaN or infinite at step " + std::to_string(step) +
                     "; the previous state is kept; allowed: a smaller integrator.eta or a "
                     "larger flow.bandwidth");
}

Simulation::Simulation(const SceneConfig& scene) : m_scene(scene) {
  reset();
}
Simulation::~Simulation() = default;

void Simulation::buildSamplers() {
  m_target =
      targets().require(m_scene.targetName, "target.name").make(m_scene.targetParams, m_scene.dim);
  if (m_scene.manifold == kSphere) m_target = onSphere(std::move(m_target));
  m_cloud = initialClouds()
                .require(m_scene.initName, "init.name")
                .make(m_scene.initParams, m_scene.dim, *m_target);
}

void Simulation::buildField() {
  const FlowInfo& flow = flows().require(m_scene.flowName, "flow.name");
  m_field = flow.make(resolveBandwidth(m_scene.flowParams, m_Y));
  if (m_scene.manifold == kSphere) m_field = std::make_unique<TangentField>(std::move(m_field));
  m_integrator = integrators().require(m_scene.integratorName, "integrator.name").make();
  m_backend = makeBackend(m_scene.backend);
  m_velocityValid = false;
  m_control.reset();  // a new field or bandwidth: earlier rejections say nothing about it
  forgetLastStep();
}

void Simulation::sampleData(std::int64_t keep) {
  keep = std::min<std::int64_t>(keep, m_scene.samples);
  PointSet Y(m_scene.samples, m_scene.dim);
  if (keep > 0) Y.topRows(keep) = m_Y.topRows(keep);
  const std::uint64_t epoch = m_scene.resampleData ? static_cast<std::uint64_t>(m_step) : 0;
  Y.bottomRows(m_scene.samples - keep) =
      sampleTarget(*m_target, m_scene.samples - keep, m_scene.seed, epoch, keep);
  m_Y = std::move(Y);
  m_dataVersion = nextDataVersion();
  m_velocityValid = false;
  forgetLastStep();
}

void Simulation::resampleForStep() {
  if (!m_scene.resampleData) return;
  m_Y = sampleTarget(*m_target, m_scene.samples, m_scene.seed, static_cast<std::uint64_t>(m_step));
  m_dataVersion = nextDataVersion();
  m_velocityValid = false;
}

void Simulation::resizeParticles(std::int64_t n) {
  const std::int64_t rows = m_X.rows(), kept = std::min<std::int64_t>(rows, n);
  if (rows == 0) m_nextParticle = 0;
  PointSet X(n, m_scene.dim), X0(n, m_scene.dim);
  // Fewer particles keep an evenly spread subset: the rows are in locality order, so a
  // prefix would be one region of the cloud.
  for (std::int64_t j = 0; j < kept; ++j) {
    const std::int64_t i = kept == rows ? j : j * rows / kept;
    X.row(j) = m_X.row(i);
    X0.row(j) = m_X0.row(i);
  }
  // More particles: the next ones of the initial cloud's streams, in locality order (the
  // grid backends' lookups for consecutive particles then touch nearby memory).
  PointSet fresh = sampleCloud(*m_cloud, m_scene.dim, n - kept, m_scene.seed, m_nextParticle);
  if (m_scene.manifold == kSphere) retractToSphere(fresh);  // any cloud, projected radially
  m_nextParticle += n - kept;
  sortAlongZCurve(fresh);
  X.bottomRows(n - kept) = fresh;
  X0.bottomRows(n - kept) = fresh;
  m_X = std::move(X);
  m_X0 = std::move(X0);
  m_velocityValid = false;
  forgetLastStep();
}

void Simulation::reset() {
  buildSamplers();
  m_X.resize(0, m_scene.dim);
  m_X0.resize(0, m_scene.dim);
  m_Y.resize(0, m_scene.dim);
  m_step = 0;
  sampleData(0);
  resizeParticles(m_scene.particles);
  buildField();
  m_step = 0;
  m_time = 0.0;
  m_effectiveEta = 0.0;
}

void Simulation::apply(const SceneConfig& next) {
  const SceneConfig old = m_scene;
  // Kept so that a failure half-way leaves the last good state untouched.
  PointSet oldX = m_X, oldX0 = m_X0, oldY = m_Y;
  const auto oldVersion = m_dataVersion;
  const auto oldStep = m_step, oldNext = m_nextParticle;
  const double oldTime = m_time, oldEffectiveEta = m_effectiveEta;
  m_scene = next;
  try {
    if (next.dim != old.dim || next.seed != old.seed) return reset();
    buildSamplers();
    if (next.targetName != old.targetName || !(next.targetParams == old.targetParams) ||
        next.manifold != old.manifold)
      sampleData(0);
    else if (next.samples != old.samples)
      sampleData(std::min(old.samples, next.samples));
    if (next.initName != old.initName || !(next.initParams == old.initParams) ||
        next.manifold != old.manifold) {
      m_X.resize(0, next.dim);
      m_X0.resize(0, next.dim);
      m_step = 0;
      m_time = 0.0;
      m_effectiveEta = 0.0;
    }
    if (m_X.rows() != next.particles) resizeParticles(next.particles);
    buildField();
  } catch (...) {
    m_scene = old;
    m_X = std::move(oldX);
    m_X0 = std::move(oldX0);
    m_Y = std::move(oldY);
    m_dataVersion = oldVersion;
    m_step = oldStep;
    m_nextParticle = oldNext;
    m_time = oldTime;
    m_effectiveEta = oldEffectiveEta;
    buildSamplers();
    buildField();
    throw;
  }
}

void Simulation::setParticles(const PointSet& X) {
  if (X.cols() != m_scene.dim || X.rows() < 1)
    throw InputError(
        "particles",
        "got " + std::to_string(X.rows()) + " x " + std::to_string(X.cols()) + " positions",
        "N x " + std::to_string(m_scene.dim) + " with N >= 1");
  for (Eigen::Index i = 0; i < X.rows(); ++i)
    if (!X.row(i).allFinite())
      throw InputError("particles", "row " + std::to_string(i) + " is NaN or infinite",
                       "finite numbers");
  if (X.rows() > maxPointsForMemory(m_scene.dim) - m_scene.samples)
    throw InputError("particles", "too many for this machine's memory");
  if (X.rows() != m_X.rows()) {
    m_scene.particles = X.rows();
    resizeParticles(X.rows());
  }
  m_X = X;
  if (m_scene.manifold == kSphere) retractToSphere(m_X, 1e-12);
  m_velocityValid = false;
  m_effectiveEta = 0.0;
  m_control.reset();
  forgetLastStep();
}

void Simulation::restore(const PointSet& X, std::int64_t step, double time) {
  setParticles(X);
  m_step = step;
  m_time = time;
  resampleForStep();
}

FieldInputs Simulation::inputs() {
  return {m_X, m_Y, m_dataVersion, *m_backend, nullptr, m_target.get(), m_time};
}

const PointSet& Simulation::velocities() {
  if (!m_velocityValid) {
    m_V.resize(m_X.rows(), m_X.cols());
    m_kde = {};
    FieldInputs in = inputs();
    in.kdeSums = &m_kde;
    m_field->atParticles(in, m_V);
    m_velocityValid = true;
  }
  return m_V;
}

void Simulation::step() {
  refuseBadState();
  velocities();
  requireFinite(m_V, "particle velocities", m_step);
  if (const std::optional<double> grid = m_field->scheduledStep(m_time)) return stepOnGrid(*grid);
  const double h = bandwidth();
  const double oldResidual = meanSquaredRowNorm(m_V), maxSpeed = maxRowNorm(m_V);
  std::string why;
  double tried = 0.0;
  for (int attempt = 0; attempt < StepSizeController::kMaxTries; ++attempt) {
    tried = m_control.propose(m_scene.eta, h, maxSpeed);
    PointSet X = m_X, V = m_V;
    ParticleKdeSums kde;
    const StageReport stages =
        m_integrator->advance(*m_field, inputs().withParticles(X, &kde), tried, X, V);
    why = StepSizeController::judge(
        {tried, h, oldResidual, meanSquaredRowNorm(V), maxRowNorm(PointSet(X - m_X))});
    if (!why.empty()) {
      m_control.rejected(tried);
      ++m_rejectedSteps;
      continue;
    }
    m_control.accepted(m_scene.eta);
    const double moved = (X - m_X).norm();
    m_control.observedRate(
        std::max(stages.stageRate, moved > 0.0 ? (V - m_V).norm() / moved : 0.0));
    commitStep(std::move(X), std::move(V), std::move(kde), tried);
    return;
  }
  char smallest[32];
  std::snprintf(smallest, sizeof smallest, "%g", tried);
  throw StateError("state: no step down to eta = " + std::string(smallest) +
                   " is finite and bounded at step " + std::to_string(m_step + 1) + " (" + why +
                   "); the previous state is kept; allowed: a smaller integrator.eta or a "
                   "larger flow.bandwidth");
}

void Simulation::commitStep(PointSet X, PointSet V, ParticleKdeSums kde, double eta) {
  m_last = {
      true,          std::move(m_X),   std::move(m_V), m_scene.resampleData ? m_Y : PointSet(),
      m_dataVersion, std::move(m_kde), m_step,         m_time,
      m_effectiveEta};
  m_X = std::move(X);
  m_V = std::move(V);
  m_kde = std::move(kde);
  ++m_step;
  m_time += eta;
  m_effectiveEta = eta;
  resampleForStep();  // V was for the old data: recomputed with the new sample when asked
}

void Simulation::stepOnGrid(double eta) {
  if (!(eta > 0.0))
    throw StateError("state: flow " + m_scene.flowName + " has reached the end of its time grid (" +
                     std::to_string(m_step) +
                     " steps); the state is kept; allowed: reset, or more flow.steps");
  PointSet X = m_X, V = m_V;
  ParticleKdeSums kde;
  m_integrator->advance(*m_field, inputs().withParticles(X, &kde), eta, X, V);
  requireFinite(X, "particle positions", m_step + 1);
  requireFinite(V, "particle velocities", m_step + 1);
  commitStep(std::move(X), std::move(V), std::move(kde), eta);
}

bool Simulation::finished() const {
  const std::optional<double> next = m_field->scheduledStep(m_time);
  return next && !(*next > 0.0);
}

void Simulation::rollBackLastStep() {
  m_control.rejected(m_effectiveEta);
  ++m_rejectedSteps;
  m_X = std::move(m_last.X);
  m_V = std::move(m_last.V);
  if (m_scene.resampleData) {
    m_Y = std::move(m_last.Y);
    m_dataVersion = m_last.dataVersion;
  }
  m_kde = std::move(m_last.kde);
  m_step = m_last.step;
  m_time = m_last.time;
  m_effectiveEta = m_last.effectiveEta;
  m_velocityValid = true;
  forgetLastStep();
}

DiagnosticRow Simulation::diagnostics(double msPerStep) {
  DiagnosticContext ctx(m_X, velocities(), m_Y, m_dataVersion, bandwidth(), *m_backend, msPerStep,
                        m_target.get(), &m_kde);
  describeState(ctx);
  DiagnosticRow row{m_step, m_time, {}, {}};
  std::string bad;
  for (const auto& d : driftlab::diagnostics().entries()) {
    const bool due = diagnosticDue(d, m_step, *m_target, *m_field);
    row.computed.push_back(due);
    row.values.push_back(due ? d.compute(ctx) : std::numeric_limits<double>::quiet_NaN());
    if (due && bad.empty() && !std::isfinite(row.values.back())) bad = d.id;
  }
  if (bad.empty())
    forgetLastStep();  // this state passed: it is the last good one now
  else
    m_badDiagnostic = bad;
  return row;
}

void Simulation::describeState(DiagnosticContext& ctx) const {
  ctx.setSampling(m_scene.seed, m_step);
  ctx.setEffectiveEta(m_effectiveEta);
  ctx.setTime(m_time);
  ctx.setField(m_field.get());
}

double Simulation::diagnosticNow(const std::string& id) {
  const DiagnosticInfo& d = driftlab::diagnostics().require(id, "diagnostic");
  if (!diagnosticDue(d, 0, *m_target, *m_field)) return std::numeric_limits<double>::quiet_NaN();
  DiagnosticContext ctx(m_X, velocities(), m_Y, m_dataVersion, bandwidth(), *m_backend, 0.0,
                        m_target.get(), &m_kde);
  describeState(ctx);
  return d.compute(ctx);
}

void Simulation::requireFiniteDiagnostics() const {
  if (!m_badDiagnostic.empty())
    throw StateError("state: diagnostic " + m_badDiagnostic + " is NaN or infinite at step " +
                     std::to_string(m_step) +
                     "; allowed: parameters and a state where it is finite (a larger "
                     "flow.bandwidth, particles nearer the data)");
}

void Simulation::refuseBadState() {
  if (m_badDiagnostic.empty()) return;
  if (!m_last.valid) requireFiniteDiagnostics();
  const std::string what = m_badDiagnostic, at = std::to_string(m_step);
  rollBackLastStep();
  throw StateError("state: diagnostic " + what + " became NaN or infinite at step " + at +
                   "; that step is rejected and the state of step " + std::to_string(m_step) +
                   " kept; allowed: a smaller integrator.eta or a larger flow.bandwidth");
}

PointSet Simulation::fieldAt(ConstPointRef queries) {
  PointSet out(queries.rows(), queries.cols());
  m_field->atPoints(inputs(), queries, out);
  return out;
}

FieldJacobians Simulation::jacobiansAt(ConstPointRef queries) {
  return jacobiansAtPoints(*m_field, inputs(), queries);
}

FieldHalves Simulation::halvesAt(ConstPointRef queries) {
  return halvesAtPoints(*m_field, inputs(), queries);
}

std::optional<LaplaceDecomposition> Simulation::decompositionAt(ConstPointRef queries) {
  if (!hasLaplaceDecomposition(*m_field)) return std::nullopt;
  return laplaceDecompositionAtPoints(*m_field, inputs(), queries);
}

void Simulation::logDensitiesAt(ConstPointRef queries, Vector& logP, Vector& logQ) {
  const double h = bandwidth();
  const double c = gaussianLogNormaliser(m_scene.dim, h);
  KernelSums p, q;
  m_backend->sums({KernelKind::kGaussian, h}, queries, {m_Y, m_dataVersion}, false, p);
  m_backend->sums({KernelKind::kGaussian, h}, queries, {m_X, 0}, false, q);
  logP = p.logSum.array() + (c - std::log(double(m_Y.rows())));
  logQ = q.logSum.array() + (c - std::log(double(m_X.rows())));
}

std::string Simulation::backendId() const {
  return m_backend->id();
}

}  // namespace driftlab
