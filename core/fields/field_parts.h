#pragma once
/// A field drawn as two parts: the attraction and repulsion halves of any flow
/// (v = attraction - repulsion), and the sharp-companion decomposition of `laplace`
/// (v = companion + residual).
#include <optional>

#include "fields/drift_field.h"

namespace driftlab {

/// v = attraction - repulsion: V+ and V- for the mean-shift flows, s_p and s_q (scaled as the
/// flow scales them) for the score flows, the data and particle halves of `mmd`.
struct FieldHalves {
  PointSet attraction;  ///< n x d
  PointSet repulsion;   ///< n x d
};
FieldHalves halvesAtPoints(const DriftField& field, const FieldInputs& in, ConstPointRef queries);

/// `laplace` (separate normalisation) only: V = c_q (s#_p - s#_q) + (c_p - c_q) s#_p with the
/// sharp kernel k#(r) = tau (r + tau) exp(-r/tau), c = (. * k#) / (. * k) (SPEC §3).
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

}  // namespace driftlab
