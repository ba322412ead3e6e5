#include "evaluators/fft_gaussian_grid.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <numbers>

#include <omp.h>

namespace driftlab {

namespace {

/// Four doubles: the B-spline weights along the last axis, or one node's (sum0, sum1[0..3)).
using Vec4 = double __attribute__((vector_size(32)));

inline Vec4 load4(const double* p) {
  Vec4 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

inline void store4(double* p, Vec4 v) {
  std::memcpy(p, &v, sizeof v);
}

/// Weights of the cubic B-spline M4 on the 4 nodes floor(u) - 1 .. floor(u) + 2, f = frac(u);
/// T = double, or Vec4 (lane by lane: the same bits).
template <class T>
inline void cubicWeights(T f, T (&w)[4]) {
  const T f2 = f * f, f3 = f2 * f, g = 1.0 - f;
  w[0] = g * g * g / 6.0;
  w[1] = (3.0 * f3 - 6.0 * f2 + 4.0) / 6.0;
  w[2] = (-3.0 * f3 + 3.0 * f2 + 3.0 * f + 1.0) / 6.0;
  w[3] = f3 / 6.0;
}

/// Sources are sorted and spread in blocks of this many (vectorised divisions and weights).
constexpr int kBlock = 128;

/// Grid coordinates u = (x - origin) / spacing along axis k of sources j .. j+n-1, by a true
/// division: node indices are exactly the per-point ones.
inline void gridCoordinates(ConstPointRef sources, Eigen::Index j, int n, int k,
                            const GridGeometry& g, double* u) {
  for (int i = 0; i < n; ++i) u[i] = sources(j + i, k);
  const double origin = g.origin[k], spacing = g.spacing;
  for (int i = 0; i < n; ++i) u[i] = (u[i] - origin) / spacing;
}

/// std::floor(u) for grid coordinates (|u| < 2^31), written so that loops vectorise.
inline double floorOnGrid(double u) {
  const double t = static_cast<double>(static_cast<std::int32_t>(u));
  return t > u ? t - 1.0 : t;
}

/// First node of grid coordinate u's stencil, clamped into an axis of `size` nodes; in
/// double, so that loops vectorise.
inline double firstNode(double u, int size) {
  const double b = floorOnGrid(u) - 1.0, last = size - 4;
  return b < 0.0 ? 0.0 : (b > last ? last : b);
}

/// Adds the B-spline weights of n <= kBlock sources (u[k][i]: grid coordinate k of source i,
/// all with first node b along axis 0; overwritten) to rows b+aLo .. b+aHi, one source after
/// the other. rowB: row b of the grid; rowCells: stride of axis 0.
template <int D>
void spreadBlock(double (&u)[D][kBlock], int n, const GridGeometry& g, double* rowB,
                 std::int64_t rowCells, int aLo, int aHi) {
  double w[D][4][kBlock];  // weights per axis, node and source: vectorised over sources
  double base[D][kBlock];  // first nodes, in double: the loop then vectorises
  for (int k = 0; k < D; ++k) {
    double* f = u[k];
    for (int i = 0; i < n; ++i) {
      base[k][i] = firstNode(f[i], g.size[k]);
      f[i] -= floorOnGrid(f[i]);
    }
    for (int i = 0; i < n; ++i) {
      double wi[4];
      cubicWeights(f[i], wi);
      for (int a = 0; a < 4; ++a) w[k][a][i] = wi[a];
    }
  }
  const int lineCells = D == 3 ? g.size[2] : 1;
  for (int i = 0; i < n; ++i) {
    const Vec4 wLast = {w[D - 1][0][i], w[D - 1][1][i], w[D - 1][2][i], w[D - 1][3][i]};
    if constexpr (D == 2) {
      double* cell = rowB + static_cast<int>(base[1][i]);
      for (int a = aLo; a <= aHi; ++a)
        store4(cell + a * rowCells, load4(cell + a * rowCells) + w[0][a][i] * wLast);
    } else {
      double* cell =
          rowB + static_cast<std::int64_t>(base[1][i]) * lineCells + static_cast<int>(base[2][i]);
      for (int a = aLo; a <= aHi; ++a)
        for (int c1 = 0; c1 < 4; ++c1) {
          double* line = cell + a * rowCells + c1 * lineCells;
          store4(line, load4(line) + (w[0][a][i] * w[1][c1][i]) * wLast);
        }
    }
  }
}

/// Sum of w * node over the 4^D stencil from node0 (w[k][a]: weight of node a along axis k),
/// one node's (sum0, sum1) per Vec4 (in 2D the 4th lane is the next node's sum0: ignored).
/// Separable: along the last axis first, then the others.
template <int D>
inline Vec4 stencilSum(const double* node0, const double (&w)[D][4], const GridGeometry& g) {
  auto line = [&](const double* p) {
    Vec4 r = w[D - 1][0] * load4(p);
    for (int a = 1; a < 4; ++a) r += w[D - 1][a] * load4(p + a * (D + 1));
    return r;
  };
  const std::int64_t stride0 =
      std::int64_t(g.queryNodes[1]) * (D == 3 ? g.queryNodes[2] : 1) * (D + 1);
  Vec4 acc = {};
  for (int a0 = 0; a0 < 4; ++a0) {
    if constexpr (D == 2) {
      acc += w[0][a0] * line(node0 + a0 * stride0);
    } else {
      Vec4 plane = {};
      for (int a1 = 0; a1 < 4; ++a1)
        plane += w[1][a1] * line(node0 + a0 * stride0 + a1 * g.queryNodes[2] * (D + 1));
      acc += w[0][a0] * plane;
    }
  }
  return acc;
}

/// Per-axis Fourier factors for one axis of length n with `count` stored frequencies:
/// gauss[l] = exp(-w^2 h^2 / 2) / sinc^8(w dx / 2) and omega[l] = w (0 at Nyquist).
void axisFactors(int n, int count, double dx, double h, std::vector<double>& gauss,
                 std::vector<double>& omega) {
  gauss.resize(count);
  omega.resize(count);
  for (int l = 0; l < count; ++l) {
    const int signedL = l <= n / 2 ? l : l - n;
    const double w = 2.0 * std::numbers::pi * signedL / (n * dx);
    const double x = 0.5 * w * dx;
    const double sinc = x == 0.0 ? 1.0 : std::sin(x) / x;
    const double s2 = sinc * sinc, s4 = s2 * s2;
    gauss[l] = std::exp(-0.5 * w * w * h * h) / (s4 * s4);
    omega[l] = (2 * signedL == n) ? 0.0 : w;  // the Nyquist term has no sign: drop it
  }
}

}  // namespace

/// Sources sorted by their first node along axis 0 ("bucket"), chunk by chunk: chunks of
/// kChunk consecutive sources, each counting-sorted (stably) into its own range of coords.
/// Reading bucket b chunk after chunk gives the order of a global stable sort, whatever the
/// thread count; a chunk's sources stay in cache between its two passes.
struct FftGaussianGrid::SourceSort {
  static constexpr Eigen::Index kChunk = 1 << 14;
  int chunks = 0, buckets = 0;
  std::vector<std::int32_t> offsets;  ///< chunks x (buckets + 1): bucket b of chunk c
  std::vector<double> coords;         ///< m x D grid coordinates, sorted within each chunk

  /// Range of bucket b in chunk c, as indices into coords / D.
  std::int64_t begin(int c, int b) const {
    return c * kChunk + offsets[std::size_t(c) * (buckets + 1) + b];
  }
  std::int64_t end(int c, int b) const { return begin(c, b + 1); }

  /// Sorts sources (m x D) into buckets 0 .. size[0]-4.
  template <int D>
  void sort(ConstPointRef sources, const GridGeometry& g) {
    const Eigen::Index m = sources.rows();
    chunks = static_cast<int>((m + kChunk - 1) / kChunk);
    buckets = g.size[0] - 3;
    coords.resize(std::size_t(m) * D);
    offsets.assign(std::size_t(chunks) * (buckets + 1), 0);
#pragma omp parallel for schedule(dynamic, 1)
    for (int c = 0; c < chunks; ++c) {
      const Eigen::Index j0 = c * kChunk, j1 = std::min(m, j0 + kChunk);
      std::int32_t* next = offsets.data() + std::size_t(c) * (buckets + 1);
      double u[D][kBlock];
      int b[kBlock];
      for (Eigen::Index j = j0; j < j1; j += kBlock) {  // count
        const int n = static_cast<int>(std::min<Eigen::Index>(kBlock, j1 - j));
        gridCoordinates(sources, j, n, 0, g, u[0]);
        for (int i = 0; i < n; ++i) b[i] = static_cast<int>(firstNode(u[0][i], g.size[0]));
        for (int i = 0; i < n; ++i) ++next[b[i] + 1];
      }
      for (int k = 0; k < buckets; ++k) next[k + 1] += next[k];
      for (Eigen::Index j = j0; j < j1; j += kBlock) {  // scatter: bucket k at next[k]++
        const int n = static_cast<int>(std::min<Eigen::Index>(kBlock, j1 - j));
        for (int k = 0; k < D; ++k) gridCoordinates(sources, j, n, k, g, u[k]);
        for (int i = 0; i < n; ++i) b[i] = static_cast<int>(firstNode(u[0][i], g.size[0]));
        for (int i = 0; i < n; ++i) {
          double* dst = coords.data() + (j0 + next[b[i]]++) * D;
          for (int k = 0; k < D; ++k) dst[k] = u[k][i];
        }
      }
      // next[k] is now the end of bucket k: shift back to the starts
      for (int k = buckets; k > 0; --k) next[k] = next[k - 1];
      next[0] = 0;
    }
  }
};

FftGaussianGrid::FftGaussianGrid() = default;
FftGaussianGrid::~FftGaussianGrid() = default;

void FftGaussianGrid::build(ConstPointRef sources, double h, const GridGeometry& geometry) {
  m_geometry = geometry;
  m_h = h;
  if (!m_fft || !m_fft->reuseFor(geometry)) {  // the particles' grid moves with them
    m_fft.reset();  // free the old buffers before allocating the new ones
    m_fft = std::make_unique<GridFft>(geometry);
  }
  if (geometry.dim == 2) {
    assign<2>(sources);
    convolve<2>();
  } else {
    assign<3>(sources);
    convolve<3>();
  }
}

template <int D>
void FftGaussianGrid::assign(ConstPointRef sources) {
  const GridGeometry& g = m_geometry;
  const int n0 = g.size[0], buckets = n0 - 3;
  const std::int64_t rowCells = g.cells() / n0;
  if (!m_sort) m_sort = std::make_unique<SourceSort>();
  m_sort->sort<D>(sources, g);
  const SourceSort& sorted = *m_sort;
  // Bands of rows, one thread each: band [r0, r1) gathers from buckets r0-3 .. r1-1 in
  // ascending order, each in sorted order, so every node receives its terms in the order of
  // a serial sweep: the sums are independent of the banding and of the thread count.
  const int bandRows = 16;
  double* grid = m_fft->input();
#pragma omp parallel for schedule(dynamic, 1)
  for (int r0 = 0; r0 < n0; r0 += bandRows) {
    const int r1 = std::min(n0, r0 + bandRows);
    std::fill(grid + r0 * rowCells, grid + r1 * rowCells, 0.0);
    for (int b = std::max(0, r0 - 3); b < std::min(r1, buckets); ++b) {
      const int aLo = std::max(0, r0 - b), aHi = std::min(3, r1 - 1 - b);
      double* rowB = grid + b * rowCells;
      double u[D][kBlock];
      int n = 0;
      auto flush = [&] {
        if (aLo == 0 && aHi == 3)  // constant bounds: the common case, unrolled
          spreadBlock<D>(u, n, g, rowB, rowCells, 0, 3);
        else
          spreadBlock<D>(u, n, g, rowB, rowCells, aLo, aHi);
        n = 0;
      };
      for (int c = 0; c < sorted.chunks; ++c)
        for (std::int64_t idx = sorted.begin(c, b); idx < sorted.end(c, b); ++idx) {
          for (int k = 0; k < D; ++k) u[k][n] = sorted.coords[idx * D + k];
          if (++n == kBlock) flush();
        }
      if (n > 0) flush();
    }
  }
}

template <int D>
void FftGaussianGrid::convolve() {
  const GridGeometry& g = m_geometry;
  m_fft->forward();
  // Separable multiplier: C prod_k gauss_k, C = (2 pi h^2)^(D/2) / (cells dx^D), the 1/cells
  // undoing FFTW's unnormalised inverse and dx^D the assignment's Riemann sum; the vector
  // kernel -z k(z) has multiplier i w_k h^2 K^(w).
  SeparableMultiplier m;
  for (int k = 0; k < D; ++k)
    axisFactors(g.size[k], k == D - 1 ? g.size[k] / 2 + 1 : g.size[k], g.spacing, m_h, m.gain[k],
                m.omega[k]);
  m.scale = std::pow(2.0 * std::numbers::pi * m_h * m_h, 0.5 * D) /
            (double(g.cells()) * std::pow(g.spacing, D));
  m.vectorScale = m_h * m_h;
  m_nodes.resize(m_fft->keptNodes() * (D + 1) + 1);  // + 1: stencilSum<2> reads 4 doubles
  m_maxSum = m_fft->inverse(m, m_nodes.data());
}

bool FftGaussianGrid::interpolate(const double* q, double& sum0, double* sum1) const {
  char inside = 0;
  if (m_geometry.dim == 2)
    interpolateBlock<2>(q, 1, &sum0, sum1, &inside);
  else
    interpolateBlock<3>(q, 1, &sum0, sum1, &inside);
  return inside != 0;
}

void FftGaussianGrid::interpolateMany(const double* queries, Eigen::Index n, double* sum0,
                                      double* sum1, char* inside) const {
  if (m_geometry.dim == 2)
    interpolateManyD<2>(queries, n, sum0, sum1, inside);
  else
    interpolateManyD<3>(queries, n, sum0, sum1, inside);
}

template <int D>
void FftGaussianGrid::interpolateManyD(const double* queries, Eigen::Index n, double* sum0,
                                       double* sum1, char* inside) const {
#pragma omp parallel for schedule(static) if (!omp_in_parallel())
  for (Eigen::Index j0 = 0; j0 < n; j0 += kBlock)
    interpolateBlock<D>(queries + j0 * D, static_cast<int>(std::min<Eigen::Index>(kBlock, n - j0)),
                        sum0 + j0, sum1 + j0 * D, inside + j0);
}

template <int D>
void FftGaussianGrid::interpolateBlock(const double* queries, int count, double* sum0, double* sum1,
                                       char* inside) const {
  const GridGeometry& g = m_geometry;
  // Coordinates, bounds, floors and weights vectorised over the block's queries; lane by
  // lane the same operations whatever the block size, so a query's bits do not depend on it.
  double w[D][4][kBlock];
  std::int64_t base[kBlock] = {}, ok[kBlock];  // ok: 0 or 1, as wide as a double
  for (int i = 0; i < count; ++i) ok[i] = 1;
  for (int k = 0; k < D; ++k) {
    double u[kBlock];
    for (int i = 0; i < count; ++i) u[i] = queries[i * D + k];
    const double origin = g.origin[k], upper = g.queryNodes[k] - 2.0;
    for (int i = 0; i < count; ++i) u[i] = (u[i] - origin) / g.spacing;
    for (int i = 0; i < count; ++i) {
      const bool in = (u[i] >= 1.0) & (u[i] < upper);  // also rejects NaN
      ok[i] &= in;
      u[i] = in ? u[i] : 1.0;  // keeps the floor below in range
    }
    for (int i = 0; i < count; ++i) {
      const double fl = floorOnGrid(u[i]);
      base[i] = base[i] * g.queryNodes[k] + (static_cast<int>(fl) - 1);
      double wi[4];
      cubicWeights(u[i] - fl, wi);
      for (int a = 0; a < 4; ++a) w[k][a][i] = wi[a];
    }
  }
  for (int i = 0; i < count; ++i) {
    inside[i] = ok[i];
    if (!ok[i]) continue;
    double wi[D][4];
    for (int k = 0; k < D; ++k)
      for (int a = 0; a < 4; ++a) wi[k][a] = w[k][a][i];
    const Vec4 acc = stencilSum<D>(m_nodes.data() + base[i] * (D + 1), wi, g);
    sum0[i] = acc[0];
    for (int k = 0; k < D; ++k) sum1[i * D + k] = acc[k + 1];
  }
}

}  // namespace driftlab
