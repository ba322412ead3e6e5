#include "evaluators/grid_fft.h"

#include <fftw3.h>

#include <algorithm>
#include <array>
#include <limits>
#include <mutex>

#include <omp.h>

namespace driftlab {

namespace {

/// Lines transformed together: copied into a contiguous buffer, one batched plan each.
constexpr int kBatch = 8;

/// Column gains of the stages without a multiplier.
constexpr std::array<double, kBatch> kOnes = [] {
  std::array<double, kBatch> a{};
  a.fill(1.0);
  return a;
}();

/// FFTW's planner is not thread-safe; executing plans is.
std::mutex& plannerMutex() {
  static std::mutex m;
  return m;
}

fftw_complex* asFftw(double* p) {
  return reinterpret_cast<fftw_complex*>(p);
}

/// One stage along an axis of length n, on columns [0, columns) of src (element i of column c
/// at complex index i * stride + c; elements from inCount on are zeros, not read), each
/// element multiplied by elemGain[i] (1 if null) and by its column's gain; dst[0] gets the
/// transform (the plan's direction), dst[1] (if not null) that of the columns also
/// multiplied by i * omega[i] * vectorScale; the first `keep` elements of each column are
/// stored, in src's layout (dst may be src).
struct AxisStage {
  const double* src = nullptr;
  std::int64_t stride = 0;
  int n = 0, inCount = 0, columns = 0, keep = 0;
  const double* elemGain = nullptr;
  const double* omega = nullptr;
  double vectorScale = 1.0;
  double* dst[2] = {};

  /// A stage without gains or derivative (set those after), writing dst[0] only.
  static AxisStage lines(const double* src, double* dst, std::int64_t stride, int n, int inCount,
                         int columns, int keep) {
    AxisStage s;
    s.src = src;
    s.dst[0] = dst;
    s.stride = stride;
    s.n = n;
    s.inCount = inCount;
    s.columns = columns;
    s.keep = keep;
    return s;
  }

  /// Columns c0 .. c0 + kBatch - 1 (those past `columns` are zeros, not stored); colGain[b]:
  /// the gain of column c0 + b. buffer: 2 * kBatch * n complex values.
  void run(int c0, const double* colGain, fftw_plan plan, double* buffer) const {
    const int count = std::min(kBatch, columns - c0);
    const bool twice = dst[1] != nullptr;
    double* b0 = buffer;
    double* b1 = buffer + 2 * kBatch * n;
    for (int i = 0; i < n; ++i) {
      if (i >= inCount) {  // zeros: both buffers
        for (int b = 0; b < kBatch; ++b) {
          double* o0 = b0 + 2 * (std::int64_t(b) * n + i);
          o0[0] = o0[1] = 0.0;
          if (twice) {
            double* o1 = b1 + 2 * (std::int64_t(b) * n + i);
            o1[0] = o1[1] = 0.0;
          }
        }
        continue;
      }
      const double* in = src + 2 * (i * stride + c0);
      const double e = elemGain ? elemGain[i] : 1.0;
      const double w = twice ? omega[i] * vectorScale : 0.0;
      for (int b = 0; b < kBatch; ++b) {
        double re = 0.0, im = 0.0;
        if (b < count) {
          const double f = e * colGain[b];
          re = in[2 * b] * f;
          im = in[2 * b + 1] * f;
        }
        double* o0 = b0 + 2 * (std::int64_t(b) * n + i);
        o0[0] = re;
        o0[1] = im;
        if (twice) {
          double* o1 = b1 + 2 * (std::int64_t(b) * n + i);
          o1[0] = -im * w;
          o1[1] = re * w;
        }
      }
    }
    fftw_execute_dft(plan, asFftw(b0), asFftw(b0));
    if (twice) fftw_execute_dft(plan, asFftw(b1), asFftw(b1));
    for (int v = 0; v < (twice ? 2 : 1); ++v) {
      const double* from = v == 0 ? b0 : b1;
      for (int i = 0; i < keep; ++i) {
        double* out = dst[v] + 2 * (i * stride + c0);
        for (int b = 0; b < count; ++b) {
          out[2 * b] = from[2 * (std::int64_t(b) * n + i)];
          out[2 * b + 1] = from[2 * (std::int64_t(b) * n + i) + 1];
        }
      }
    }
  }
};

/// The last axis (length n, n/2 + 1 stored frequencies per row): for each row, two real
/// inverses at once, as the real and imaginary parts of the complex inverse of X + i Y, X and
/// Y extended by Hermitian symmetry. Y is the row of y, or (yFromX) X times
/// i * omega * vectorScale, or zero (y null, !yFromX). Component cx of the row's first `keep`
/// nodes gets x, component cy (if >= 0) gets y.
struct RowStage {
  const double* x = nullptr;
  const double* y = nullptr;
  bool yFromX = false;
  const double* omega = nullptr;
  double vectorScale = 1.0;
  std::int64_t rowStride = 0;  ///< complex values between rows
  int n = 0, keep = 0, rows = 0;
  int components = 0, cx = 0, cy = -1;
  double* nodes = nullptr;  ///< row r's nodes start at nodes + r * keep * components

  /// Rows r0 .. r0 + kBatch - 1 (those past `rows` are skipped); buffer: kBatch * n complex.
  /// Returns the largest x.
  double run(int r0, fftw_plan plan, double* buffer) const {
    const int count = std::min(kBatch, rows - r0);
    const int half = n / 2;
    for (int b = 0; b < kBatch; ++b) {
      double* z = buffer + 2 * std::int64_t(b) * n;
      if (b >= count) {
        std::fill(z, z + 2 * n, 0.0);
        continue;
      }
      const double* X = x + 2 * (r0 + b) * rowStride;
      const double* Y = yFromX ? X : (y ? y + 2 * (r0 + b) * rowStride : nullptr);
      // Y at stored frequency k (zero when there is no Y).
      const auto yAt = [&](int k, double& yr, double& yi) {
        yr = yi = 0.0;
        if (yFromX) {
          const double w = omega[k] * vectorScale;
          yr = -X[2 * k + 1] * w;
          yi = X[2 * k] * w;
        } else if (Y) {
          yr = Y[2 * k];
          yi = Y[2 * k + 1];
        }
      };
      // Stored frequencies k = 0 .. n/2: Z = X + i Y. DC and (n even) Nyquist are real.
      for (int k = 0; k <= half; ++k) {
        double yr, yi;
        yAt(k, yr, yi);
        const bool real = k == 0 || 2 * k == n;
        const double xi = real ? 0.0 : X[2 * k + 1];
        yi = real ? 0.0 : yi;
        z[2 * k] = X[2 * k] - yi;
        z[2 * k + 1] = xi + yr;
      }
      // The others, k = n - kk: Z = conj(X[kk]) + i conj(Y[kk]).
      for (int k = half + 1; k < n; ++k) {
        const int kk = n - k;
        double yr, yi;
        yAt(kk, yr, yi);
        z[2 * k] = X[2 * kk] + yi;
        z[2 * k + 1] = -X[2 * kk + 1] + yr;
      }
    }
    fftw_execute_dft(plan, asFftw(buffer), asFftw(buffer));
    double largest = -std::numeric_limits<double>::infinity();
    for (int b = 0; b < count; ++b) {
      const double* z = buffer + 2 * std::int64_t(b) * n;
      double* out = nodes + std::int64_t(r0 + b) * keep * components;
      for (int j = 0; j < keep; ++j) {
        out[j * components + cx] = z[2 * j];
        largest = std::max(largest, z[2 * j]);
      }
      if (cy >= 0)
        for (int j = 0; j < keep; ++j) out[j * components + cy] = z[2 * j + 1];
    }
    return largest;
  }
};

/// The forward transform of the last axis (length n; n/2 + 1 frequencies kept) for rows of
/// a real grid (row r at src + r * n; values from inCount on are zeros, not read), two rows
/// at a time as the complex transform of x + i y, split by Hermitian symmetry:
/// X[k] = (Z[k] + conj Z[n-k]) / 2, Y[k] = (Z[k] - conj Z[n-k]) / 2i. Row r's frequencies go
/// to dst + r * dstStride (complex values).
struct RealRows {
  const double* src = nullptr;
  int n = 0, inCount = 0, rows = 0;
  double* dst = nullptr;
  std::int64_t dstStride = 0;

  /// Rows r0 .. r0 + 2 * kBatch - 1 (those past `rows` are zeros, not stored); buffer:
  /// kBatch * n complex.
  void run(int r0, fftw_plan plan, double* buffer) const {
    for (int b = 0; b < kBatch; ++b) {
      double* z = buffer + 2 * std::int64_t(b) * n;
      const int rx = r0 + 2 * b, ry = rx + 1;
      const double* x = rx < rows ? src + std::int64_t(rx) * n : nullptr;
      const double* y = ry < rows ? src + std::int64_t(ry) * n : nullptr;
      for (int j = 0; j < inCount; ++j) {
        z[2 * j] = x ? x[j] : 0.0;
        z[2 * j + 1] = y ? y[j] : 0.0;
      }
      std::fill(z + 2 * inCount, z + 2 * n, 0.0);
    }
    fftw_execute_dft(plan, asFftw(buffer), asFftw(buffer));
    const int half = n / 2;
    for (int b = 0; b < kBatch; ++b) {
      const double* z = buffer + 2 * std::int64_t(b) * n;
      const int rx = r0 + 2 * b, ry = rx + 1;
      if (rx >= rows) break;
      double* X = dst + 2 * rx * dstStride;
      double* Y = ry < rows ? dst + 2 * ry * dstStride : nullptr;
      for (int k = 0; k <= half; ++k) {
        const int kk = k == 0 ? 0 : n - k;
        const double ar = z[2 * k], ai = z[2 * k + 1];     // Z[k]
        const double br = z[2 * kk], bi = -z[2 * kk + 1];  // conj Z[n - k]
        X[2 * k] = 0.5 * (ar + br);
        X[2 * k + 1] = 0.5 * (ai + bi);
        if (Y) {
          Y[2 * k] = 0.5 * (ai - bi);
          Y[2 * k + 1] = -0.5 * (ar - br);
        }
      }
    }
  }
};

}  // namespace

/// Batched in-place c2c plans (kBatch contiguous lines), per line length and direction.
struct GridFft::Plans {
  struct Line {
    int n = 0, sign = 0;
    fftw_plan plan = nullptr;
  };
  std::vector<Line> lines;

  fftw_plan line(int n, int sign) const {
    for (const Line& l : lines)
      if (l.n == n && l.sign == sign) return l.plan;
    return nullptr;
  }
};

/// One thread's buffers: lines for the batched transforms, and (3D) the stage-1 results of
/// one slab of axis 0.
struct GridFft::Workspace {
  double* lines = nullptr;
  double* slab = nullptr;
  Workspace(std::int64_t lineValues, std::int64_t slabValues) {
    lines = fftw_alloc_real(lineValues);
    if (slabValues > 0) slab = fftw_alloc_real(slabValues);
  }
  ~Workspace() {
    fftw_free(lines);
    fftw_free(slab);
  }
};

GridFft::GridFft(const GridGeometry& g) : m_geometry(g), m_plans(std::make_unique<Plans>()) {
  const int d = g.dim;
  const int last = g.size[d - 1] / 2 + 1;
  m_spectrumCells = g.cells() / g.size[d - 1] * last;
  const std::int64_t stage0 = m_spectrumCells;  // any query box: up to every row of axis 0
  m_input = fftw_alloc_real(g.cells());
  m_spectrum = fftw_alloc_real(2 * m_spectrumCells);
  for (double*& s : m_stage0) s = fftw_alloc_real(2 * stage0);
  int longest = 0;
  for (int k = 0; k < d; ++k) longest = std::max(longest, g.size[k]);
  double* scratch = fftw_alloc_real(2 * kBatch * longest);
  {
    // FFTW_ESTIMATE: the plans (hence every rounding) are the same on every run.
    std::lock_guard lock(plannerMutex());
    for (int k = 0; k < d; ++k)
      for (int sign : {FFTW_FORWARD, FFTW_BACKWARD}) {
        const int n = g.size[k];
        if (m_plans->line(n, sign)) continue;
        m_plans->lines.push_back(
            {n, sign,
             fftw_plan_many_dft(1, &n, kBatch, asFftw(scratch), nullptr, 1, n, asFftw(scratch),
                                nullptr, 1, n, sign, FFTW_ESTIMATE)});
      }
  }
  fftw_free(scratch);
}

GridFft::~GridFft() {
  {
    std::lock_guard lock(plannerMutex());
    for (const Plans::Line& l : m_plans->lines) fftw_destroy_plan(l.plan);
  }
  fftw_free(m_input);
  fftw_free(m_spectrum);
  for (double* s : m_stage0) fftw_free(s);
}

bool GridFft::reuseFor(const GridGeometry& g) {
  if (g.dim != m_geometry.dim || g.size != m_geometry.size) return false;
  m_geometry = g;
  return true;
}

std::int64_t GridFft::keptNodes() const {
  std::int64_t c = 1;
  for (int k = 0; k < m_geometry.dim; ++k) c *= m_geometry.queryNodes[k];
  return c;
}

void GridFft::forward() {
  const GridGeometry& g = m_geometry;
  const int d = g.dim;
  const int nLast = g.size[d - 1], nh = nLast / 2 + 1;
  const int* support = g.queryNodes.data();
  const int columns = static_cast<int>(m_spectrumCells / g.size[0]);
  ensureWorkspaces();
  const fftw_plan rowPlan = m_plans->line(nLast, FFTW_FORWARD);
  if (d == 2) {
    // Rows of axis 1 in the support, straight into the spectrum.
    RealRows rows;
    rows.src = m_input;
    rows.n = nLast;
    rows.inCount = support[1];
    rows.rows = support[0];
    rows.dst = m_spectrum;
    rows.dstStride = nh;
    const int batches = (support[0] + 2 * kBatch - 1) / (2 * kBatch);
#pragma omp parallel for schedule(static)
    for (int batch = 0; batch < batches; ++batch)
      rows.run(batch * 2 * kBatch, rowPlan, workspace(omp_get_thread_num()).lines);
  } else {
    // Slab by slab of axis 0 in the support: its rows of axis 2, then axis 1 in place.
    const int n1 = g.size[1];
    const fftw_plan plan1 = m_plans->line(n1, FFTW_FORWARD);
#pragma omp parallel for schedule(dynamic, 1)
    for (int i0 = 0; i0 < support[0]; ++i0) {
      double* lines = workspace(omp_get_thread_num()).lines;
      double* slab = m_spectrum + 2 * std::int64_t(i0) * columns;
      RealRows rows;
      rows.src = m_input + std::int64_t(i0) * n1 * nLast;
      rows.n = nLast;
      rows.inCount = support[2];
      rows.rows = support[1];
      rows.dst = slab;
      rows.dstStride = nh;
      for (int r0 = 0; r0 < support[1]; r0 += 2 * kBatch) rows.run(r0, rowPlan, lines);
      const AxisStage second = AxisStage::lines(slab, slab, nh, n1, support[1], nh, n1);
      for (int c0 = 0; c0 < nh; c0 += kBatch) second.run(c0, kOnes.data(), plan1, lines);
    }
  }
  // Axis 0, every column, in place (rows past the support are zeros).
  const AxisStage first =
      AxisStage::lines(m_spectrum, m_spectrum, columns, g.size[0], support[0], columns, g.size[0]);
  const fftw_plan plan0 = m_plans->line(g.size[0], FFTW_FORWARD);
  const int batches = (columns + kBatch - 1) / kBatch;
#pragma omp parallel for schedule(static)
  for (int batch = 0; batch < batches; ++batch)
    first.run(batch * kBatch, kOnes.data(), plan0, workspace(omp_get_thread_num()).lines);
}

void GridFft::ensureWorkspaces() {
  const GridGeometry& g = m_geometry;
  const int d = g.dim;
  const std::size_t threads = static_cast<std::size_t>(std::max(1, omp_get_max_threads()));
  if (m_workspaces.size() >= threads) return;
  int longest = 0;
  for (int k = 0; k < d; ++k) longest = std::max(longest, g.size[k]);
  const int nh = g.size[d - 1] / 2 + 1;
  const std::int64_t slab = d == 3 ? 3 * 2 * std::int64_t(g.size[1]) * nh : 0;  // any box
  while (m_workspaces.size() < threads)
    m_workspaces.push_back(std::make_unique<Workspace>(2 * 2 * kBatch * longest, slab));
}

GridFft::Workspace& GridFft::workspace(int thread) {
  return *m_workspaces[static_cast<std::size_t>(thread)];
}

double GridFft::inverse(const SeparableMultiplier& m, double* nodes) {
  const GridGeometry& g = m_geometry;
  const int d = g.dim;
  const int nh = g.size[d - 1] / 2 + 1;
  const int* keep = g.queryNodes.data();
  ensureWorkspaces();
  // Stage 0, axis 0: every stored frequency of the other axes (columns), with the multiplier's
  // scale and gains; without and with the derivative of axis 0.
  const int columns = static_cast<int>(m_spectrumCells / g.size[0]);
  AxisStage first =
      AxisStage::lines(m_spectrum, m_stage0[0], columns, g.size[0], g.size[0], columns, keep[0]);
  first.elemGain = m.gain[0].data();
  first.omega = m.omega[0].data();
  first.vectorScale = m.vectorScale;
  first.dst[1] = m_stage0[1];
  const fftw_plan plan0 = m_plans->line(g.size[0], FFTW_BACKWARD);
  const int batches = (columns + kBatch - 1) / kBatch;
#pragma omp parallel for schedule(static)
  for (int batch = 0; batch < batches; ++batch) {
    const int c0 = batch * kBatch;
    double colGain[kBatch] = {};
    for (int b = 0; b < kBatch && c0 + b < columns; ++b) {
      const int c = c0 + b;
      colGain[b] =
          d == 3 ? m.scale * m.gain[1][c / nh] * m.gain[2][c % nh] : m.scale * m.gain[1][c];
    }
    first.run(c0, colGain, plan0, workspace(omp_get_thread_num()).lines);
  }
  const fftw_plan planLast = m_plans->line(g.size[d - 1], FFTW_BACKWARD);
  RowStage pairs[2];
  for (RowStage& r : pairs) {
    r.omega = m.omega[d - 1].data();
    r.vectorScale = m.vectorScale;
    r.rowStride = nh;
    r.n = g.size[d - 1];
    r.keep = keep[d - 1];
    r.components = d + 1;
  }
  double largest = -std::numeric_limits<double>::infinity();
  if (d == 2) {
    // Rows of axis 1: (sum0, derivative of axis 1) from stage 0's first output, the
    // derivative of axis 0 from its second.
    pairs[0].x = m_stage0[0];
    pairs[0].yFromX = true;
    pairs[0].cx = 0;
    pairs[0].cy = 2;
    pairs[1].x = m_stage0[1];
    pairs[1].cx = 1;
    for (RowStage& r : pairs) {
      r.rows = keep[0];
      r.nodes = nodes;
    }
    const int rowBatches = (keep[0] + kBatch - 1) / kBatch;
#pragma omp parallel for schedule(static) reduction(max : largest)
    for (int batch = 0; batch < rowBatches; ++batch) {
      double* buffer = workspace(omp_get_thread_num()).lines;
      largest = std::max(largest, pairs[0].run(batch * kBatch, planLast, buffer));
      pairs[1].run(batch * kBatch, planLast, buffer);
    }
    return largest;
  }
  // 3D, slab by slab of axis 0 (the slab's stage-1 results stay in cache for its rows):
  // stage 1 along axis 1 gives B0 (no derivative yet), B1 (derivative of axis 1) and B2
  // (derivative of axis 0); the rows of axis 2 then give (sum0, derivative of axis 2) from
  // B0 and (derivative of axis 1, derivative of axis 0) from B1 + i B2.
  const fftw_plan plan1 = m_plans->line(g.size[1], FFTW_BACKWARD);
  const std::int64_t slabValues = 2 * std::int64_t(keep[1]) * nh;
  const std::int64_t slabNodes = std::int64_t(keep[1]) * keep[2] * (d + 1);
#pragma omp parallel for schedule(dynamic, 1) reduction(max : largest)
  for (int i0 = 0; i0 < keep[0]; ++i0) {
    Workspace& ws = workspace(omp_get_thread_num());
    double* b[3] = {ws.slab, ws.slab + slabValues, ws.slab + 2 * slabValues};
    AxisStage second = AxisStage::lines(nullptr, nullptr, nh, g.size[1], g.size[1], nh, keep[1]);
    second.omega = m.omega[1].data();
    second.vectorScale = m.vectorScale;
    for (int v = 0; v < 2; ++v) {
      second.src = m_stage0[v] + 2 * std::int64_t(i0) * columns;
      second.dst[0] = b[v == 0 ? 0 : 2];
      second.dst[1] = v == 0 ? b[1] : nullptr;
      for (int c0 = 0; c0 < nh; c0 += kBatch) second.run(c0, kOnes.data(), plan1, ws.lines);
    }
    RowStage rows[2] = {pairs[0], pairs[1]};
    rows[0].x = b[0];
    rows[0].yFromX = true;
    rows[0].cx = 0;
    rows[0].cy = 3;
    rows[1].x = b[1];
    rows[1].y = b[2];
    rows[1].cx = 2;
    rows[1].cy = 1;
    for (RowStage& r : rows) {
      r.rows = keep[1];
      r.nodes = nodes + i0 * slabNodes;
    }
    for (int r0 = 0; r0 < keep[1]; r0 += kBatch) {
      largest = std::max(largest, rows[0].run(r0, planLast, ws.lines));
      rows[1].run(r0, planLast, ws.lines);
    }
  }
  return largest;
}

}  // namespace driftlab
