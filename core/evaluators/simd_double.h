#pragma once
/// A thin portable SIMD layer for the kernel-sum loops: GCC/Clang vector extensions of
/// kSimdLanes doubles (8 with AVX-512, 4 with AVX, 2 otherwise). Host intrinsics are used
/// only for FMA and sqrt, with plain-C fallbacks, so the file compiles on any target.
#include <cmath>
#include <cstdint>

#if defined(__AVX512F__) || defined(__AVX__) || defined(__FMA__)
#include <immintrin.h>
#endif

namespace driftlab::simd {

#if defined(__AVX512F__)
inline constexpr int kSimdLanes = 8;
#elif defined(__AVX__)
inline constexpr int kSimdLanes = 4;
#else
inline constexpr int kSimdLanes = 2;
#endif

using VecD = double __attribute__((vector_size(8 * kSimdLanes)));
using VecI = std::int64_t __attribute__((vector_size(8 * kSimdLanes)));

inline VecD broadcast(double x) {
  return VecD{} + x;
}

/// Lane-wise a * b + c, fused where the host has FMA (ISO C++ mode does not contract).
inline VecD fma(VecD a, VecD b, VecD c) {
#if defined(__AVX512F__)
  return (VecD)_mm512_fmadd_pd((__m512d)a, (__m512d)b, (__m512d)c);
#elif defined(__FMA__) && defined(__AVX__)
  return (VecD)_mm256_fmadd_pd((__m256d)a, (__m256d)b, (__m256d)c);
#else
  return a * b + c;
#endif
}

inline VecD max(VecD a, VecD b) {
#if defined(__AVX512F__)
  return (VecD)_mm512_max_pd((__m512d)a, (__m512d)b);
#elif defined(__AVX__)
  return (VecD)_mm256_max_pd((__m256d)a, (__m256d)b);
#else
  return a > b ? a : b;
#endif
}

inline VecD min(VecD a, VecD b) {
#if defined(__AVX512F__)
  return (VecD)_mm512_min_pd((__m512d)a, (__m512d)b);
#elif defined(__AVX__)
  return (VecD)_mm256_min_pd((__m256d)a, (__m256d)b);
#else
  return a < b ? a : b;
#endif
}

inline VecD sqrt(VecD a) {
#if defined(__AVX512F__)
  return (VecD)_mm512_sqrt_pd((__m512d)a);
#elif defined(__AVX__)
  return (VecD)_mm256_sqrt_pd((__m256d)a);
#else
  VecD r;
  for (int l = 0; l < kSimdLanes; ++l) r[l] = std::sqrt(a[l]);
  return r;
#endif
}

/// 2^t for t <= 0, lane-wise. t is clamped at -1020 (so 2^n stays a normal number; callers
/// treat sums below 2^-900 as underflowed and redo them with a shift). Reduction
/// t = n + f, n = round(t), f in [-1/2, 1/2], exact in floating point; 2^f by a degree-10
/// polynomial (Chebyshev interpolant, monomial form) with measured max relative error
/// 4.0e-16 on [-1/2, 1/2]; 2^n built in the exponent bits. Relative error of the result:
/// about 4e-16 + |t| 2^-53 ln 2 from the rounding of t itself, as for std::exp.
inline VecD exp2NonPositive(VecD t) {
  constexpr double kRoundMagic = 6755399441055744.0;  // 1.5 * 2^52: adds round to integer
  t = max(t, broadcast(-1020.0));
  const VecD shifted = t + kRoundMagic;
  const VecD n = shifted - kRoundMagic;
  const VecD f = t - n;
  VecD p = broadcast(7.07260916499308223138e-09);
  p = fma(p, f, broadcast(1.02086918474242338561e-07));
  p = fma(p, f, broadcast(1.32154424925534641488e-06));
  p = fma(p, f, broadcast(1.52526572512745595134e-05));
  p = fma(p, f, broadcast(0.000154035304417939056254));
  p = fma(p, f, broadcast(0.00133335582301829375096));
  p = fma(p, f, broadcast(0.00961812910760704003338));
  p = fma(p, f, broadcast(0.0555041086644475708829));
  p = fma(p, f, broadcast(0.24022650695910096683));
  p = fma(p, f, broadcast(0.693147180559949986948));
  p = fma(p, f, broadcast(1.0));
  // The low mantissa bits of `shifted` hold n (two's complement, offset 2^51 that the
  // shift by 52 discards): (n + 1023) << 52 is the IEEE bit pattern of 2^n.
  const VecI bits = ((VecI)shifted + 1023) << 52;
  return p * (VecD)bits;
}

/// Natural log, lane-wise, for positive normal x (other lanes: std::log). x = 2^e m with
/// m in [sqrt(1/2), sqrt(2)), log m = 2 atanh(s), s = (m - 1) / (m + 1), |s| <= 0.172, by
/// its series to s^21 (truncation < 3e-17). Measured relative error <= 2.3e-16.
inline VecD logPositive(VecD x) {
  const VecI bits = (VecI)x;
  VecI e = ((bits >> 52) & 0x7ff) - 1023;
  VecD m = (VecD)((bits & 0xfffffffffffffLL) | (std::int64_t(1023) << 52));  // [1, 2)
  const auto big = m > 1.4142135623730951;
  m = big ? 0.5 * m : m;
  e = big ? e + 1 : e;
  const VecD sNum = m - 1.0, sDen = m + 1.0;
  const VecD sv = sNum / sDen, s2 = sv * sv;
  VecD p = broadcast(2.0 / 21.0);
  for (int k = 19; k >= 1; k -= 2) p = fma(p, s2, broadcast(2.0 / k));
  VecD ed;
  for (int l = 0; l < kSimdLanes; ++l) ed[l] = double(e[l]);
  VecD r = fma(ed, broadcast(0.6931471805599453), p * sv);
  for (int l = 0; l < kSimdLanes; ++l)
    if (!(x[l] >= 0x1p-1022 && x[l] <= 1.7976931348623157e308)) r[l] = std::log(x[l]);
  return r;
}

/// log of every entry of v[0..n) in place (values as logPositive accepts them).
inline void logInPlace(double* v, std::int64_t n) {
  std::int64_t i = 0;
  for (; i + kSimdLanes <= n; i += kSimdLanes) {
    VecD x;
    for (int l = 0; l < kSimdLanes; ++l) x[l] = v[i + l];
    const VecD r = logPositive(x);
    for (int l = 0; l < kSimdLanes; ++l) v[i + l] = r[l];
  }
  for (; i < n; ++i) v[i] = std::log(v[i]);
}

/// Flops per lane in exp2NonPositive (an FMA counts 2): clamp 1, reduction 3, polynomial
/// 10 FMAs, scaling 1 (the integer exponent arithmetic is not counted).
inline constexpr int kExp2Flops = 25;

}  // namespace driftlab::simd
