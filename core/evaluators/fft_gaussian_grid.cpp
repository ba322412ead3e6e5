#include "evaluators/fft_gaussian_grid.h"

#include <fftw3.h>

#include <algorithm>
#include <cmath>
#include <complex>
#include <mutex>
#include <numbers>

namespace driftlab {

namespace {

/// FFTW's planner is not thread-safe; executing plans is.
std::mutex& plannerMutex() {
  static std::mutex m;
  return m;
}

/// Weights of the cubic B-spline M4 on the 4 nodes floor(u) - 1 .. floor(u) + 2, f = frac(u).
inline void cubicWeights(double f, double (&w)[4]) {
  const double f2 = f * f, f3 = f2 * f, g = 1.0 - f;
  w[0] = g * g * g / 6.0;
  w[1] = (3.0 * f3 - 6.0 * f2 + 4.0) / 6.0;
  w[2] = (-3.0 * f3 + 3.0 * f2 + 3.0 * f + 1.0) / 6.0;
  w[3] = f3 / 6.0;
}

/// Stencil of coordinate x on one axis: first node index and the 4 weights.
inline int stencil(double x, double origin, double spacing, double (&w)[4]) {
  const double u = (x - origin) / spacing;
  const double fl = std::floor(u);
  cubicWeights(u - fl, w);
  return static_cast<int>(fl) - 1;
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

/// Plans and FFTW-aligned buffers for one grid size.
struct FftGaussianGrid::Fftw {
  GridGeometry geometry;  ///< only dim and size matter
  std::int64_t cells = 0, spectrumCells = 0;
  double* real = nullptr;
  double* out = nullptr;
  fftw_complex* spectrum = nullptr;
  fftw_complex* scratch = nullptr;
  fftw_plan forward = nullptr, backward = nullptr;

  explicit Fftw(const GridGeometry& g) : geometry(g) {
    const int d = g.dim;
    cells = g.cells();
    spectrumCells = cells / g.size[d - 1] * (g.size[d - 1] / 2 + 1);
    real = fftw_alloc_real(cells);
    out = fftw_alloc_real(cells);
    spectrum = fftw_alloc_complex(spectrumCells);
    scratch = fftw_alloc_complex(spectrumCells);
    // FFTW_ESTIMATE: the plan (hence every rounding) is the same on every run.
    std::lock_guard lock(plannerMutex());
    forward = fftw_plan_dft_r2c(d, g.size.data(), real, spectrum, FFTW_ESTIMATE);
    backward = fftw_plan_dft_c2r(d, g.size.data(), scratch, out, FFTW_ESTIMATE);
  }
  ~Fftw() {
    std::lock_guard lock(plannerMutex());
    fftw_destroy_plan(forward);
    fftw_destroy_plan(backward);
    fftw_free(real);
    fftw_free(out);
    fftw_free(spectrum);
    fftw_free(scratch);
  }
};

FftGaussianGrid::FftGaussianGrid() = default;
FftGaussianGrid::~FftGaussianGrid() = default;

void FftGaussianGrid::build(ConstPointRef sources, double h, const GridGeometry& geometry) {
  m_geometry = geometry;
  m_h = h;
  if (!m_fftw || m_fftw->geometry.dim != geometry.dim || m_fftw->geometry.size != geometry.size) {
    m_fftw.reset();  // free the old buffers before allocating the new ones
    m_fftw = std::make_unique<Fftw>(geometry);
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
  const Eigen::Index m = sources.rows();
  const int n0 = g.size[0];
  const std::int64_t rowCells = g.cells() / n0;
  // Counting sort by the first node along axis 0: grid row r then gathers from the 4
  // buckets r-3..r in a fixed order, so the sums are independent of the thread count.
  std::vector<int> base0(m);
  std::vector<Eigen::Index> start(n0 + 2, 0);
  for (Eigen::Index j = 0; j < m; ++j) {
    double w[4];
    base0[j] = std::clamp(stencil(sources(j, 0), g.origin[0], g.spacing, w), 0, n0 - 4);
    ++start[base0[j] + 1];
  }
  for (int b = 0; b < n0; ++b) start[b + 1] += start[b];
  // Sorted copy of the coordinates: the row loop then reads memory in order.
  std::vector<double> sorted(std::size_t(m) * D);
  {
    std::vector<Eigen::Index> fill(start.begin(), start.end() - 1);
    for (Eigen::Index j = 0; j < m; ++j) {
      double* dst = sorted.data() + fill[base0[j]]++ * D;
      for (int k = 0; k < D; ++k) dst[k] = sources(j, k);
    }
  }
  double* grid = m_fftw->real;
#pragma omp parallel for schedule(dynamic, 4)
  for (int r = 0; r < n0; ++r) {
    double* row = grid + r * rowCells;
    std::fill(row, row + rowCells, 0.0);
    for (int a = 3; a >= 0; --a) {
      const int b = r - a;
      if (b < 0 || b > n0 - 4) continue;
      for (Eigen::Index idx = start[b]; idx < start[b + 1]; ++idx) {
        const double* x = sorted.data() + idx * D;
        double w0[4], w1[4], w2[4];
        stencil(x[0], g.origin[0], g.spacing, w0);
        const int b1 = std::clamp(stencil(x[1], g.origin[1], g.spacing, w1), 0, g.size[1] - 4);
        if constexpr (D == 2) {
          for (int c = 0; c < 4; ++c) row[b1 + c] += w0[a] * w1[c];
        } else {
          const int b2 = std::clamp(stencil(x[2], g.origin[2], g.spacing, w2), 0, g.size[2] - 4);
          for (int c1 = 0; c1 < 4; ++c1) {
            double* line = row + std::int64_t(b1 + c1) * g.size[2] + b2;
            const double w01 = w0[a] * w1[c1];
            for (int c2 = 0; c2 < 4; ++c2) line[c2] += w01 * w2[c2];
          }
        }
      }
    }
  }
}

template <int D>
void FftGaussianGrid::convolve() {
  const GridGeometry& g = m_geometry;
  Fftw& f = *m_fftw;
  fftw_execute(f.forward);
  // Separable multiplier: C prod_k gauss_k, C = (2 pi h^2)^(D/2) / (cells dx^D), the
  // 1/cells undoing FFTW's unnormalised inverse and dx^D the assignment's Riemann sum.
  std::vector<double> gauss[D], omega[D];
  for (int k = 0; k < D; ++k)
    axisFactors(g.size[k], k == D - 1 ? g.size[k] / 2 + 1 : g.size[k], g.spacing, m_h, gauss[k],
                omega[k]);
  const double c = std::pow(2.0 * std::numbers::pi * m_h * m_h, 0.5 * D) /
                   (double(f.cells) * std::pow(g.spacing, D));
  const int last = g.size[D - 1] / 2 + 1;
  const int mid = D == 3 ? g.size[1] : 1;
  const double h2 = m_h * m_h;
  m_nodes.resize(f.cells * (D + 1));
  for (int comp = 0; comp <= D; ++comp) {
#pragma omp parallel for schedule(static)
    for (int i0 = 0; i0 < g.size[0]; ++i0) {
      for (int i1 = 0; i1 < mid; ++i1) {
        const double outer = c * gauss[0][i0] * (D == 3 ? gauss[1][i1] : 1.0);
        const std::int64_t rowStart = (std::int64_t(i0) * mid + i1) * last;
        for (int l = 0; l < last; ++l) {
          int freq[D];  // frequency index per axis
          freq[0] = i0;
          if constexpr (D == 3) freq[1] = i1;
          freq[D - 1] = l;
          const double m0 = outer * gauss[D - 1][l];
          // Component k > 0: the vector kernel -z k(z) has multiplier i w_k h^2 K^(w).
          const std::complex<double> mult =
              comp == 0 ? std::complex<double>(m0, 0.0)
                        : std::complex<double>(0.0, omega[comp - 1][freq[comp - 1]] * h2 * m0);
          const std::complex<double> s(f.spectrum[rowStart + l][0], f.spectrum[rowStart + l][1]);
          const std::complex<double> r = s * mult;
          f.scratch[rowStart + l][0] = r.real();
          f.scratch[rowStart + l][1] = r.imag();
        }
      }
    }
    fftw_execute(f.backward);
#pragma omp parallel for schedule(static)
    for (std::int64_t cell = 0; cell < f.cells; ++cell)
      m_nodes[cell * (D + 1) + comp] = f.out[cell];
  }
  double mx = 0.0;
  for (std::int64_t cell = 0; cell < f.cells; ++cell) mx = std::max(mx, m_nodes[cell * (D + 1)]);
  m_maxSum = mx;
}

bool FftGaussianGrid::interpolate(const double* q, double& sum0, double* sum1) const {
  return m_geometry.dim == 2 ? interpolateD<2>(q, sum0, sum1) : interpolateD<3>(q, sum0, sum1);
}

template <int D>
bool FftGaussianGrid::interpolateD(const double* q, double& sum0, double* sum1) const {
  const GridGeometry& g = m_geometry;
  double w[D][4];
  int base[D];
  for (int k = 0; k < D; ++k) {
    const double u = (q[k] - g.origin[k]) / g.spacing;
    if (!(u >= 1.0 && u < g.queryNodes[k] - 2.0)) return false;  // also rejects NaN
    base[k] = stencil(q[k], g.origin[k], g.spacing, w[k]);
  }
  double acc[D + 1] = {};
  for (int a0 = 0; a0 < 4; ++a0)
    for (int a1 = 0; a1 < 4; ++a1) {
      if constexpr (D == 2) {
        const double wt = w[0][a0] * w[1][a1];
        const double* node =
            m_nodes.data() + (std::int64_t(base[0] + a0) * g.size[1] + base[1] + a1) * (D + 1);
        for (int c = 0; c <= D; ++c) acc[c] += wt * node[c];
      } else {
        const double w01 = w[0][a0] * w[1][a1];
        const double* line =
            m_nodes.data() +
            ((std::int64_t(base[0] + a0) * g.size[1] + base[1] + a1) * g.size[2] + base[2]) *
                (D + 1);
        for (int a2 = 0; a2 < 4; ++a2) {
          const double wt = w01 * w[2][a2];
          for (int c = 0; c <= D; ++c) acc[c] += wt * line[a2 * (D + 1) + c];
        }
      }
    }
  sum0 = acc[0];
  for (int k = 0; k < D; ++k) sum1[k] = acc[k + 1];
  return true;
}

}  // namespace driftlab
