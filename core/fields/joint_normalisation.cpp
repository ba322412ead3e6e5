#include "fields/joint_normalisation.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "evaluators/direct_kernel_sums.h"
#include "evaluators/kernel_moments.h"

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

/// Log column weights -C_c / 2 of the column-weighted groups (-inf for an empty column).
Vector halfColumnWeights(const Kernel& kernel, ConstPointRef columns, ConstPointRef rows,
                         bool maskSelf) {
  KernelSums cols;
  directKernelSums(kernel, columns, rows, maskSelf, cols);
  Vector w(columns.rows());
  for (Eigen::Index c = 0; c < w.size(); ++c)
    w[c] = cols.logSum[c] == kNegInf ? kNegInf : -0.5 * cols.logSum[c];
  return w;
}

std::vector<Eigen::Index> selfSkips(Eigen::Index n, bool skip) {
  std::vector<Eigen::Index> s(static_cast<std::size_t>(n), -1);
  if (skip)
    for (Eigen::Index i = 0; i < n; ++i) s[static_cast<std::size_t>(i)] = i;
  return s;
}

/// grad_x log k(x, s) for the displacement z = s - x: factor times z (0 at z = 0, Laplace).
double scoreFactor(const Kernel& kernel, double r2) {
  if (kernel.kind == KernelKind::kGaussian) return 1.0 / (kernel.scale * kernel.scale);
  return r2 > 0.0 ? 1.0 / (kernel.scale * std::sqrt(r2)) : 0.0;
}

}  // namespace

void jointNormalisedJacobian(const Kernel& kernel, ConstPointRef queries, ConstPointRef data,
                             ConstPointRef particles, bool maskSelf, bool queriesAreParticles,
                             PointRef v, PointRef jac) {
  const Eigen::Index n = queries.rows(), d = queries.cols();
  const std::vector<Eigen::Index> skip = selfSkips(n, maskSelf && queriesAreParticles);
  const Vector wData = halfColumnWeights(kernel, data, particles, false);
  const Vector wParticles = halfColumnWeights(kernel, particles, particles, maskSelf);
  KernelMoments plus, minus, rowData, rowParticles;
  kernelMoments(kernel, queries, data, nullptr, &wData, MomentForm::kCentred, plus);
  kernelMoments(kernel, queries, particles, skip.data(), &wParticles, MomentForm::kCentred, minus);
  kernelMoments(kernel, queries, data, nullptr, nullptr, MomentForm::kFirstOrder, rowData);
  kernelMoments(kernel, queries, particles, skip.data(), nullptr, MomentForm::kFirstOrder,
                rowParticles);
  for (Eigen::Index i = 0; i < n; ++i) {
    const double rowLogNorm = logAddExp(rowData.logSum[i], rowParticles.logSum[i]);
    const double psi = plus.logSum[i] + minus.logSum[i] - rowLogNorm;
    if (rowLogNorm == kNegInf || !(psi > kNegInf)) {
      v.row(i).setZero();
      jac.row(i).setZero();
      continue;
    }
    // grad R: the row softmax's mean score, from the two groups' mean scores.
    Eigen::RowVectorXd gradR = Eigen::RowVectorXd::Zero(d);
    if (rowData.logSum[i] > kNegInf)
      gradR += std::exp(rowData.logSum[i] - rowLogNorm) * rowData.gradLog.row(i);
    if (rowParticles.logSum[i] > kNegInf)
      gradR += std::exp(rowParticles.logSum[i] - rowLogNorm) * rowParticles.gradLog.row(i);
    const Eigen::RowVectorXd dm = plus.mean.row(i) - minus.mean.row(i);
    const Eigen::RowVectorXd gradPsi = plus.gradLog.row(i) + minus.gradLog.row(i) - gradR;
    const double e = std::exp(psi);
    v.row(i) = e * dm;
    for (Eigen::Index a = 0; a < d; ++a)
      for (Eigen::Index b = 0; b < d; ++b)
        jac(i, a * d + b) =
            e * (dm[a] * gradPsi[b] + plus.jacobian(i, a * d + b) - minus.jacobian(i, a * d + b));
  }
}

namespace {

/// Row i's share of column c's normaliser moves with x_i: d C_c / d x_i = sigma_ic g_ic
/// (sigma the column softmax), so the log weight -C_c/2 moves by delta_c = -sigma_ic g_ic / 2.
/// Accumulates sum_c w_c delta_c into `shift` and sum_c w_c (s_c - mean) . delta_c into `trace`,
/// w_c = exp(L_ic - C_c/2 - logSum) the row's weight within the group.
void columnNormaliserShift(const Kernel& kernel, const double* x, ConstPointRef cols,
                           const Vector& halfWeights, double logSum, const double* mean,
                           Eigen::Index skip, double* shift, double& trace) {
  const Eigen::Index d = cols.cols();
  for (Eigen::Index c = 0; c < cols.rows(); ++c) {
    if (c == skip || halfWeights[c] == kNegInf) continue;
    double r2 = 0.0, z[kMaxDim];
    for (Eigen::Index k = 0; k < d; ++k) {
      z[k] = cols(c, k) - x[k];
      r2 += z[k] * z[k];
    }
    const double logK = kernel.logValue(r2);
    const double w = std::exp(logK + halfWeights[c] - logSum);
    const double sigma = std::exp(logK + 2.0 * halfWeights[c]);
    const double f = -0.5 * sigma * scoreFactor(kernel, r2);  // delta_c = f z
    for (Eigen::Index k = 0; k < d; ++k) {
      shift[k] += w * f * z[k];
      trace += w * (cols(c, k) - mean[k]) * f * z[k];
    }
  }
}

}  // namespace

Vector jointNormalisedSelfDivergence(const Kernel& kernel, ConstPointRef data,
                                     ConstPointRef particles, bool maskSelf, Eigen::Index rows) {
  const Eigen::Index n = particles.rows(), d = particles.cols();
  const std::vector<Eigen::Index> skip = selfSkips(rows, maskSelf);
  const ConstPointRef queries = particles.topRows(rows);
  const Vector wData = halfColumnWeights(kernel, data, particles, false);
  const Vector wParticles = halfColumnWeights(kernel, particles, particles, maskSelf);
  KernelMoments plus, minus, rowData, rowParticles;
  kernelMoments(kernel, queries, data, nullptr, &wData, MomentForm::kFirstOrder, plus);
  kernelMoments(kernel, queries, particles, skip.data(), &wParticles, MomentForm::kFirstOrder,
                minus);
  kernelMoments(kernel, queries, data, nullptr, nullptr, MomentForm::kFirstOrder, rowData);
  kernelMoments(kernel, queries, particles, skip.data(), nullptr, MomentForm::kFirstOrder,
                rowParticles);
  Vector out = Vector::Zero(rows);
#pragma omp parallel for schedule(static) if (rows * (n + data.rows()) >= kParallelPairs)
  for (Eigen::Index i = 0; i < rows; ++i) {
    const double rowLogNorm = logAddExp(rowData.logSum[i], rowParticles.logSum[i]);
    const double psi = plus.logSum[i] + minus.logSum[i] - rowLogNorm;
    if (rowLogNorm == kNegInf || !(psi > kNegInf)) continue;
    const double* x = particles.row(i).data();
    double shift[kMaxDim] = {}, tracePlus = 0.0, traceMinus = 0.0;
    columnNormaliserShift(kernel, x, data, wData, plus.logSum[i], plus.mean.row(i).data(), -1,
                          shift, tracePlus);
    // Column i itself (unmasked) is handled below: its logit L_ii = log k(0) does not move.
    columnNormaliserShift(kernel, x, particles, wParticles, minus.logSum[i],
                          minus.mean.row(i).data(), i, shift, traceMinus);
    double trace = tracePlus - traceMinus;
    if (!maskSelf && wParticles[i] > kNegInf) {
      // Column i: its centre moves (weight w_ii on x_i in m-), and its normaliser
      // C_i = log sum_r k(x_r, x_i) moves through every other row r: delta_i = -dC_i/2 =
      // (1/2) sum_r sigma_ri g_ri with g_ri = grad_x log k(x, x_i) at x = x_r.
      double delta[kMaxDim] = {};
      for (Eigen::Index r = 0; r < n; ++r) {
        if (r == i) continue;
        double r2 = 0.0, z[kMaxDim];
        for (Eigen::Index k = 0; k < d; ++k) {
          z[k] = x[k] - particles(r, k);
          r2 += z[k] * z[k];
        }
        const double sigma = std::exp(kernel.logValue(r2) + 2.0 * wParticles[i]);
        const double f = 0.5 * sigma * scoreFactor(kernel, r2);
        for (Eigen::Index k = 0; k < d; ++k) delta[k] += f * z[k];
      }
      const double wSelf = std::exp(wParticles[i] - minus.logSum[i]);  // L_ii = log k(0) = 0
      for (Eigen::Index k = 0; k < d; ++k) {
        shift[k] += wSelf * delta[k];
        trace -= wSelf * (x[k] - minus.mean(i, k)) * delta[k];
      }
      trace -= static_cast<double>(d) * wSelf;
    }
    double dmShift = 0.0;
    for (Eigen::Index k = 0; k < d; ++k) dmShift += (plus.mean(i, k) - minus.mean(i, k)) * shift[k];
    out[i] = std::exp(psi) * (dmShift + trace);
  }
  return out;
}

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
