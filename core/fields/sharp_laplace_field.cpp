#include "fields/sharp_laplace_field.h"

#include <cmath>
#include <limits>

namespace driftlab {

Vector SharpLaplaceField::logSharpSums(double tau, ConstPointRef queries, ConstPointRef sources,
                                       bool excludeSelf) {
  const Eigen::Index n = queries.rows(), m = sources.rows(), d = queries.cols();
  Vector out(n);
  const double logTau = std::log(tau);
#pragma omp parallel for schedule(static)
  for (Eigen::Index i = 0; i < n; ++i) {
    // log k#(r) = log tau + log(r + tau) - r / tau; log-sum-exp in two passes.
    double mx = -std::numeric_limits<double>::infinity();
    for (Eigen::Index j = 0; j < m; ++j) {
      if (excludeSelf && j == i) continue;
      double r2 = 0.0;
      for (Eigen::Index k = 0; k < d; ++k)
        r2 += (sources(j, k) - queries(i, k)) * (sources(j, k) - queries(i, k));
      const double r = std::sqrt(r2);
      mx = std::max(mx, std::log(r + tau) - r / tau);
    }
    double s = 0.0;
    for (Eigen::Index j = 0; j < m; ++j) {
      if (excludeSelf && j == i) continue;
      double r2 = 0.0;
      for (Eigen::Index k = 0; k < d; ++k)
        r2 += (sources(j, k) - queries(i, k)) * (sources(j, k) - queries(i, k));
      const double r = std::sqrt(r2);
      s += std::exp(std::log(r + tau) - r / tau - mx);
    }
    out[i] = s > 0.0 ? logTau + mx + std::log(s) : -std::numeric_limits<double>::infinity();
  }
  return out;
}

void SharpLaplaceField::atParticles(const FieldInputs& in, PointRef out) const {
  atPoints(in, in.particles, out);
}

void SharpLaplaceField::atPoints(const FieldInputs& in, ConstPointRef queries, PointRef out) const {
  const Kernel kernel{KernelKind::kLaplace, m_tau};
  KernelSums p, q;
  in.backend.pairSums(kernel, queries, {in.data, in.dataVersion}, {in.particles, 0}, false, p, q);
  const Vector sharpP = logSharpSums(m_tau, queries, in.data);
  const Vector sharpQ = logSharpSums(m_tau, queries, in.particles);
  for (Eigen::Index i = 0; i < queries.rows(); ++i) {
    // sum k (c - x) = S (mean - x); divide by the sharp sum.
    const double wp = std::exp(p.logSum[i] - sharpP[i]);
    const double wq = std::exp(q.logSum[i] - sharpQ[i]);
    out.row(i) = wp * (p.mean.row(i) - queries.row(i)) - wq * (q.mean.row(i) - queries.row(i));
  }
}

FlowInfo sharpLaplaceFlowInfo() {
  return {"sharp-laplace",
          "conservative companion of laplace: grad log(p * k#) - grad log(q * k#), "
          "k#(r) = tau (r + tau) exp(-r/tau)",
          {bandwidthParam(0.5), bandwidthModeParam(), normalisationParam(true)},
          [](const ParamSet& p) -> std::unique_ptr<DriftField> {
            return std::make_unique<SharpLaplaceField>(p.number("bandwidth"));
          }};
}

}  // namespace driftlab
