#include "diagnostics/diagnostic_context.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <vector>

#include "targets/target.h"

namespace driftlab {

DiagnosticContext::DiagnosticContext(ConstPointRef X, ConstPointRef V, ConstPointRef Y,
                                     std::uint64_t dataVersion, double h, KernelSumBackend& backend,
                                     double msPerStep, const Target* target,
                                     const ParticleKdeSums* known)
    : m_X(X),
      m_V(V),
      m_Y(Y),
      m_dataVersion(dataVersion),
      m_h(h),
      m_backend(backend),
      m_msPerStep(msPerStep),
      m_target(target),
      m_known(known) {}

PointSet DiagnosticContext::freshTargetSample(Eigen::Index count) const {
  if (!m_target) return PointSet(0, dim());
  // Epoch keys the sample by step; the purpose keeps it apart from the data stream.
  PointSet out(count, dim());
  for (Eigen::Index j = 0; j < count; ++j) {
    RandomStream rng(m_seed, StreamPurpose::kDiagnostic, static_cast<std::uint64_t>(j),
                     static_cast<std::uint64_t>(m_step));
    m_target->sampleOne(rng, out.row(j).data());
  }
  return out;
}

const Vector& DiagnosticContext::logQh() {
  if (!m_logQh) {
    if (!m_logSumQ) {
      if (m_known && m_known->h == m_h && m_known->logSumParticles.size() == m_X.rows()) {
        m_logSumQ = m_known->logSumParticles;
      } else {
        KernelSums q;
        m_backend.sums({KernelKind::kGaussian, m_h}, m_X, {m_X, 0}, false, q);
        m_logSumQ = std::move(q.logSum);
      }
    }
    const double c = gaussianLogNormaliser(dim(), m_h) - std::log(double(m_X.rows()));
    m_logQh = m_logSumQ->array() + c;
  }
  return *m_logQh;
}

const Vector& DiagnosticContext::logPh() {
  if (!m_logPh) {
    if (!m_logSumP) {
      if (m_known && m_known->h == m_h && m_known->logSumData.size() == m_X.rows()) {
        m_logSumP = m_known->logSumData;
      } else {
        KernelSums p;
        m_backend.sums({KernelKind::kGaussian, m_h}, m_X, {m_Y, m_dataVersion}, false, p);
        m_logSumP = std::move(p.logSum);
      }
    }
    const double c = gaussianLogNormaliser(dim(), m_h) - std::log(double(m_Y.rows()));
    m_logPh = m_logSumP->array() + c;
  }
  return *m_logPh;
}

const FieldJacobians& DiagnosticContext::particleJacobians() {
  if (!m_jacobians) m_jacobians = jacobiansAtParticles(*m_field, fieldInputs());
  return *m_jacobians;
}

const KlEstimate& DiagnosticContext::kl() {
  if (!m_kl) estimateAtDraws();
  return *m_kl;
}

const FisherEstimate& DiagnosticContext::fisher() {
  if (!m_fisher) estimateAtDraws();
  return *m_fisher;
}

void DiagnosticContext::estimateAtDraws() {
  if (m_X.rows() == 0 || m_Y.rows() == 0) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    m_kl = KlEstimate{nan, nan, Vector()};
    m_fisher = FisherEstimate{nan, nan};
    return;
  }
  // One pair of sums at kl's draws serves both: log sums for kl, means for fisher.
  const PointSet Z = klSamplePoints(m_X, m_h, m_seed);
  KernelSums p, q;
  m_backend.pairSums({KernelKind::kGaussian, m_h}, Z, {m_Y, m_dataVersion}, {m_X, 0}, false, p, q);
  m_kl = logRatioMean(p, q, m_Y.rows(), m_X.rows());
  m_fisher = scoreGapMean(p, q, m_h);
}

const Vector& DiagnosticContext::occupancy() {
  if (!m_occupancy) {
    logQh();
    m_occupancy = m_logSumQ->array().exp();
  }
  return *m_occupancy;
}

const LaplaceResidualNorms& DiagnosticContext::laplaceResidual() {
  if (!m_laplaceResidual) {
    // Evenly strided rows: an unbiased-in-spirit estimate of the mean over all particles at a
    // bounded cost (O(kLaplaceResidualRows (N + M)) exact sums).
    const Eigen::Index n = std::min(m_X.rows(), kLaplaceResidualRows);
    std::vector<Eigen::Index> rows(n);
    for (Eigen::Index i = 0; i < n; ++i) rows[i] = i * m_X.rows() / n;
    m_laplaceResidual = laplaceResidualNorms(*m_field, fieldInputs(), rows);
  }
  return *m_laplaceResidual;
}

}  // namespace driftlab
