#include "diagnostics/laplace_decomposition_diagnostics.h"

#include <algorithm>
#include <cmath>

#include "diagnostics/diagnostic_context.h"
#include "fields/field_parts.h"

namespace driftlab {

namespace {
constexpr double kMaxShare = 1e12;
}  // namespace

double laplaceResidualShare(double residualRms, double vRms) {
  if (residualRms == 0.0) return 0.0;
  // V = 0 with a nonzero residual (companion = -residual exactly) is a measure-zero state;
  // the cap keeps the value finite so the step is not rejected for it.
  return vRms > residualRms / kMaxShare ? residualRms / vRms : kMaxShare;
}

DiagnosticInfo laplaceResidualTermDiagnosticInfo() {
  DiagnosticInfo info{"laplace_residual_term",
                      "laplace (separate): root mean square over the particles of the "
                      "decomposition's residual term |(c_p - c_q) s#_p|, c = (. * k#)/(. * k), "
                      "the part of V its conservative companion c_q (s#_p - s#_q) misses",
                      true, 1, [](DiagnosticContext& c) { return c.laplaceResidual().residual; }};
  info.forField = hasLaplaceDecomposition;
  return info;
}

DiagnosticInfo laplaceResidualShareDiagnosticInfo() {
  DiagnosticInfo info{"laplace_residual_share",
                      "laplace (separate): laplace_residual_term / root mean square |V|, the "
                      "residual term's share of the velocity",
                      false, 1, [](DiagnosticContext& c) {
                        const LaplaceResidualNorms& norms = c.laplaceResidual();
                        return laplaceResidualShare(norms.residual, norms.velocity);
                      }};
  info.forField = hasLaplaceDecomposition;
  return info;
}

}  // namespace driftlab
