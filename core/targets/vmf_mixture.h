#pragma once
/// `vmf-mixture` (SPEC §4): a mixture of von Mises-Fisher laws on the unit sphere S^2,
///   p(x) = sum_k w_k kappa_k / (4 pi sinh kappa_k) exp(kappa_k mu_k . x),
/// with equal weights, sampled exactly (Wood's algorithm, see vmfCosine).
#include "registry/registry.h"

namespace driftlab {

/// The cosine w = mu . x of a vMF(mu, kappa) sample on S^2 from a uniform u in (0, 1) (Wood
/// 1994, exact on S^2): w = 1 + log(u + (1 - u) e^{-2 kappa}) / kappa, written with log1p and
/// expm1 so that it stays accurate for small and large kappa.
double vmfCosine(double kappa, double u);

/// The mean resultant length of vMF(mu, kappa) on S^2: |E x| = coth(kappa) - 1/kappa.
double vmfMeanResultantLength(double kappa);

/// Params: `means` (3K numbers: K mean directions, normalised; default a zigzag ring of six at
/// latitudes +-30 degrees, 60 degrees apart in longitude), `kappa` (1 or K concentrations in
/// (0, 1e4], default 20: an angular spread of about 1/sqrt(20) rad = 13 degrees). dim 3.
TargetInfo vmfMixtureTargetInfo();

}  // namespace driftlab
