#include "cli/fma_peak.h"

#include <omp.h>

#include <algorithm>
#include <chrono>

#include "evaluators/simd_double.h"

namespace driftlab {

namespace {

/// 16 independent chains: enough to cover FMA latency x pipes on current x86 cores.
double fmaRun(long iterations) {
  using simd::VecD;
  double sink = 0.0;
  const auto t0 = std::chrono::steady_clock::now();
#pragma omp parallel reduction(+ : sink)
  {
    VecD a[16];
    for (int i = 0; i < 16; ++i) a[i] = simd::broadcast(1.0 + i * 1e-3);
    const VecD b = simd::broadcast(0.999999), c = simd::broadcast(1e-7);
    for (long it = 0; it < iterations; ++it) {
#pragma GCC unroll 16
      for (int i = 0; i < 16; ++i) a[i] = simd::fma(a[i], b, c);
    }
    for (int i = 0; i < 16; ++i)
      for (int l = 0; l < simd::kSimdLanes; ++l) sink += a[i][l];
  }
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  volatile double keep = sink;  // the chains must not be optimised away
  (void)keep;
  return double(iterations) * 16.0 * simd::kSimdLanes * omp_get_max_threads() / s;
}

}  // namespace

double measureFmaPerSecond(double seconds) {
  long iterations = 1 << 16;
  double rate = fmaRun(iterations);
  iterations = std::max<long>(
      iterations, long(seconds * rate / (16.0 * simd::kSimdLanes * omp_get_max_threads())));
  double best = 0.0;
  for (int r = 0; r < 3; ++r) best = std::max(best, fmaRun(iterations));
  return best;
}

}  // namespace driftlab
