#include "diagnostics/diagnostic_context.h"

#include <cmath>

namespace driftlab {

DiagnosticContext::DiagnosticContext(ConstPointRef X, ConstPointRef V, ConstPointRef Y,
                                     std::uint64_t dataVersion, double h, KernelSumBackend& backend,
                                     double msPerStep, const Target* target)
    : m_X(X),
      m_V(V),
      m_Y(Y),
      m_dataVersion(dataVersion),
      m_h(h),
      m_backend(backend),
      m_msPerStep(msPerStep),
      m_target(target) {}

const Vector& DiagnosticContext::logQh() {
  if (!m_logQh) {
    if (!m_qq) {
      m_qq.emplace();
      m_backend.sums({KernelKind::kGaussian, m_h}, m_X, {m_X, 0}, false, *m_qq);
    }
    const double c = gaussianLogNormaliser(dim(), m_h) - std::log(double(m_X.rows()));
    m_logQh = m_qq->logSum.array() + c;
  }
  return *m_logQh;
}

const Vector& DiagnosticContext::logPh() {
  if (!m_logPh) {
    if (!m_pq) {
      m_pq.emplace();
      m_backend.sums({KernelKind::kGaussian, m_h}, m_X, {m_Y, m_dataVersion}, false, *m_pq);
    }
    const double c = gaussianLogNormaliser(dim(), m_h) - std::log(double(m_Y.rows()));
    m_logPh = m_pq->logSum.array() + c;
  }
  return *m_logPh;
}

const Vector& DiagnosticContext::occupancy() {
  if (!m_occupancy) {
    logQh();
    m_occupancy = m_qq->logSum.array().exp();
  }
  return *m_occupancy;
}

}  // namespace driftlab
