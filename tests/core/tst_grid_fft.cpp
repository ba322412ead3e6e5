// The staged FFTs of grid_fft.h against a brute-force DFT: forward of a random real grid
// (zero outside the query box, as FftGaussianGrid's), then the D + 1 inverse components for a
// separable multiplier (even gains, odd omegas, 0 at Nyquist, as the Gaussian grid's), on even and
// odd lengths, 2D and 3D; only the query box is written; the bits are the same for 1 and 2 threads
// and for a fresh and a reused GridFft.
#include <QtTest>

#include <cmath>
#include <complex>
#include <cstring>
#include <numbers>
#include <random>
#include <vector>

#include <omp.h>

#include "evaluators/grid_fft.h"

using namespace driftlab;

namespace {

using Cplx = std::complex<double>;

GridGeometry makeGeometry(std::vector<int> size, std::vector<int> keep) {
  GridGeometry g;
  g.dim = static_cast<int>(size.size());
  g.spacing = 1.0;
  for (int k = 0; k < g.dim; ++k) {
    g.size[k] = size[k];
    g.queryNodes[k] = keep[k];
  }
  return g;
}

int signedFrequency(int l, int n) {
  return l <= n / 2 ? l : l - n;
}

/// Even gains and odd omegas (omega 0 at the Nyquist frequency) for every frequency of each
/// axis; the multiplier stores the first n/2 + 1 on the last axis.
SeparableMultiplier makeMultiplier(const GridGeometry& g) {
  SeparableMultiplier m;
  m.scale = 0.37;
  m.vectorScale = 1.9;
  for (int k = 0; k < g.dim; ++k) {
    const int n = g.size[k];
    const int count = k == g.dim - 1 ? n / 2 + 1 : n;
    for (int l = 0; l < count; ++l) {
      const int f = signedFrequency(l, n);
      m.gain[k].push_back(std::exp(-0.05 * f * f) * (1.0 + 0.1 * k));
      m.omega[k].push_back(2 * l == n ? 0.0 : 0.3 * f);
    }
  }
  return m;
}

/// The unnormalised DFT of a grid of g's size (sign -1: forward, +1: inverse), by direct
/// sums.
std::vector<Cplx> directDft(const GridGeometry& g, const std::vector<Cplx>& in, int sign) {
  const int n[3] = {g.size[0], g.size[1], g.dim == 3 ? g.size[2] : 1};
  auto index = [&](int a, int b, int e) { return (std::int64_t(a) * n[1] + b) * n[2] + e; };
  const double tau = 2.0 * std::numbers::pi;
  std::vector<Cplx> out(in.size());
  for (int w0 = 0; w0 < n[0]; ++w0)
    for (int w1 = 0; w1 < n[1]; ++w1)
      for (int w2 = 0; w2 < n[2]; ++w2) {
        Cplx s = 0.0;
        for (int a = 0; a < n[0]; ++a)
          for (int b = 0; b < n[1]; ++b)
            for (int e = 0; e < n[2]; ++e)
              s += in[index(a, b, e)] *
                   std::polar(1.0, sign * tau *
                                       (double(w0) * a / n[0] + double(w1) * b / n[1] +
                                        double(w2) * e / n[2]));
        out[index(w0, w1, w2)] = s;
      }
  return out;
}

/// Component c of the inverse at every node, by direct sums over all frequencies.
std::vector<double> bruteForce(const GridGeometry& g, const std::vector<double>& input,
                               const SeparableMultiplier& m, int c) {
  const int d = g.dim;
  const int n1 = g.size[1], n2 = d == 3 ? g.size[2] : 1;
  // Full gain and omega per axis (the last axis extended by symmetry).
  auto gain = [&](int k, int l) {
    const int n = g.size[k];
    return k == d - 1 && l > n / 2 ? m.gain[k][n - l] : m.gain[k][l];
  };
  auto omega = [&](int k, int l) {
    const int n = g.size[k];
    return k == d - 1 && l > n / 2 ? -m.omega[k][n - l] : m.omega[k][l];
  };
  std::vector<Cplx> spectrum = directDft(g, {input.begin(), input.end()}, -1);
  for (std::int64_t i = 0; i < g.cells(); ++i) {
    const int w[3] = {int(i / (std::int64_t(n1) * n2)), int(i / n2 % n1), int(i % n2)};
    Cplx f = m.scale;
    for (int k = 0; k < d; ++k) f *= gain(k, w[k]);
    if (c > 0) f *= Cplx(0.0, omega(c - 1, w[c - 1]) * m.vectorScale);
    spectrum[i] *= f;
  }
  const std::vector<Cplx> back = directDft(g, spectrum, +1);
  std::vector<double> out(back.size());
  for (std::size_t i = 0; i < back.size(); ++i) out[i] = back[i].real();
  return out;
}

/// Uniform values in [lo, 1) inside the query box [0, queryNodes), zeros outside.
std::vector<double> randomInput(const GridGeometry& g, double lo, std::uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(lo, 1.0);
  const int n1 = g.size[1], n2 = g.dim == 3 ? g.size[2] : 1;
  const int k2 = g.dim == 3 ? g.queryNodes[2] : 1;
  std::vector<double> input(g.cells(), 0.0);
  for (int a = 0; a < g.queryNodes[0]; ++a)
    for (int b = 0; b < g.queryNodes[1]; ++b)
      for (int e = 0; e < k2; ++e) input[(std::int64_t(a) * n1 + b) * n2 + e] = u(rng);
  return input;
}

std::vector<double> runOn(GridFft& fft, const std::vector<double>& input, double& largest) {
  const GridGeometry& g = fft.geometry();
  std::copy(input.begin(), input.end(), fft.input());
  fft.forward();
  std::vector<double> nodes(fft.keptNodes() * (g.dim + 1), std::nan(""));
  largest = fft.inverse(makeMultiplier(g), nodes.data());
  return nodes;
}

std::vector<double> runStaged(const GridGeometry& g, const std::vector<double>& input,
                              double& largest) {
  GridFft fft(g);
  return runOn(fft, input, largest);
}

}  // namespace

class TestGridFft : public QObject {
  Q_OBJECT
 private slots:
  void matchesBruteForce_data() {
    QTest::addColumn<std::vector<int>>("size");
    QTest::addColumn<std::vector<int>>("keep");
    QTest::newRow("2d even") << std::vector<int>{12, 10} << std::vector<int>{9, 7};
    QTest::newRow("2d odd last") << std::vector<int>{10, 9} << std::vector<int>{10, 9};
    QTest::newRow("2d odd first") << std::vector<int>{15, 8} << std::vector<int>{11, 8};
    QTest::newRow("3d even") << std::vector<int>{8, 6, 10} << std::vector<int>{6, 5, 7};
    QTest::newRow("3d odd") << std::vector<int>{7, 9, 5} << std::vector<int>{7, 6, 5};
    QTest::newRow("3d long") << std::vector<int>{4, 20, 12} << std::vector<int>{3, 17, 12};
  }

  // Every component at every kept node within 1e-12 of the largest |value| (double-precision
  // DFT rounding is ~1e-15 here); the returned largest sum0 is the largest kept one.
  void matchesBruteForce() {
    QFETCH(std::vector<int>, size);
    QFETCH(std::vector<int>, keep);
    const GridGeometry g = makeGeometry(size, keep);
    const std::vector<double> input = randomInput(g, -1.0, 11);
    double largest = 0.0;
    const std::vector<double> nodes = runStaged(g, input, largest);
    const int d = g.dim;
    const int n1 = g.size[1], n2 = d == 3 ? g.size[2] : 1;
    const int k1 = g.queryNodes[1], k2 = d == 3 ? g.queryNodes[2] : 1;
    double keptMax = -1e300;
    for (int c = 0; c <= d; ++c) {
      const std::vector<double> ref = bruteForce(g, input, makeMultiplier(g), c);
      double scale = 0.0, err = 0.0;
      for (double v : ref) scale = std::max(scale, std::abs(v));
      QVERIFY(scale > 0.05);
      for (int a = 0; a < g.queryNodes[0]; ++a)
        for (int b = 0; b < k1; ++b)
          for (int e = 0; e < k2; ++e) {
            const double got = nodes[((std::int64_t(a) * k1 + b) * k2 + e) * (d + 1) + c];
            const double want = ref[(std::int64_t(a) * n1 + b) * n2 + e];
            QVERIFY(std::isfinite(got));
            err = std::max(err, std::abs(got - want));
            if (c == 0) keptMax = std::max(keptMax, want);
          }
      QVERIFY2(
          err <= 1e-12 * scale,
          qPrintable(QString("component %1: error %2 of scale %3").arg(c).arg(err).arg(scale)));
    }
    QVERIFY(std::abs(largest - keptMax) <= 1e-12 * std::abs(keptMax));
  }

  // A GridFft reused for another query box and origin (as the particles' grid, every step)
  // gives the same bits as a fresh one; another size is refused.
  void reuseForAnotherBox() {
    GridGeometry first = makeGeometry({24, 20, 18}, {16, 13, 12});
    GridGeometry second = makeGeometry({24, 20, 18}, {21, 18, 15});
    second.origin = {0.5, -2.0, 1.0};
    GridFft fft(first);
    double l0 = 0.0, l1 = 0.0, l2 = 0.0;
    runOn(fft, randomInput(first, 0.0, 5), l0);
    const std::vector<double> input = randomInput(second, 0.0, 6);
    QVERIFY(fft.reuseFor(second));
    const std::vector<double> reused = runOn(fft, input, l1);
    const std::vector<double> fresh = runStaged(second, input, l2);
    QCOMPARE(reused.size(), fresh.size());
    QVERIFY(std::memcmp(reused.data(), fresh.data(), fresh.size() * sizeof(double)) == 0);
    QCOMPARE(l1, l2);
    QVERIFY(!fft.reuseFor(makeGeometry({24, 20, 20}, {16, 13, 12})));
    QCOMPARE(fft.geometry().queryNodes, second.queryNodes);
  }

  // The same bits with 1 and 2 OpenMP threads (each line's plan is fixed).
  void threadCountFree() {
    const GridGeometry g = makeGeometry({30, 24, 20}, {26, 21, 17});
    const std::vector<double> input = randomInput(g, 0.0, 3);
    const int saved = omp_get_max_threads();
    double l1 = 0.0, l2 = 0.0;
    omp_set_num_threads(1);
    const std::vector<double> one = runStaged(g, input, l1);
    omp_set_num_threads(2);
    const std::vector<double> two = runStaged(g, input, l2);
    omp_set_num_threads(saved);
    QCOMPARE(one.size(), two.size());
    QVERIFY(std::memcmp(one.data(), two.data(), one.size() * sizeof(double)) == 0);
    QCOMPARE(l1, l2);
  }
};

QTEST_APPLESS_MAIN(TestGridFft)
#include "tst_grid_fft.moc"
