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
  return {"kl",
          "KL(q_h||p_h), the conservative flow's Lyapunov functional: Monte Carlo mean of "
          "log(q_h/p_h) at 2048 draws z = x_J + h xi of q_h, the same draws every step (common "
          "random numbers: the change between steps is far more precise than kl_stderr, the "
          "value's standard error)",
          false, 1, [](DiagnosticContext& c) { return c.kl().value; }};
}

DiagnosticInfo klStandardErrorDiagnosticInfo() {
  return {"kl_stderr",
          "standard error of kl: std of log(q_h/p_h) over its 2048 draws / sqrt(2048) (an upper "
          "bound: the draws are stratified over the particles)",
          true, 1, [](DiagnosticContext& c) { return c.kl().standardError; }};
}

DiagnosticInfo klPlugInDiagnosticInfo() {
  return {"kl_plugin",
          "cross_entropy - entropy = (1/N) sum log(q_h/p_h)(x_i): the KL average taken at the "
          "particles, each inside its own kernel; biased, not monotone, can be negative",
          false, 1,
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
