#include "diagnostics/velocity_diagnostics.h"

#include <cmath>

#include "diagnostics/diagnostic_context.h"

namespace driftlab {

namespace {
double meanSquaredSpeed(DiagnosticContext& c) {
  const auto V = c.velocities();
  double s = 0.0;
  for (Eigen::Index i = 0; i < V.rows(); ++i) s += V.row(i).squaredNorm();
  return V.rows() > 0 ? s / double(V.rows()) : 0.0;
}
}  // namespace

DiagnosticInfo residualDiagnosticInfo() {
  return {"residual", "squared residual velocity (1/N) sum |v(x_i)|^2 = drifting loss", true, 1,
          meanSquaredSpeed};
}

DiagnosticInfo rootResidualDiagnosticInfo() {
  return {"root_residual", "root of the squared residual velocity", true, 1,
          [](DiagnosticContext& c) { return std::sqrt(meanSquaredSpeed(c)); }};
}

DiagnosticInfo centerDiagnosticInfo() {
  return {"center", "squared velocity of the cloud's centre |(1/N) sum v(x_i)|^2", true, 1,
          [](DiagnosticContext& c) {
            const auto V = c.velocities();
            if (V.rows() == 0) return 0.0;
            Eigen::RowVectorXd mean = Eigen::RowVectorXd::Zero(V.cols());
            for (Eigen::Index i = 0; i < V.rows(); ++i) mean += V.row(i);
            return (mean / double(V.rows())).squaredNorm();
          }};
}

DiagnosticInfo msPerStepDiagnosticInfo() {
  return {"ms_per_step", "wall time of one step in milliseconds", false, 1,
          [](DiagnosticContext& c) { return c.msPerStep(); }};
}

}  // namespace driftlab
