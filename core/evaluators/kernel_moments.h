#pragma once
/// Exact kernel moments with their x-derivatives: the primitive of the closed-form Jacobians.
///
/// For a query x and sources s_j with kernel k (unnormalised, see Kernel) and optional
/// per-source log weights c_j, the softmax weights are w_j ∝ exp(c_j) k(x, s_j) and, with
/// g_j = grad_x log k(x, s_j) (Gaussian: (s_j - x) / h^2; Laplace: (s_j - x) / (tau |x - s_j|),
/// taken as 0 at |x - s_j| = 0),
///   logSum  = log sum_j exp(c_j) k(x, s_j),
///   mean    = m = sum_j w_j s_j,
///   gradLog = sum_j w_j g_j = grad_x logSum,
///   jacobian (centred form)       A = sum_j w_j (s_j - m) g_j^T = d m / dx,
///   jacobian (displacement form)  B = sum_j w_j (s_j - x) g_j^T = A + (m - x) gradLog^T,
///     so that d/dx [sum_j exp(c_j) k_j (s_j - x)] = exp(logSum) (B - I).
/// Direct O(n m d^2), stabilised by a max shift, rows in parallel; a row with no source
/// (all weights 0) gets logSum = -inf, mean = x, gradLog = 0, jacobian = 0.
#include "base/point_set.h"
#include "evaluators/kernel.h"

namespace driftlab {

struct KernelMoments {
  Vector logSum;      ///< n
  PointSet mean;      ///< n x d
  PointSet gradLog;   ///< n x d
  PointSet jacobian;  ///< n x (d*d), row-major: jacobian(i, a*d + b) = d mean_a / d x_b (or B)
};

/// Which Jacobian to return: A (centred), B (displacement), or none (jacobian left 0).
enum class MomentForm { kCentred, kDisplacement, kFirstOrder };

/// The d x d identity as one row-major row of d*d numbers (the layout of `jacobian`).
inline Eigen::RowVectorXd flatIdentity(Eigen::Index d) {
  Eigen::RowVectorXd e = Eigen::RowVectorXd::Zero(d * d);
  for (Eigen::Index k = 0; k < d; ++k) e[k * d + k] = 1.0;
  return e;
}

/// Below this many query-source pairs the moments run on one thread.
inline constexpr Eigen::Index kParallelPairs = 16384;

/// queries: n x d; sources: m x d. skip: per query the index of a source left out (-1: none),
/// or null. sourceLogWeights: m log weights c_j, or null (all 0).
void kernelMoments(const Kernel& kernel, ConstPointRef queries, ConstPointRef sources,
                   const Eigen::Index* skip, const Vector* sourceLogWeights, MomentForm form,
                   KernelMoments& out);

/// skip[i] = i for every query when excludeSelf (the queries are the sources), else none.
void kernelMoments(const Kernel& kernel, ConstPointRef queries, ConstPointRef sources,
                   bool excludeSelf, MomentForm form, KernelMoments& out);

}  // namespace driftlab
