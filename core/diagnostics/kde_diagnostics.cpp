#include "diagnostics/kde_diagnostics.h"

#include "diagnostics/diagnostic_context.h"

namespace driftlab {

namespace {
double negativeMean(const Vector& v) {
  return v.size() > 0 ? -v.sum() / double(v.size()) : 0.0;
}
}  // namespace

DiagnosticInfo entropyDiagnosticInfo() {
  return {"entropy", "KDE entropy of the particles -(1/N) sum log q_h(x_i)", false, 1,
          [](DiagnosticContext& c) { return negativeMean(c.logQh()); }};
}

DiagnosticInfo crossEntropyDiagnosticInfo() {
  return {"cross_entropy", "-(1/N) sum log p_h(x_i)", false, 1,
          [](DiagnosticContext& c) { return negativeMean(c.logPh()); }};
}

DiagnosticInfo klDiagnosticInfo() {
  return {"kl", "cross_entropy - entropy: Lyapunov functional of the conservative flow", false, 1,
          [](DiagnosticContext& c) { return negativeMean(c.logPh()) - negativeMean(c.logQh()); }};
}

DiagnosticInfo selfInteractionDiagnosticInfo() {
  return {"self_interaction",
          "(d / h^2)(1/N) sum 1/n_i: reciprocal-KDE self-interaction, large when h is too "
          "small for N",
          true, 1, [](DiagnosticContext& c) {
            const Vector& n = c.occupancy();
            if (n.size() == 0) return 0.0;
            const double h = c.bandwidth();
            return c.dim() / (h * h) * n.cwiseInverse().sum() / double(n.size());
          }};
}

}  // namespace driftlab
