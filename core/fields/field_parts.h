#pragma once
/// A field drawn as two parts: the attraction and repulsion halves of any flow
/// (v = attraction - repulsion), and the sharp-companion decomposition of `laplace`
/// (v = companion + residual).
#include <vector>

#include "fields/drift_field.h"

namespace driftlab {

/// v = attraction - repulsion: V+ and V- for the mean-shift flows (separate, none, and joint's
/// W+ y and W- x in displacements), s_p and s_q (scaled as the flow scales them: 1/h^2 or drift
/// units) for `conservative`, w(r) s_p and w(r) s_q for `f-divergence`, grad log(p * k#) and
/// grad log(q * k#) for `sharp-laplace`, the data and particle halves of `mmd`, svgd's driving term
/// and its repulsion (minus the sum of kernel gradients), the pull toward the noised means and the
/// linear term of `pf-ode` (PfOdeField::parts). Each half is built from the same backend sums as
/// the field, so the difference is v to rounding.
struct FieldHalves {
  PointSet attraction;  ///< n x d
  PointSet repulsion;   ///< n x d
};
/// At arbitrary points (every particle a kernel centre, as atPoints). queries: n x d.
/// Throws std::invalid_argument for a field type that is not in the registry.
FieldHalves halvesAtPoints(const DriftField& field, const FieldInputs& in, ConstPointRef queries);

/// `laplace` (separate normalisation) only: V = c_q (s#_p - s#_q) + (c_p - c_q) s#_p with the
/// sharp kernel k#(r) = tau (r + tau) exp(-r/tau), c = (. * k#) / (. * k) (SPEC §3), and
/// s#_p = grad log(p * k#) = sum_j k (y_j - x) / sum_j k#. Exact: c_p s#_p = V+ and
/// c_q s#_q = V-, so companion + residual = V+ - V- to rounding. Where particles and data
/// coincide c_q = c_p and the residual is 0. The laplace functions throw std::invalid_argument
/// unless hasLaplaceDecomposition(field). Computed from exact Laplace and sharp sums
/// (sharp_kernel_sums.h) in O(n (N + M)), whatever the field's backend: companion + residual
/// equals the field's own (direct) sums to ~1e-14.
struct LaplaceDecomposition {
  PointSet companion;  ///< c_q (s#_p - s#_q), n x d
  PointSet residual;   ///< (c_p - c_q) s#_p, n x d
};
/// Whether `field` is a `laplace` field whose decomposition is defined.
bool hasLaplaceDecomposition(const DriftField& field);
/// At arbitrary points (particles as kernel centres, as atPoints).
LaplaceDecomposition laplaceDecompositionAtPoints(const DriftField& field, const FieldInputs& in,
                                                  ConstPointRef queries);
/// At the particles with atParticles' leave-one-out rules: companion + residual = atParticles.
LaplaceDecomposition laplaceDecompositionAtParticles(const DriftField& field,
                                                     const FieldInputs& in);
/// The same at the particles `rows` only (indices into in.particles; row i of the result is
/// particle rows[i]): O(|rows| (N + M)), for estimates over a subset.
LaplaceDecomposition laplaceDecompositionAtParticles(const DriftField& field, const FieldInputs& in,
                                                     const std::vector<Eigen::Index>& rows);

/// Root mean squares over the particles `rows` of the residual term |(c_p - c_q) s#_p| and of
/// |V| = |companion + residual| (0 for no rows).
struct LaplaceResidualNorms {
  double residual = 0.0;
  double velocity = 0.0;
};
LaplaceResidualNorms laplaceResidualNorms(const DriftField& field, const FieldInputs& in,
                                          const std::vector<Eigen::Index>& rows);

}  // namespace driftlab
