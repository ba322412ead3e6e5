#include "diagnostics/fisher_estimator.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>
#include <vector>

namespace driftlab {

FisherEstimate scoreGapMean(ConstPointRef Z, ConstPointRef X, ConstPointRef Y,
                            std::uint64_t dataVersion, double h, KernelSumBackend& backend) {
  KernelSums p, q;
  // One evaluator for both (pairSums): an approximating backend's errors then cancel.
  backend.pairSums({KernelKind::kGaussian, h}, Z, {Y, dataVersion}, {X, 0}, false, p, q);
  return scoreGapMean(p, q, h);
}

FisherEstimate scoreGapMean(const KernelSums& p, const KernelSums& q, double h) {
  if (p.mean.rows() == 0) return {};
  // (|m_p - m_q| / h^2)^2: no h^4 that could underflow on its own.
  const Vector g = ((p.mean - q.mean).rowwise().norm() / (h * h)).array().square();
  const SampleMean mean = sampleMean(g);
  return {mean.value, mean.standardError};
}

FisherEstimate estimateFisher(ConstPointRef X, ConstPointRef Y, std::uint64_t dataVersion, double h,
                              KernelSumBackend& backend, std::uint64_t seed, int samples) {
  const PointSet Z = klSamplePoints(X, h, seed, samples);
  return scoreGapMean(Z, X, Y, dataVersion, h, backend);
}

namespace {

struct Grid {
  int dim = 0;
  double spacing = 0.0;
  std::array<double, 3> lo{};
  std::array<Eigen::Index, 3> count{1, 1, 1};
  Eigen::Index size() const { return count[0] * count[1] * count[2]; }
  /// Point `index` (last axis fastest) into `out`; returns whether every index is even.
  bool point(Eigen::Index index, double* out) const {
    bool even = true;
    for (int k = dim - 1; k >= 0; --k) {
      const Eigen::Index i = index % count[k];
      index /= count[k];
      out[k] = lo[k] + (double(i) + 0.5) * spacing;
      even = even && i % 2 == 0;
    }
    return even;
  }
};

Grid fisherGrid(ConstPointRef X, double h, double spacing, double margin, Eigen::Index maxPoints) {
  Grid g;
  g.dim = static_cast<int>(X.cols());
  g.spacing = spacing * h;
  for (;;) {
    Eigen::Index total = 1;
    for (int k = 0; k < g.dim; ++k) {
      g.lo[k] = X.col(k).minCoeff() - margin * h;
      const double extent = X.col(k).maxCoeff() + margin * h - g.lo[k];
      g.count[k] = std::max<Eigen::Index>(2, Eigen::Index(std::ceil(extent / g.spacing)));
      total *= g.count[k];
    }
    if (total <= maxPoints) return g;
    g.spacing *= std::pow(double(total) / double(maxPoints), 1.0 / g.dim) * 1.01;
  }
}

}  // namespace

FisherQuadrature fisherByQuadrature(ConstPointRef X, ConstPointRef Y, double h,
                                    KernelSumBackend& backend, double spacing, double margin,
                                    Eigen::Index maxPoints) {
  const int d = static_cast<int>(X.cols());
  if (d < 1 || d > 3 || X.rows() == 0 || Y.rows() == 0 || !(h > 0.0))
    throw std::invalid_argument("fisherByQuadrature: needs d = 1..3, particles, data and h > 0");
  const Grid grid = fisherGrid(X, h, spacing, margin, maxPoints);
  const double logNorm = gaussianLogNormaliser(d, h) - std::log(double(X.rows()));
  double fine = 0.0, coarse = 0.0;
  constexpr Eigen::Index kChunk = 1 << 16;  // bounds the memory of the sums
  for (Eigen::Index start = 0; start < grid.size(); start += kChunk) {
    const Eigen::Index n = std::min(kChunk, grid.size() - start);
    PointSet Z(n, d);
    std::vector<char> even(n);
    for (Eigen::Index i = 0; i < n; ++i) even[i] = grid.point(start + i, Z.row(i).data());
    KernelSums p, q;
    backend.pairSums({KernelKind::kGaussian, h}, Z, {Y, 0}, {X, 0}, false, p, q);
    for (Eigen::Index i = 0; i < n; ++i) {
      const double gap = (p.mean.row(i) - q.mean.row(i)).norm() / (h * h);
      const double f = std::exp(q.logSum[i] + logNorm) * gap * gap;
      fine += f;
      if (even[i]) coarse += f;
    }
  }
  FisherQuadrature out;
  const double cell = std::pow(grid.spacing, d);
  out.value = fine * cell;
  out.errorEstimate = std::abs(out.value - coarse * cell * std::pow(2.0, d));
  out.spacing = grid.spacing;
  out.points = grid.size();
  return out;
}

}  // namespace driftlab
