#include "fields/joint_normalisation.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "evaluators/direct_kernel_sums.h"

namespace driftlab {

namespace {

constexpr double kNegInf = -std::numeric_limits<double>::infinity();

double logAddExp(double a, double b) {
  if (a == kNegInf) return b;
  if (b == kNegInf) return a;
  const double mx = std::max(a, b);
  return mx + std::log(std::exp(a - mx) + std::exp(b - mx));
}

/// Accumulates sum_c A_ic (s_c - x_i) and sum_c A_ic over one block of columns, where
/// A_ic = exp(L_ic - rowHalf - colHalf_c). skip: masked column (or -1).
void accumulateColumns(const Kernel& kernel, const double* x, ConstPointRef cols,
                       const Vector& colLogNorm, Eigen::Index skip, double rowLogNorm,
                       double& weight, double* disp) {
  const Eigen::Index d = cols.cols();
  for (Eigen::Index c = 0; c < cols.rows(); ++c) {
    if (c == skip || colLogNorm[c] == kNegInf) continue;
    double r2 = 0.0;
    for (Eigen::Index k = 0; k < d; ++k) r2 += (cols(c, k) - x[k]) * (cols(c, k) - x[k]);
    const double a = std::exp(kernel.logValue(r2) - 0.5 * rowLogNorm - 0.5 * colLogNorm[c]);
    weight += a;
    for (Eigen::Index k = 0; k < d; ++k) disp[k] += a * (cols(c, k) - x[k]);
  }
}

}  // namespace

void jointNormalisedDrift(const Kernel& kernel, ConstPointRef queries, ConstPointRef data,
                          ConstPointRef particles, bool maskSelf, bool queriesAreParticles,
                          PointRef out) {
  PointSet repulsion(queries.rows(), queries.cols());
  jointNormalisedHalves(kernel, queries, data, particles, maskSelf, queriesAreParticles, out,
                        repulsion);
  out -= repulsion;
}

void jointNormalisedHalves(const Kernel& kernel, ConstPointRef queries, ConstPointRef data,
                           ConstPointRef particles, bool maskSelf, bool queriesAreParticles,
                           PointRef attraction, PointRef repulsion) {
  const bool excludeSelf = maskSelf && queriesAreParticles;
  const Eigen::Index n = queries.rows();
  const Eigen::Index d = queries.cols();
  // Column normalisers: log sum over the particle rows (the diagonal masked iff maskSelf).
  KernelSums dataCols, particleCols, rowData, rowParticles;
  directKernelSums(kernel, data, particles, false, dataCols);
  directKernelSums(kernel, particles, particles, maskSelf, particleCols);
  // Row normalisers of the queries, over all M + N columns.
  directKernelSums(kernel, queries, data, false, rowData);
  directKernelSums(kernel, queries, particles, excludeSelf, rowParticles);

#pragma omp parallel for schedule(static)
  for (Eigen::Index i = 0; i < n; ++i) {
    const double* x = queries.row(i).data();
    const double rowLogNorm = logAddExp(rowData.logSum[i], rowParticles.logSum[i]);
    double aPlus = 0.0, aMinus = 0.0;
    double dispPlus[kMaxDim] = {}, dispMinus[kMaxDim] = {};
    if (rowLogNorm != kNegInf) {
      accumulateColumns(kernel, x, data, dataCols.logSum, -1, rowLogNorm, aPlus, dispPlus);
      accumulateColumns(kernel, x, particles, particleCols.logSum, excludeSelf ? i : -1, rowLogNorm,
                        aMinus, dispMinus);
    }
    // V = W+ y - W- x with rowsum(W+) = rowsum(W-) = aPlus aMinus, so in displacements:
    // V = aMinus sum A+ (y - x) - aPlus sum A- (x_k - x).
    for (Eigen::Index k = 0; k < d; ++k) {
      attraction(i, k) = aMinus * dispPlus[k];
      repulsion(i, k) = aPlus * dispMinus[k];
    }
  }
}

}  // namespace driftlab
