#include "cli/bench_command.h"

#include <omp.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>

#include "base/input_error.h"
#include "cli/fma_peak.h"
#include "cli/run_command.h"
#include "engine/simulation.h"
#include "evaluators/auto_backend.h"
#include "evaluators/fast_direct_kernel_sums.h"
#include "evaluators/fft_backend.h"
#include "evaluators/reference_backend.h"
#include "registry/registry.h"
#include "scene/scene_config.h"

namespace driftlab {

namespace {

using Json = nlohmann::ordered_json;
using Clock = std::chrono::steady_clock;

constexpr std::uint64_t kBenchDataVersion = 0xBE7C4;  ///< fixed data: grids may be cached
constexpr Eigen::Index kFullReferenceLimit = 40000;   ///< above: sampled reference rows
constexpr Eigen::Index kSampledReferenceRows = 2000;

double msSince(Clock::time_point t0) {
  return std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0.0 : v[v.size() / 2];
}

struct BenchOptions {
  SceneConfig scene;
  int evals = 5;
  std::int64_t steps = 0;
  Eigen::Index referenceRows = 0;  ///< 0: all particles up to kFullReferenceLimit
};

std::string defaultTarget(int dim) {
  if (dim == 2) return "8gaussians";
  for (const auto& t : targets().entries())
    if (t.dim == dim) return t.id;  // 3D: gmm3d, the first 3D entry
  return "gaussian";
}

BenchOptions parseBench(const CommandLine& cl) {
  BenchOptions o;
  SceneConfig& s = o.scene;
  s = defaultScene();
  if (const auto* v = cl.get("--dim")) s.dim = int(parseIntegerOption(*v, "--dim", 1, 8));
  s.targetName = defaultTarget(s.dim);
  s.targetParams = {};
  s.initParams = {};
  if (const auto* v = cl.get("--target")) s.targetName = *v;
  if (const auto* v = cl.get("--flow")) s.flowName = *v;
  const FlowInfo& flow = flows().require(s.flowName, "--flow");
  s.flowParams = {};
  if (const auto* v = cl.get("--bandwidth")) {
    const double h = parseNumberOption(*v, "--bandwidth");
    if (!(h > 0.0)) throw InputError("--bandwidth", "got " + *v, "positive numbers");
    s.flowParams.set("bandwidth", h);
  }
  (void)flow;
  s.particles = cl.get("--particles")
                    ? parseIntegerOption(*cl.get("--particles"), "--particles", 1, 1LL << 40)
                    : 8000;
  s.samples = cl.get("--samples")
                  ? parseIntegerOption(*cl.get("--samples"), "--samples", 1, 1LL << 40)
                  : s.particles;
  if (const auto* v = cl.get("--backend")) s.backend = *v;
  backends().require(s.backend, "--backend");
  if (const auto* v = cl.get("--seed")) s.seed = parseIntegerOption(*v, "--seed", 0, 1LL << 62);
  if (const auto* v = cl.get("--evals")) o.evals = int(parseIntegerOption(*v, "--evals", 1, 1000));
  if (const auto* v = cl.get("--steps")) o.steps = parseIntegerOption(*v, "--steps", 0, 100000);
  if (const auto* v = cl.get("--eta")) s.eta = parseNumberOption(*v, "--eta");
  if (const auto* v = cl.get("--reference-particles"))
    o.referenceRows = parseIntegerOption(*v, "--reference-particles", 1, 1LL << 40);
  validateScene(s);  // names the offending key: target.name, particles, ...
  return o;
}

/// Rows the reference is evaluated on: all, or an evenly spaced subset.
std::vector<Eigen::Index> referenceRows(Eigen::Index n, Eigen::Index requested) {
  const Eigen::Index count = requested > 0 ? std::min(requested, n)
                                           : (n <= kFullReferenceLimit ? n : kSampledReferenceRows);
  std::vector<Eigen::Index> rows(count);
  for (Eigen::Index r = 0; r < count; ++r) rows[r] = r * n / count;
  return rows;
}

/// Local velocity scale at each reference row: the Gaussian-weighted (bandwidth h) RMS of
/// the reference speeds |Vref| over (up to kScaleNeighbours evenly spaced) reference rows. Near
/// equilibrium the true field is small, and an error is judged against this.
std::vector<double> localVelocityScale(ConstPointRef X, const PointSet& Vref,
                                       const std::vector<Eigen::Index>& rows, double h) {
  constexpr std::size_t kScaleNeighbours = 4000;
  const std::size_t step = std::max<std::size_t>(1, rows.size() / kScaleNeighbours);
  std::vector<Eigen::Index> centres;
  for (std::size_t r = 0; r < rows.size(); r += step) centres.push_back(rows[r]);
  const double inv2h2 = 0.5 / (h * h);
  std::vector<double> scale(rows.size());
  const std::ptrdiff_t count = static_cast<std::ptrdiff_t>(rows.size());
#pragma omp parallel for schedule(dynamic, 64)
  for (std::ptrdiff_t r = 0; r < count; ++r) {
    const auto x = X.row(rows[r]);
    double w = 1.0, acc = Vref.row(rows[r]).squaredNorm();  // the row itself, weight 1
    for (Eigen::Index c : centres) {
      if (c == rows[r]) continue;
      const double wc = std::exp(-(X.row(c) - x).squaredNorm() * inv2h2);
      w += wc;
      acc += wc * Vref.row(c).squaredNorm();
    }
    scale[r] = std::sqrt(acc / w);
  }
  return scale;
}

/// Adds the errors of V against the reference field over all reference rows (every particle
/// up to kFullReferenceLimit, none left out): max_err_h / median_err_h = h |v - v_ref| (the
/// displacement error in units of h^2 per unit of drift), and relative to the local velocity
/// scale (localVelocityScale): max_rel_err, p99_rel_err, median_rel_err; rms_rel_err =
/// ||V - Vref||_F / ||Vref||_F over the rows.
void addErrors(const DriftField& field, ConstPointRef X, ConstPointRef Y, const PointSet& V,
               Eigen::Index requestedRows, Json& j) {
  SampledReferenceBackend ref(referenceRows(X.rows(), requestedRows));
  PointSet Vref(X.rows(), X.cols());
  field.atParticles({X, Y, kBenchDataVersion, ref}, Vref);
  const double h = field.bandwidth();
  const std::vector<Eigen::Index>& rows = ref.rows();
  const std::vector<double> scale = localVelocityScale(X, Vref, rows, h);
  std::vector<double> errors, relative;
  double sqErr = 0.0, sqRef = 0.0;
  for (size_t r = 0; r < rows.size(); ++r) {
    const double e = (V.row(rows[r]) - Vref.row(rows[r])).norm();
    errors.push_back(h * e);
    relative.push_back(scale[r] > 0.0 ? e / scale[r] : (e > 0.0 ? INFINITY : 0.0));
    sqErr += e * e;
    sqRef += Vref.row(rows[r]).squaredNorm();
  }
  const auto quantile = [](std::vector<double> v, double q) {
    if (v.empty()) return 0.0;
    std::sort(v.begin(), v.end());
    return v[std::min(v.size() - 1, static_cast<std::size_t>(q * double(v.size())))];
  };
  j["reference_particles"] = rows.size();
  j["max_err_h"] = quantile(errors, 1.0);
  j["median_err_h"] = quantile(errors, 0.5);
  j["max_rel_err"] = quantile(relative, 1.0);
  j["p99_rel_err"] = quantile(relative, 0.99);
  j["median_rel_err"] = quantile(relative, 0.5);
  j["rms_rel_err"] = sqRef > 0.0 ? std::sqrt(sqErr / sqRef) : 0.0;
}

/// For grid backends: how the data-side kernel sums at the particles were answered (one
/// extra, untimed call): on the grid, from the exact tail grid, or by exact sums; and how many
/// particles the particle-side grid left off as outliers (another untimed call).
void addGridStatistics(KernelSumBackend& backend, ConstPointRef X, ConstPointRef Y, double h,
                       Json& j) {
  const FftBackend* fft = dynamic_cast<const FftBackend*>(&backend);
  if (const auto* a = dynamic_cast<const AutoBackend*>(&backend)) fft = &a->fft();
  if (!fft) return;
  KernelSums sums;
  backend.sums({KernelKind::kGaussian, h}, X, {Y, kBenchDataVersion}, false, sums);
  j["data_exact_queries"] = fft->lastExactQueries();
  j["data_tail_grid_queries"] = fft->lastTailQueries();
  j["tail_grid_nodes"] = fft->tailGridNodes();
  backend.sums({KernelKind::kGaussian, h}, X, {X, 0}, false, sums);
  j["particle_outliers"] = fft->lastTrimmedSources();
  // FFT lengths per axis: FFTW's speed depends on them (2^a 3^b 5^c 7^d), not only on cells.
  const auto lengths = [](const GridGeometry& g) {
    return std::vector<int>(g.size.begin(), g.size.begin() + g.dim);
  };
  const Kernel kernel{KernelKind::kGaussian, h};
  j["data_grid"] = lengths(fft->plannedGeometry(kernel, {Y, kBenchDataVersion}, X.rows()));
  j["particle_grid"] = lengths(fft->plannedGeometry(kernel, {X, 0}, X.rows()));
}

int runBench(const BenchOptions& o, std::ostream& out) {
  const SceneConfig& s = o.scene;
  Simulation sim(s);  // the scene's target and initial cloud, seeded
  for (std::int64_t k = 0; k < o.steps; ++k) sim.step();
  const PointSet X = sim.particles();
  const PointSet Y = sim.data();
  const auto field = flows().require(s.flowName, "--flow").make(resolveBandwidth(s.flowParams, Y));
  const auto backend = makeBackend(s.backend);
  PointSet V(X.rows(), X.cols());
  const FieldInputs in{X, Y, kBenchDataVersion, *backend, nullptr, &sim.target(), sim.time()};
  auto t0 = Clock::now();
  field->atParticles(in, V);
  const double first = msSince(t0);
  std::vector<double> times;
  for (int e = 0; e < o.evals; ++e) {
    t0 = Clock::now();
    field->atParticles(in, V);
    times.push_back(msSince(t0));
  }
  const double ms = median(times);
  const double pairs = double(X.rows()) * double(X.rows() + Y.rows());
  Json j;
  j["flow"] = s.flowName;
  j["backend"] = s.backend;
  j["backend_id"] = backend->id();
  j["dim"] = s.dim;
  j["particles"] = X.rows();
  j["samples"] = Y.rows();
  j["bandwidth"] = field->bandwidth();
  j["target"] = s.targetName;
  j["steps_before"] = o.steps;
  if (o.steps > 0) j["eta"] = s.eta;
  j["threads"] = omp_get_max_threads();
  j["evals"] = o.evals;
  j["ms_first_eval"] = first;
  j["ms_per_eval"] = ms;
  j["ms_max_eval"] = *std::max_element(times.begin(), times.end());
  j["gpairs_per_s"] = pairs / (ms * 1e6);
  addGridStatistics(*backend, X, Y, field->bandwidth(), j);
  if (s.backend != "direct") addErrors(*field, X, Y, V, o.referenceRows, j);
  out << j.dump() << '\n';
  return kExitOk;
}

/// Median pairs/s of the direct kernel, 2D, N = M = 8000, standard normal points.
double directPairRate(KernelKind kind) {
  constexpr Eigen::Index kN = 8000;
  std::mt19937_64 rng(7);
  std::normal_distribution<double> normal;
  PointSet Q(kN, 2), S(kN, 2);
  for (Eigen::Index i = 0; i < kN; ++i)
    for (int k = 0; k < 2; ++k) {
      Q(i, k) = normal(rng);
      S(i, k) = normal(rng);
    }
  KernelSums sums;
  const Kernel kernel{kind, 0.25};
  fastDirectKernelSums(kernel, Q, S, false, sums);  // warm-up
  std::vector<double> rates;
  for (int r = 0; r < 7; ++r) {
    const auto t0 = Clock::now();
    fastDirectKernelSums(kernel, Q, S, false, sums);
    rates.push_back(double(kN) * kN / (msSince(t0) * 1e-3));
  }
  return median(rates);
}

int runPeak(std::ostream& out) {
  const double fma = measureFmaPerSecond();
  const double gauss = directPairRate(KernelKind::kGaussian);
  const double laplace = directPairRate(KernelKind::kLaplace);
  const int flops = fastDirectFlopsPerPair(2, KernelKind::kGaussian);
  Json j;
  j["threads"] = omp_get_max_threads();
  j["peak_gfma_per_s"] = fma * 1e-9;
  j["peak_gflops"] = 2.0 * fma * 1e-9;
  j["direct_gaussian_2d_gpairs_per_s"] = gauss * 1e-9;
  j["direct_laplace_2d_gpairs_per_s"] = laplace * 1e-9;
  j["laplace_to_gaussian"] = laplace / gauss;
  j["direct_flops_per_pair"] = flops;
  j["direct_gflops"] = gauss * flops * 1e-9;
  j["direct_share_of_peak"] = gauss * flops / (2.0 * fma);
  out << j.dump() << '\n';
  return kExitOk;
}

int bench(const std::vector<std::string>& args, std::ostream& out) {
  const CommandLine cl = parseCommandLine(
      args,
      {"--flow", "--dim", "--particles", "--samples", "--bandwidth", "--backend", "--target",
       "--evals", "--steps", "--eta", "--threads", "--seed", "--reference-particles"},
      {"--peak"});
  if (!cl.positional.empty())
    throw InputError(cl.positional[0], "unexpected argument", "only --options");
  if (const auto* t = cl.get("--threads"))
    omp_set_num_threads(static_cast<int>(parseIntegerOption(*t, "--threads", 1, 1024)));
  if (cl.get("--peak")) return runPeak(out);
  return runBench(parseBench(cl), out);
}

}  // namespace

int benchCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  return guardedCommand("bench", err, [&] { return bench(args, out); });
}

}  // namespace driftlab
