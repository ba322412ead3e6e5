#pragma once
/// Measured floating-point peak of this machine: the bound `driftlab bench --peak` reports
/// the direct kernel against.
namespace driftlab {

/// Double-precision FMA throughput of all OpenMP threads, in FMA lane-operations per second
/// (one fused multiply-add on one double = 2 flops). Runs independent FMA chains on the
/// widest SIMD vectors the build targets for about `seconds`; best of 3 runs.
double measureFmaPerSecond(double seconds = 0.3);

}  // namespace driftlab
