#include "targets/gaussian_mixture.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <numeric>

namespace driftlab {

GaussianMixture::GaussianMixture(PointSet means, std::vector<double> sigmas,
                                 std::vector<double> weights)
    : m_means(std::move(means)), m_sigmas(std::move(sigmas)), m_weights(std::move(weights)) {
  const double total = std::accumulate(m_weights.begin(), m_weights.end(), 0.0);
  for (double& w : m_weights) w /= total;
}

void GaussianMixture::componentLogs(const double* x, double s2, std::vector<double>& logs) const {
  const int d = dim();
  logs.resize(components());
  for (int k = 0; k < components(); ++k) {
    const double var = m_sigmas[k] * m_sigmas[k] + s2;
    double r2 = 0.0;
    for (int c = 0; c < d; ++c) r2 += (x[c] - m_means(k, c)) * (x[c] - m_means(k, c));
    logs[k] = std::log(m_weights[k]) - 0.5 * d * std::log(2.0 * std::numbers::pi * var) -
              r2 / (2.0 * var);
  }
}

namespace {
double logSumExp(const std::vector<double>& v) {
  const double mx = *std::max_element(v.begin(), v.end());
  double s = 0.0;
  for (double x : v) s += std::exp(x - mx);
  return mx + std::log(s);
}
}  // namespace

double GaussianMixture::logDensity(const double* x) const {
  return logDensitySmoothed(x, 0.0);
}

double GaussianMixture::logDensitySmoothed(const double* x, double s2) const {
  std::vector<double> logs;
  componentLogs(x, s2, logs);
  return logSumExp(logs);
}

void GaussianMixture::score(const double* x, double* out) const {
  std::vector<double> logs;
  componentLogs(x, 0.0, logs);
  const double lse = logSumExp(logs);
  const int d = dim();
  std::fill(out, out + d, 0.0);
  for (int k = 0; k < components(); ++k) {
    const double r = std::exp(logs[k] - lse) / (m_sigmas[k] * m_sigmas[k]);
    for (int c = 0; c < d; ++c) out[c] += r * (m_means(k, c) - x[c]);
  }
}

void GaussianMixture::sample(RandomStream& rng, double* out) const {
  double u = rng.uniform();
  int k = 0;
  while (k + 1 < components() && u > m_weights[k]) u -= m_weights[k++];
  for (int c = 0; c < dim(); ++c) out[c] = m_means(k, c) + m_sigmas[k] * rng.normal();
}

}  // namespace driftlab
