#pragma once
/// Isotropic Gaussian mixture with exact log-density and score.
#include <vector>

#include "base/point_set.h"
#include "base/random_stream.h"

namespace driftlab {

class GaussianMixture {
 public:
  /// means: K x d; sigmas and weights: K (weights are normalised here).
  GaussianMixture(PointSet means, std::vector<double> sigmas, std::vector<double> weights);

  int dim() const { return static_cast<int>(m_means.cols()); }
  int components() const { return static_cast<int>(m_means.rows()); }
  const PointSet& means() const { return m_means; }
  double sigma(int k) const { return m_sigmas[k]; }
  double weight(int k) const { return m_weights[k]; }

  /// log p(x), x: d values.
  double logDensity(const double* x) const;
  /// grad log p(x) written to out[0..d).
  void score(const double* x, double* out) const;
  /// Log-density of the mixture convolved with N(0, s2 I) (used by smoothed comparisons).
  double logDensitySmoothed(const double* x, double s2) const;
  void sample(RandomStream& rng, double* out) const;

 private:
  /// log of w_k N(x; mu_k, (sigma_k^2 + s2) I) for every k.
  void componentLogs(const double* x, double s2, std::vector<double>& logs) const;

  PointSet m_means;
  std::vector<double> m_sigmas;
  std::vector<double> m_weights;
};

}  // namespace driftlab
