#pragma once
/// Inputs of the diagnostics, with lazily computed, shared intermediate quantities.
#include <optional>

#include "base/point_set.h"
#include "diagnostics/fisher_estimator.h"
#include "diagnostics/kl_estimator.h"
#include "evaluators/kernel_sum_backend.h"
#include "fields/drift_field.h"
#include "fields/field_jacobian.h"
#include "fields/field_parts.h"

namespace driftlab {

class Target;

class DiagnosticContext {
 public:
  /// X: N x d particles, V: N x d velocities v(X) of the running flow, Y: M x d data;
  /// h: the flow's bandwidth, used as the Gaussian bandwidth of the KDE quantities.
  DiagnosticContext(ConstPointRef X, ConstPointRef V, ConstPointRef Y, std::uint64_t dataVersion,
                    double h, KernelSumBackend& backend, double msPerStep,
                    const Target* target = nullptr, const ParticleKdeSums* known = nullptr);

  ConstPointRef particles() const { return m_X; }
  ConstPointRef velocities() const { return m_V; }
  ConstPointRef data() const { return m_Y; }
  double bandwidth() const { return m_h; }
  int dim() const { return static_cast<int>(m_X.cols()); }
  double msPerStep() const { return m_msPerStep; }
  const Target* target() const { return m_target; }
  /// A fresh target sample of `count` points for sample-distance diagnostics, drawn from
  /// the target's stream for (seed, step) and independent of the simulation's data.
  PointSet freshTargetSample(Eigen::Index count) const;
  void setSampling(std::uint64_t seed, std::int64_t step) {
    m_seed = seed;
    m_step = step;
  }
  /// The step size that produced this state (0 if no step did); see Simulation::effectiveEta.
  double effectiveEta() const { return m_effectiveEta; }
  void setEffectiveEta(double eta) { m_effectiveEta = eta; }
  /// The running flow's field (null when the caller has none, e.g. some tests): diagnostics
  /// of the field itself (Jacobians, Stein, the Laplace decomposition) evaluate it with
  /// fieldInputs().
  const DriftField* field() const { return m_field; }
  void setField(const DriftField* field) { m_field = field; }
  /// The inputs the field sees in this state (particles, data, the backend).
  FieldInputs fieldInputs() const {
    return {m_X, m_Y, m_dataVersion, m_backend, nullptr, m_target, m_time};
  }
  /// The simulation time of the state (time-dependent fields read it).
  void setTime(double time) { m_time = time; }
  /// The field's velocities, closed-form Jacobians and self-divergence terms at an evenly
  /// strided sample of at most kJacobianRows particles (all when N is not larger), computed
  /// once per state; needs field(). Cost O(kJacobianRows (N + M) d^2) plus the self terms.
  const ParticleJacobianSample& particleJacobians();
  static constexpr Eigen::Index kJacobianRows = 1024;

  /// log q_h(x_i): Gaussian KDE of the particles at the particles, self included.
  const Vector& logQh();
  /// log p_h(x_i): Gaussian KDE of the data at the particles.
  const Vector& logPh();
  /// The Monte Carlo estimate of KL(q_h || p_h) on the samples keyed by the seed (see
  /// kl_estimator.h); NaN value and error when there are no particles or no data.
  const KlEstimate& kl();
  /// The Monte Carlo estimate of the smoothed Fisher discrepancy integral q_h |s_p - s_q|^2 on
  /// kl's draws and kernel sums (fisher_estimator.h); NaN when there are no particles or data.
  const FisherEstimate& fisher();
  /// n_i = sum_j exp(-|x_i - x_j|^2 / 2h^2), self included (local occupancy).
  const Vector& occupancy();
  /// Root mean squares of the Laplace decomposition's residual term |(c_p - c_q) s#_p| and of
  /// |V| for field() (field_parts.h) over an evenly strided subset of at most
  /// kLaplaceResidualRows particles (all of them when N is not larger); call only when
  /// hasLaplaceDecomposition(*field()).
  const LaplaceResidualNorms& laplaceResidual();
  static constexpr Eigen::Index kLaplaceResidualRows = 512;

 private:
  void estimateAtDraws();  ///< fills m_kl and m_fisher from one pair of sums

  ConstPointRef m_X, m_V, m_Y;
  std::uint64_t m_dataVersion;
  double m_time = 0.0;
  double m_h;
  KernelSumBackend& m_backend;
  double m_msPerStep;
  const Target* m_target;
  std::uint64_t m_seed = 0;
  std::int64_t m_step = 0;
  double m_effectiveEta = 0.0;
  const DriftField* m_field = nullptr;
  const ParticleKdeSums* m_known;  ///< sums the field computed, used when h matches
  std::optional<Vector> m_logSumQ, m_logSumP;
  std::optional<Vector> m_logQh, m_logPh, m_occupancy;
  std::optional<KlEstimate> m_kl;
  std::optional<ParticleJacobianSample> m_jacobians;
  std::optional<FisherEstimate> m_fisher;
  std::optional<LaplaceResidualNorms> m_laplaceResidual;
};

}  // namespace driftlab
