#include "sweep/slope_statistics.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <random>

#include "base/input_error.h"

namespace driftlab {

namespace {

struct Moments {
  double mx = 0, my = 0, sxx = 0, sxy = 0;
  int n = 0;
};

Moments logMoments(const std::vector<double>& x, const std::vector<double>& r) {
  Moments m;
  std::vector<double> lx, ly;
  for (size_t i = 0; i < x.size(); ++i)
    if (x[i] > 0 && r[i] > 0) lx.push_back(std::log(x[i])), ly.push_back(std::log(r[i]));
  m.n = int(lx.size());
  for (int i = 0; i < m.n; ++i) m.mx += lx[i] / m.n, m.my += ly[i] / m.n;
  for (int i = 0; i < m.n; ++i)
    m.sxx += (lx[i] - m.mx) * (lx[i] - m.mx), m.sxy += (lx[i] - m.mx) * (ly[i] - m.my);
  return m;
}

double percentile(std::vector<double> v, double q) {
  std::sort(v.begin(), v.end());
  const double pos = q * (v.size() - 1);
  const size_t i = size_t(pos);
  const double f = pos - i;
  return i + 1 < v.size() ? v[i] * (1 - f) + v[i + 1] * f : v[i];
}

std::map<std::uint64_t, std::vector<SeedValue>> bySeed(const std::vector<SeedValue>& runs) {
  std::map<std::uint64_t, std::vector<SeedValue>> out;
  for (const auto& r : runs) out[r.seed].push_back(r);
  return out;
}

}  // namespace

double studentT975(int dof) {
  // Exact table for small dof, then the Cornish-Fisher expansion around the normal quantile.
  static const double table[] = {0,     12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365,
                                 2.306, 2.262,  2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
                                 2.120, 2.110,  2.101, 2.093, 2.086, 2.080, 2.074, 2.069,
                                 2.064, 2.060,  2.056, 2.052, 2.048, 2.045, 2.042};
  if (dof < 1) return std::numeric_limits<double>::infinity();
  if (dof <= 30) return table[dof];
  const double z = 1.959964, n = dof;
  return z + (z * z * z + z) / (4 * n) +
         (5 * std::pow(z, 5) + 16 * z * z * z + 3 * z) / (96 * n * n);
}

double leastSquaresLogLogSlope(const std::vector<double>& x, const std::vector<double>& r) {
  const Moments m = logMoments(x, r);
  return m.n >= 2 && m.sxx > 1e-300 ? m.sxy / m.sxx : std::numeric_limits<double>::quiet_NaN();
}

SlopeFit fitLogLog(const std::vector<double>& x, const std::vector<double>& r) {
  const Moments m = logMoments(x, r);
  if (m.n < 3 || m.sxx <= 0)
    throw InputError("--particles", "the fit needs >= 3 runs over >= 2 distinct N",
                     "more N values or seeds");
  SlopeFit fit;
  fit.points = m.n;
  fit.slope = m.sxy / m.sxx;
  fit.intercept = m.my - fit.slope * m.mx;
  double rss = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    if (!(x[i] > 0 && r[i] > 0)) continue;
    const double e = std::log(r[i]) - fit.intercept - fit.slope * std::log(x[i]);
    rss += e * e;
  }
  const double se = std::sqrt(rss / (m.n - 2) / m.sxx);
  const double t = studentT975(m.n - 2);
  fit.slopeLow = fit.slope - t * se;
  fit.slopeHigh = fit.slope + t * se;
  return fit;
}

Interval bootstrapSlopeOverSeeds(const std::vector<SeedValue>& runs, int resamples,
                                 std::uint64_t rngSeed) {
  const auto seeds = bySeed(runs);
  std::vector<const std::vector<SeedValue>*> groups;
  for (const auto& [seed, values] : seeds) groups.push_back(&values);
  std::vector<double> x, r, slopes;
  for (const auto& v : runs) x.push_back(v.x), r.push_back(v.value);
  const double pooled = leastSquaresLogLogSlope(x, r);
  if (groups.size() < 2) return {pooled, pooled};
  std::mt19937_64 gen(rngSeed);
  std::uniform_int_distribution<size_t> pick(0, groups.size() - 1);
  for (int b = 0; b < resamples; ++b) {
    x.clear(), r.clear();
    for (size_t k = 0; k < groups.size(); ++k)
      for (const auto& v : *groups[pick(gen)]) x.push_back(v.x), r.push_back(v.value);
    const double s = leastSquaresLogLogSlope(x, r);
    if (std::isfinite(s)) slopes.push_back(s);
  }
  if (slopes.empty()) return {pooled, pooled};
  return {percentile(slopes, 0.025), percentile(slopes, 0.975)};
}

SeedSlopes slopesPerSeed(const std::vector<SeedValue>& runs) {
  SeedSlopes out;
  for (const auto& [seed, values] : bySeed(runs)) {
    std::vector<double> x, r;
    for (const auto& v : values) x.push_back(v.x), r.push_back(v.value);
    const double s = leastSquaresLogLogSlope(x, r);
    if (std::isfinite(s)) out.slopes.push_back(s);
  }
  const int n = int(out.slopes.size());
  if (n == 0) return out;
  for (double s : out.slopes) out.mean += s / n;
  double var = 0;
  for (double s : out.slopes) var += (s - out.mean) * (s - out.mean) / std::max(1, n - 1);
  const double half =
      n > 1 ? studentT975(n - 1) * std::sqrt(var / n) : std::numeric_limits<double>::infinity();
  out.ci95 = {out.mean - half, out.mean + half};
  return out;
}

std::vector<LocalSlope> localSlopes(const std::vector<SeedValue>& runs) {
  std::map<double, std::pair<double, int>> levels;  // x -> (sum log r, count)
  for (const auto& v : runs)
    if (v.value > 0) levels[v.x].first += std::log(v.value), ++levels[v.x].second;
  std::vector<LocalSlope> out;
  for (auto it = levels.begin(); it != levels.end() && std::next(it) != levels.end(); ++it) {
    const auto next = std::next(it);
    const double a = it->second.first / it->second.second;
    const double b = next->second.first / next->second.second;
    out.push_back(
        {it->first, next->first, (b - a) / (std::log(next->first) - std::log(it->first))});
  }
  return out;
}

}  // namespace driftlab
