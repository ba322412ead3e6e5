#pragma once
/// The official drifting implementation's "joint" normalisation, without an N x (M+N) matrix.
#include "base/point_set.h"
#include "evaluators/kernel.h"

namespace driftlab {

/// Rows are the queries, columns the data then the particles; logits L = log k (i.e.
/// -dist/tau for Laplace). With R_i, C_c the row and column log-sum-exps,
///   A = exp(L - R/2 - C/2) = sqrt(softmax_row * softmax_col),
///   W+ = A+ * rowsum(A-), W- = A- * rowsum(A+),  V = W+ y - W- x.
/// Column sums run over the particles (the rows of the official batch); a query that is
/// not a particle (excludeSelf false) is treated as one more row that does not enter them.
/// excludeSelf masks the logit of query i against particle i (the official self mask).
/// queries: n x d, data: M x d, particles: N x d, out: n x d.
void jointNormalisedDrift(const Kernel& kernel, ConstPointRef queries, ConstPointRef data,
                          ConstPointRef particles, bool excludeSelf, PointRef out);

}  // namespace driftlab
