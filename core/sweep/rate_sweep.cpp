#include "sweep/rate_sweep.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "base/input_error.h"
#include "engine/simulation.h"
#include "registry/registry.h"

namespace driftlab {

namespace {

SweepPoint runOne(const SweepConfig& config, std::int64_t n, std::uint64_t seed, int rootIndex) {
  SceneConfig s = config.base;
  s.particles = n;
  s.seed = seed;
  if (config.samplesFollowN) s.samples = n;
  if (config.bandwidthConstant > 0.0) {
    // Keep eta / h^2 fixed so that Euler stays as stable as in the scene while h shrinks.
    const double h0 = Simulation(s).bandwidth();
    const double h = config.bandwidthConstant * std::pow(double(n), -1.0 / (s.dim + 4));
    s.flowParams.set("bandwidth", h);
    s.flowParams.set("bandwidth_mode", std::string("absolute"));
    s.eta *= std::min(1.0, (h / h0) * (h / h0));
  }
  validateScene(s);
  Simulation sim(s);
  // Run to time T (the step control may take steps shorter than eta) and average the root
  // residual over [averageFrom T, T] in time, each state weighted by the step that led to it.
  const double from = config.averageFrom * config.time;
  double sum = 0.0, weight = 0.0, last = 0.0;
  std::int64_t guard = 0;
  const auto maxSteps = static_cast<std::int64_t>(std::ceil(config.time / s.eta)) * 1000;
  while (sim.time() < config.time * (1.0 - 1e-12) && guard++ < maxSteps) {
    const double before = sim.time();
    sim.step();
    if (sim.time() < from) continue;
    last = sim.diagnostics(0.0).values[rootIndex];
    const double dt = sim.time() - std::max(before, from);
    sum += dt * last;
    weight += dt;
  }
  return {n, seed, sim.bandwidth(), weight > 0.0 ? sum / weight : last, s.eta, last};
}

}  // namespace

std::vector<SweepPoint> runSweep(const SweepConfig& config,
                                 const std::function<void(const SweepPoint&)>& progress) {
  if (config.particles.size() < 2)
    throw InputError("--particles", "needs at least 2 values", "a comma-separated list of N");
  if (config.seeds < 1) throw InputError("--seeds", "got " + std::to_string(config.seeds), ">= 1");
  if (!(config.time > 0.0)) throw InputError("--time", "must be > 0", "numbers in (0, inf)");
  const auto ids = diagnostics().ids();
  const int rootIndex =
      static_cast<int>(std::find(ids.begin(), ids.end(), "root_residual") - ids.begin());
  std::vector<SweepPoint> out;
  for (std::int64_t n : config.particles) {
    for (int k = 0; k < config.seeds; ++k) {
      out.push_back(runOne(config, n, config.base.seed + k, rootIndex));
      if (progress) progress(out.back());
    }
  }
  return out;
}

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

SlopeFit fitLogLogSlope(const std::vector<SweepPoint>& points, int dim) {
  SlopeFit fit;
  fit.theory = -1.0 / (dim + 4);
  std::vector<double> x, y;
  for (const auto& p : points) {
    if (p.meanRootResidual > 0 && p.particles > 0) {
      x.push_back(std::log(double(p.particles)));
      y.push_back(std::log(p.meanRootResidual));
    }
  }
  const int n = static_cast<int>(x.size());
  fit.points = n;
  double mx = 0, my = 0;
  for (int i = 0; i < n; ++i) mx += x[i] / n, my += y[i] / n;
  double sxx = 0, sxy = 0;
  for (int i = 0; i < n; ++i) sxx += (x[i] - mx) * (x[i] - mx), sxy += (x[i] - mx) * (y[i] - my);
  if (n < 3 || sxx <= 0)
    throw InputError("--particles", "the fit needs >= 3 runs over >= 2 distinct N",
                     "more N values or seeds");
  fit.slope = sxy / sxx;
  fit.intercept = my - fit.slope * mx;
  double rss = 0;
  for (int i = 0; i < n; ++i) {
    const double r = y[i] - fit.intercept - fit.slope * x[i];
    rss += r * r;
  }
  const double se = std::sqrt(rss / (n - 2) / sxx);
  const double t = studentT975(n - 2);
  fit.slopeLow = fit.slope - t * se;
  fit.slopeHigh = fit.slope + t * se;
  return fit;
}

}  // namespace driftlab
