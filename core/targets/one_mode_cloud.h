#pragma once
/// The `one-mode` initial cloud: every particle starts in one mode of the target (a run that
/// must find the other modes: mode coverage).
/// - Gaussian-mixture targets: N(mu_k, (scale sigma_k)^2 I) at component k = `mode`
///   (an InputError names init.mode when the mixture has no such component).
/// - Other targets: N(c, (scale w)^2 I) around the target's densest sampled point c (the one of
///   512 fixed draws with the most of the others within 5% of the bounds' longest side), with
///   w = 2% of that side; `mode` is not used.
#include "registry/registry.h"

namespace driftlab {

InitInfo oneModeCloudInfo();

}  // namespace driftlab
