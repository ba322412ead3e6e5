#include "fields/sharp_kernel_sums.h"

#include <cmath>
#include <limits>

namespace driftlab {

SharpKernelSums sharpKernelSums(double tau, ConstPointRef queries, ConstPointRef sources,
                                const Eigen::Index* selfIndex) {
  using Columns = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::ColMajor>;
  constexpr double kFar = std::numeric_limits<double>::max();  // keeps a skipped source off rmin
  const Eigen::Index n = queries.rows(), m = sources.rows(), d = queries.cols();
  const Columns src = sources;  // columns contiguous: the pass below vectorises over sources
  const double logTau = std::log(tau);
  SharpKernelSums out{Vector(n), Vector(n), PointSet(n, d)};
#pragma omp parallel
  {
    Eigen::ArrayXd r(m), w(m);  // per thread, reused across queries
#pragma omp for schedule(static)
    for (Eigen::Index i = 0; i < n; ++i) {
      r.setZero();
      for (Eigen::Index k = 0; k < d; ++k) r += (src.col(k).array() - queries(i, k)).square();
      r = r.sqrt();
      const Eigen::Index skip = selfIndex ? selfIndex[i] : -1;
      if (skip >= 0 && skip < m) r[skip] = kFar;
      const double rmin = m > 0 ? r.minCoeff() : kFar;
      if (rmin == kFar) {  // no source at all
        out.logSum[i] = out.logSharpSum[i] = -std::numeric_limits<double>::infinity();
        out.mean.row(i) = queries.row(i);
        continue;
      }
      w = ((rmin - r) / tau).exp();  // k / k(rmin), in (0, 1]
      if (skip >= 0 && skip < m) {
        // Vectorised exp clamps its argument (exp(-inf) gives ~1e-308, not 0), and
        // (kFar + tau) * 1e-308 is not small: take the skipped source out explicitly.
        w[skip] = 0.0;
        r[skip] = 0.0;
      }
      const double s = w.sum();
      out.logSum[i] = -rmin / tau + std::log(s);
      out.logSharpSum[i] = logTau - rmin / tau + std::log(((r + tau) * w).sum());
      for (Eigen::Index k = 0; k < d; ++k) out.mean(i, k) = (w * src.col(k).array()).sum() / s;
    }
  }
  return out;
}

}  // namespace driftlab
