#pragma once
/// The official drifting implementation's "joint" normalisation, without an N x (M+N) matrix.
#include "base/point_set.h"
#include "evaluators/kernel.h"

namespace driftlab {

/// The batch is the N particles (rows) against the columns [data y_1..y_M, particles
/// x_1..x_N]; logits L_ic = log k(x_i, c) (-dist/tau for Laplace, -dist^2/2h^2 for Gaussian),
/// with L_ii = -inf on the particle diagonal iff maskSelf (the official self mask;
/// include_self = !maskSelf). With R_i = logsumexp_c L_ic and C_c = logsumexp_i L_ic (over the
/// particle rows),
///   A = exp(L - R/2 - C/2) = sqrt(softmax_row * softmax_col),
///   W+ = A+ * rowsum(A-), W- = A- * rowsum(A+),  V = W+ y - W- x,
/// one formula in which the mask enters rows and columns alike. queriesAreParticles: the
/// queries are the particles (row i is particle i); otherwise a query is one more row with
/// the same logits, unmasked, that does not enter the column sums C (so that at query x_i it
/// equals row i exactly when the diagonal is not masked).
/// queries: n x d, data: M x d, particles: N x d, out: n x d.
void jointNormalisedDrift(const Kernel& kernel, ConstPointRef queries, ConstPointRef data,
                          ConstPointRef particles, bool maskSelf, bool queriesAreParticles,
                          PointRef out);
/// The two halves of jointNormalisedDrift, V = attraction - repulsion in displacements:
/// attraction = W+ y - rowsum(W+) x, repulsion = W- X - rowsum(W-) x, rowsum(W+) = rowsum(W-)
/// (x the query, X the particles).
/// attraction, repulsion: n x d.
void jointNormalisedHalves(const Kernel& kernel, ConstPointRef queries, ConstPointRef data,
                           ConstPointRef particles, bool maskSelf, bool queriesAreParticles,
                           PointRef attraction, PointRef repulsion);

/// The same drift and its Jacobian d V / d x at the queries (row normaliser R(x) differentiated,
/// column normalisers C held fixed): V = exp(psi) (m+ - m-), psi = L+ + L- - R, where L+-
/// and m+- are the log-sums and means of the column-weighted groups (log weights L_ic - C_c/2),
/// so J = exp(psi) [(m+ - m-) grad psi^T + dm+/dx - dm-/dx]. v: n x d, jac: n x (d*d).
void jointNormalisedJacobian(const Kernel& kernel, ConstPointRef queries, ConstPointRef data,
                             ConstPointRef particles, bool maskSelf, bool queriesAreParticles,
                             PointRef v, PointRef jac);

/// Per particle i (rows = particles): the trace of the part of d V_i / d x_i that comes from
/// x_i as a column (its own centre, its column normaliser) and from row i's share of every
/// column normaliser C_c (see DriftField::selfDivergence). Values for the first `rows`
/// particles.
Vector jointNormalisedSelfDivergence(const Kernel& kernel, ConstPointRef data,
                                     ConstPointRef particles, bool maskSelf, Eigen::Index rows);

}  // namespace driftlab
