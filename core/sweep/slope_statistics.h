#pragma once
/// Log-log slope fits and their intervals: least squares with a t interval, a bootstrap over
/// seeds, local slopes between neighbouring levels.
#include <cstdint>
#include <vector>

namespace driftlab {

/// Least-squares fit log r = a + b log x with a 95% t interval on b (n - 2 degrees of freedom).
struct SlopeFit {
  double slope = 0.0, intercept = 0.0, slopeLow = 0.0, slopeHigh = 0.0;
  double theory = 0.0;  ///< -1/(d+4) for N sweeps (0 when there is no theory)
  int points = 0;
};

/// x, r: positive values of equal length. Throws InputError("--particles", ...) unless there
/// are at least 3 points with 2 distinct x.
SlopeFit fitLogLog(const std::vector<double>& x, const std::vector<double>& r);

/// The least-squares slope alone (NaN with fewer than 2 distinct x).
double leastSquaresLogLogSlope(const std::vector<double>& x, const std::vector<double>& r);

/// One run of a level sweep: the level x (N or h), its seed, its value.
struct SeedValue {
  double x = 0.0;
  std::uint64_t seed = 0;
  double value = 0.0;
};

/// 95% percentile interval of the pooled slope when whole seeds are resampled with
/// replacement (`resamples` draws, std::mt19937_64 seeded with `rngSeed`: reproducible).
/// Returns {slope, slope} with one seed.
struct Interval {
  double low = 0.0, high = 0.0;
};
Interval bootstrapSlopeOverSeeds(const std::vector<SeedValue>& runs, int resamples = 2000,
                                 std::uint64_t rngSeed = 20261206);

/// Per-seed slopes (each seed's runs fitted alone) and the t interval of their mean (S - 1
/// degrees of freedom; infinite with one seed).
struct SeedSlopes {
  std::vector<double> slopes;
  double mean = 0.0;
  Interval ci95;
};
SeedSlopes slopesPerSeed(const std::vector<SeedValue>& runs);

/// Mean of log r per level and the slope between neighbouring levels
/// (mean log r_{k+1} - mean log r_k) / (log x_{k+1} - log x_k), levels ascending.
struct LocalSlope {
  double from = 0.0, to = 0.0, slope = 0.0;
};
std::vector<LocalSlope> localSlopes(const std::vector<SeedValue>& runs);

/// Two-sided 97.5% quantile of Student's t with `dof` degrees of freedom.
double studentT975(int dof);

}  // namespace driftlab
