#include "evaluators/fast_direct_kernel_sums.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>

#include "base/dimension_dispatch.h"
#include "evaluators/simd_double.h"

namespace driftlab {

namespace {

using simd::kSimdLanes;
using simd::VecD;
using simd::VecI;

constexpr double kInf = std::numeric_limits<double>::infinity();
/// A lane whose unshifted sum is below this has lost (or may lose) terms to underflow.
constexpr double kUnderflowGuard = 0x1p-900;

/// Query vectors per tile: enough independent work per source to hide the exp latency,
/// few enough that the (1 + D) T accumulators and D T query coordinates stay in registers.
template <int D>
constexpr int tileVectors() {
  return D <= 2 ? 4 : (D <= 4 ? 2 : 1);
}

/// One tile of T x kSimdLanes queries: coordinates, left-out source, shift and sums.
template <int D, int T>
struct Tile {
  VecD q[T][D];
  VecI self[T];
  VecD shift[T];  ///< per-lane log2 shift subtracted from every log2 k (0: unshifted)
  VecD total[T];
  VecD acc[T][D];
};

/// log2 k for one lane vector of squared distances; c = -log2(e) / (2 h^2) or -log2(e) / tau.
template <KernelKind K>
inline VecD log2Kernel(VecD r2, VecD c) {
  if constexpr (K == KernelKind::kGaussian)
    return r2 * c;
  else
    return simd::sqrt(r2) * c;
}

/// Adds sources [j0, j1) to the tile's sums. Masked: lanes skip the source equal to their
/// self index; Shifted: subtract the per-lane shift from log2 k. The numerical kernel, kept
/// in one loop (sums in locals, so they live in registers) for the compiler to see the tile.
template <int D, int T, KernelKind K, bool Masked, bool Shifted>
void accumulate(const double* __restrict src, Eigen::Index j0, Eigen::Index j1, double c,
                Tile<D, T>& tile) {
  const VecD cv = simd::broadcast(c);
  VecD q[T][D], total[T], acc[T][D], shift[T];
  VecI self[T];
  for (int t = 0; t < T; ++t) {
    total[t] = tile.total[t];
    shift[t] = tile.shift[t];
    self[t] = tile.self[t];
    for (int k = 0; k < D; ++k) {
      q[t][k] = tile.q[t][k];
      acc[t][k] = tile.acc[t][k];
    }
  }
  for (Eigen::Index j = j0; j < j1; ++j) {
    const double* s = src + j * D;
#pragma GCC unroll 4
    for (int t = 0; t < T; ++t) {
      VecD diff[D];
      for (int k = 0; k < D; ++k) diff[k] = s[k] - q[t][k];
      VecD r2 = diff[0] * diff[0];
      for (int k = 1; k < D; ++k) r2 = simd::fma(diff[k], diff[k], r2);
      VecD log2k = log2Kernel<K>(r2, cv);
      if constexpr (Shifted) log2k -= shift[t];
      VecD w = simd::exp2NonPositive(log2k);
      if constexpr (Masked) w = self[t] == VecI{} + j ? VecD{} : w;
      total[t] += w;
      for (int k = 0; k < D; ++k) acc[t][k] = simd::fma(w, diff[k], acc[t][k]);
    }
  }
  for (int t = 0; t < T; ++t) {
    tile.total[t] = total[t];
    for (int k = 0; k < D; ++k) tile.acc[t][k] = acc[t][k];
  }
}

/// Per-lane minimum squared distance over sources [j0, j1) (the max pass of the redo).
template <int D, int T, bool Masked>
void minDistance(const double* src, Eigen::Index j0, Eigen::Index j1, const Tile<D, T>& tile,
                 VecD (&r2min)[T]) {
  for (Eigen::Index j = j0; j < j1; ++j) {
    const double* s = src + j * D;
    for (int t = 0; t < T; ++t) {
      VecD r2 = VecD{};
      for (int k = 0; k < D; ++k) {
        const VecD diff = s[k] - tile.q[t][k];
        r2 = simd::fma(diff, diff, r2);
      }
      if constexpr (Masked) r2 = tile.self[t] == VecI{} + j ? simd::broadcast(kInf) : r2;
      r2min[t] = simd::min(r2min[t], r2);
    }
  }
}

/// Source range [lo, hi) that holds every lane's self index (empty when none).
template <int D, int T>
void maskedRange(const Tile<D, T>& tile, Eigen::Index m, Eigen::Index& lo, Eigen::Index& hi) {
  lo = m;
  hi = 0;
  for (int t = 0; t < T; ++t)
    for (int l = 0; l < kSimdLanes; ++l) {
      const Eigen::Index s = tile.self[t][l];
      if (s < 0 || s >= m) continue;
      lo = std::min(lo, s);
      hi = std::max(hi, s + 1);
    }
  if (lo >= hi) lo = hi = m;
}

template <int D, int T, KernelKind K, bool Shifted>
void sumAllSources(const double* src, Eigen::Index m, Eigen::Index lo, Eigen::Index hi, double c,
                   Tile<D, T>& tile) {
  for (int t = 0; t < T; ++t) {
    tile.total[t] = VecD{};
    for (int k = 0; k < D; ++k) tile.acc[t][k] = VecD{};
  }
  accumulate<D, T, K, false, Shifted>(src, 0, lo, c, tile);
  accumulate<D, T, K, true, Shifted>(src, lo, hi, c, tile);
  accumulate<D, T, K, false, Shifted>(src, hi, m, c, tile);
}

template <int D, int T>
bool underflowed(const Tile<D, T>& tile) {
  for (int t = 0; t < T; ++t)
    for (int l = 0; l < kSimdLanes; ++l)
      if (!(tile.total[t][l] >= kUnderflowGuard)) return true;
  return false;
}

/// Two-pass redo: shift every lane by its largest log2 k, then sum again.
template <int D, int T, KernelKind K>
void redoShifted(const double* src, Eigen::Index m, Eigen::Index lo, Eigen::Index hi, double c,
                 Tile<D, T>& tile) {
  VecD r2min[T];
  for (int t = 0; t < T; ++t) r2min[t] = simd::broadcast(kInf);
  minDistance<D, T, false>(src, 0, lo, tile, r2min);
  minDistance<D, T, true>(src, lo, hi, tile, r2min);
  minDistance<D, T, false>(src, hi, m, tile, r2min);
  for (int t = 0; t < T; ++t) {
    const VecD top = log2Kernel<K>(r2min[t], simd::broadcast(c));
    tile.shift[t] = r2min[t] == kInf ? VecD{} : top;  // no source at all: nothing to shift
  }
  sumAllSources<D, T, K, true>(src, m, lo, hi, c, tile);
}

template <int D, KernelKind K>
void fastSums(const Kernel& kernel, ConstPointRef queries, ConstPointRef sources, bool excludeSelf,
              const Eigen::Index* selfIndex, KernelSums& out) {
  constexpr int T = tileVectors<D>();
  constexpr int kTileQueries = T * kSimdLanes;
  const Eigen::Index n = queries.rows();
  const Eigen::Index m = sources.rows();
  const double c = K == KernelKind::kGaussian
                       ? -std::numbers::log2e / (2.0 * kernel.scale * kernel.scale)
                       : -std::numbers::log2e / kernel.scale;
  const double* q = queries.data();
  const double* src = sources.data();
  const Eigen::Index tiles = (n + kTileQueries - 1) / kTileQueries;
#pragma omp parallel for schedule(dynamic, 1)
  for (Eigen::Index tileIndex = 0; tileIndex < tiles; ++tileIndex) {
    Tile<D, T> tile;
    const Eigen::Index i0 = tileIndex * kTileQueries;
    for (int t = 0; t < T; ++t) {
      tile.shift[t] = VecD{};
      for (int l = 0; l < kSimdLanes; ++l) {
        const Eigen::Index i = std::min(i0 + t * kSimdLanes + l, n - 1);  // pad with the last
        const bool real = i0 + t * kSimdLanes + l < n;
        for (int k = 0; k < D; ++k) tile.q[t][k][l] = q[i * D + k];
        tile.self[t][l] = !real ? -1 : selfIndex ? selfIndex[i] : excludeSelf ? i : -1;
      }
    }
    Eigen::Index lo, hi;
    maskedRange(tile, m, lo, hi);
    sumAllSources<D, T, K, false>(src, m, lo, hi, c, tile);
    if (underflowed(tile)) redoShifted<D, T, K>(src, m, lo, hi, c, tile);
    for (int t = 0; t < T; ++t)
      for (int l = 0; l < kSimdLanes; ++l) {
        const Eigen::Index i = i0 + t * kSimdLanes + l;
        if (i >= n) break;
        const double total = tile.total[t][l];
        double* mean = out.mean.data() + i * D;
        if (total > 0.0) {
          out.logSum[i] = std::log(total) + tile.shift[t][l] * std::numbers::ln2;
          for (int k = 0; k < D; ++k) mean[k] = q[i * D + k] + tile.acc[t][k][l] / total;
        } else {  // no source at all: empty sum, zero displacement
          out.logSum[i] = -kInf;
          for (int k = 0; k < D; ++k) mean[k] = q[i * D + k];
        }
      }
  }
}

template <int D>
void dispatchKernel(const Kernel& kernel, ConstPointRef queries, ConstPointRef sources,
                    bool excludeSelf, const Eigen::Index* selfIndex, KernelSums& out) {
  if (kernel.kind == KernelKind::kGaussian)
    fastSums<D, KernelKind::kGaussian>(kernel, queries, sources, excludeSelf, selfIndex, out);
  else
    fastSums<D, KernelKind::kLaplace>(kernel, queries, sources, excludeSelf, selfIndex, out);
}

void dispatch(const Kernel& kernel, ConstPointRef queries, ConstPointRef sources, bool excludeSelf,
              const Eigen::Index* selfIndex, KernelSums& out) {
  const int d = prepareKernelSums(queries, sources, out);
  if (queries.rows() == 0) return;
  withDimension(d, [&](auto D) {
    dispatchKernel<D.value>(kernel, queries, sources, excludeSelf, selfIndex, out);
  });
}

}  // namespace

void fastDirectKernelSums(const Kernel& kernel, ConstPointRef queries, ConstPointRef sources,
                          bool excludeSelf, KernelSums& out) {
  dispatch(kernel, queries, sources, excludeSelf, nullptr, out);
}

void fastDirectKernelSums(const Kernel& kernel, ConstPointRef queries, ConstPointRef sources,
                          const Eigen::Index* selfIndex, KernelSums& out) {
  dispatch(kernel, queries, sources, false, selfIndex, out);
}

int fastDirectFlopsPerPair(int dim, KernelKind kind) {
  // d differences, r^2 (1 mul + d - 1 FMAs), 1 scale, exp2, 1 + d accumulations (d FMAs).
  return dim + (2 * dim - 1) + 1 + simd::kExp2Flops + 1 + 2 * dim +
         (kind == KernelKind::kLaplace ? 1 : 0);
}

}  // namespace driftlab
