#pragma once
/// `driftlab bench`: throughput and accuracy of the kernel-sum backends (SPEC §6, issue 3).
///
///   driftlab bench --flow F --dim d --particles N --samples M --bandwidth h
///                  --backend direct|fft|auto [--target T] [--evals K] [--steps S]
///                  [--eta E] [--threads T] [--seed S] [--reference-particles R]
///   driftlab bench --peak [--threads T]
///
/// --steps S advances the scene S steps (Euler, drift size --eta, with the chosen backend)
/// before measuring, e.g. to bench a converged cloud instead of the initial one. Prints one
/// JSON line. Field evaluations: flow, backend, backend_id (what ran), dim,
/// particles, samples, bandwidth, target, evals, ms_first_eval (includes building cached data
/// grids), ms_per_eval (median), gpairs_per_s (N (N + M) kernel pairs per evaluation / time)
/// and, for non-direct backends, max_err_h and median_err_h = h |v - v_ref| against the
/// double-precision stabilised reference over the (sampled) particles where both kernel
/// densities exceed 1e-4 of their maxima. --peak: measured FMA throughput and the direct
/// kernel's share of it (2D, N = M = 8000, Gaussian and Laplace).
#include <iosfwd>
#include <string>
#include <vector>

namespace driftlab {

/// args: the words after "bench". Returns the exit code (0, 1 failure, 2 bad input).
int benchCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace driftlab
