#include "fields/svgd_field.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "base/input_error.h"
#include "evaluators/direct_kernel_sums.h"
#include "evaluators/kernel_moments.h"
#include "targets/gaussian_mixture.h"
#include "targets/target.h"

namespace driftlab {

namespace {

const GaussianMixture& requireMixture(const FieldInputs& in) {
  const GaussianMixture* mixture = in.target ? in.target->mixture() : nullptr;
  if (!mixture)
    throw InputError("flow.score",
                     in.target ? "exact needs a Gaussian-mixture target; this target has no "
                                 "exact score"
                               : "exact needs the target's exact score; no target was given",
                     "kde, or exact with a Gaussian-mixture target");
  if (in.particles.cols() != mixture->dim())
    throw InputError("flow.score", "the target's mixture has another dimension than the particles",
                     "a target of dimension " + std::to_string(in.particles.cols()));
  return *mixture;
}

/// tr Hess log p(x) of an isotropic mixture: with responsibilities r_k, component scores
/// g_k = (mu_k - x) / sigma_k^2 and s = sum_k r_k g_k,
///   Hess log p = sum_k r_k (g_k g_k^T - I / sigma_k^2) - s s^T.
double mixtureLaplacianLog(const GaussianMixture& g, const double* x) {
  const int d = g.dim(), K = g.components();
  std::vector<double> logs(K);
  for (int k = 0; k < K; ++k) {
    const double s2 = g.sigma(k) * g.sigma(k);
    double r2 = 0.0;
    for (int c = 0; c < d; ++c) r2 += (x[c] - g.means()(k, c)) * (x[c] - g.means()(k, c));
    logs[k] = std::log(g.weight(k)) - 0.5 * d * std::log(s2) - r2 / (2.0 * s2);
  }
  const double top = *std::max_element(logs.begin(), logs.end());
  double total = 0.0;
  for (double& l : logs) total += (l = std::exp(l - top));
  double trace = 0.0, s[kMaxDim] = {};
  for (int k = 0; k < K; ++k) {
    const double r = logs[k] / total, s2 = g.sigma(k) * g.sigma(k);
    double gk2 = 0.0;
    for (int c = 0; c < d; ++c) {
      const double gc = (g.means()(k, c) - x[c]) / s2;
      gk2 += gc * gc;
      s[c] += r * gc;
    }
    trace += r * (gk2 - d / s2);
  }
  for (int c = 0; c < d; ++c) trace -= s[c] * s[c];
  return trace;
}

/// out_i = sum_j K(x_j, q_i) w_j with K = exp(-|x_j - q_i|^2 / 2h^2): direct, rows in parallel.
void drivingSums(ConstPointRef queries, ConstPointRef centres, ConstPointRef weights, double h,
                 PointRef out) {
  const Eigen::Index n = queries.rows(), m = centres.rows();
  const int d = static_cast<int>(queries.cols());
  const double c = -0.5 / (h * h);
#pragma omp parallel for schedule(static) if (n * m > kParallelPairs)
  for (Eigen::Index i = 0; i < n; ++i) {
    const double* q = queries.row(i).data();
    double acc[kMaxDim] = {};
    for (Eigen::Index j = 0; j < m; ++j) {
      const double* x = centres.row(j).data();
      double r2 = 0.0;
      for (int a = 0; a < d; ++a) r2 += (x[a] - q[a]) * (x[a] - q[a]);
      const double k = std::exp(c * r2);
      const double* w = weights.row(j).data();
      for (int a = 0; a < d; ++a) acc[a] += k * w[a];
    }
    for (int a = 0; a < d; ++a) out(i, a) = acc[a];
  }
}

}  // namespace

double SvgdField::medianHeuristicBandwidth(ConstPointRef particles, double fallback) {
  const Eigen::Index n = particles.rows();
  const Eigen::Index stride = std::max<Eigen::Index>(1, (n + 999) / 1000);
  std::vector<double> dists;
  for (Eigen::Index a = 0; a < n; a += stride)
    for (Eigen::Index b = a + stride; b < n; b += stride)
      dists.push_back((particles.row(a) - particles.row(b)).norm());
  if (dists.empty()) return fallback;
  std::nth_element(dists.begin(), dists.begin() + dists.size() / 2, dists.end());
  const double med = dists[dists.size() / 2];
  if (!(med > 0.0)) return fallback;
  return med / std::sqrt(2.0 * std::log(double(n) + 1.0));
}

double SvgdField::kernelBandwidth(ConstPointRef particles) const {
  return m_median ? medianHeuristicBandwidth(particles, m_h) : m_h;
}

PointSet SvgdField::scoreAt(const FieldInputs& in, ConstPointRef points, bool direct) const {
  const Eigen::Index n = points.rows(), d = points.cols();
  PointSet s(n, d);
  if (m_score == SvgdScore::kExact) {
    const GaussianMixture& g = requireMixture(in);
#pragma omp parallel for schedule(static) if (n > 256)
    for (Eigen::Index i = 0; i < n; ++i) g.score(points.row(i).data(), s.row(i).data());
    return s;
  }
  // grad log p_s(x) = (m_p(x) - x) / s^2, m_p the kernel-weighted mean of the data.
  const Kernel kernel{KernelKind::kGaussian, m_scoreBandwidth};
  KernelSums p;
  if (direct)
    directKernelSums(kernel, points, in.data, false, p);
  else
    in.backend.sums(kernel, points, {in.data, in.dataVersion}, false, p);
  s = (p.mean - points) / (m_scoreBandwidth * m_scoreBandwidth);
  return s;
}

void SvgdField::halves(const FieldInputs& in, ConstPointRef queries, PointRef attraction,
                       PointRef repulsion) const {
  const double h = kernelBandwidth(in.particles);
  const Eigen::Index n = queries.rows(), N = in.particles.rows();
  if (N == 0) {
    attraction.setZero();
    repulsion.setZero();
    return;
  }
  const double scale = (m_driftUnits ? h * h : 1.0) / double(N);
  const PointSet s = scoreAt(in, in.particles, false);
  drivingSums(queries, in.particles, s, h, attraction);
  // -sum_j grad_{x_j} K(x_j, x) = sum_j K_j (x_j - x) / h^2 = S (m - x) / h^2.
  KernelSums q;
  in.backend.sums({KernelKind::kGaussian, h}, queries, {in.particles, 0}, false, q);
#pragma omp parallel for schedule(static) if (n > 1024)
  for (Eigen::Index i = 0; i < n; ++i) {
    attraction.row(i) *= scale;
    repulsion.row(i) = (scale * std::exp(q.logSum[i]) / (h * h)) * (q.mean.row(i) - queries.row(i));
  }
}

void SvgdField::atParticles(const FieldInputs& in, PointRef out) const {
  atPoints(in, in.particles, out);
}

void SvgdField::atPoints(const FieldInputs& in, ConstPointRef queries, PointRef out) const {
  PointSet repulsion(queries.rows(), queries.cols());
  halves(in, queries, out, repulsion);
  out -= repulsion;
}

void SvgdField::jacobian(const FieldInputs& in, ConstPointRef queries, bool, PointRef v,
                         PointRef jac) const {
  // phi = (scale/N) sum_j K_j u_j with u_j = s_j + (x - x_j)/h^2 and grad_x K_j = -K_j (x - x_j)
  // / h^2: d phi_a / d x_b = (scale/N) sum_j K_j [delta_ab / h^2 - u_ja (x - x_j)_b / h^2].
  const double h = kernelBandwidth(in.particles);
  const Eigen::Index n = queries.rows(), N = in.particles.rows();
  const int d = static_cast<int>(queries.cols());
  v.setZero();
  jac.setZero();
  if (N == 0) return;
  const double scale = (m_driftUnits ? h * h : 1.0) / double(N), ih2 = 1.0 / (h * h);
  const PointSet s = scoreAt(in, in.particles, true);
#pragma omp parallel for schedule(static) if (n * N > kParallelPairs)
  for (Eigen::Index i = 0; i < n; ++i) {
    const double* x = queries.row(i).data();
    double vi[kMaxDim] = {}, ji[kMaxDim * kMaxDim] = {}, ksum = 0.0;
    for (Eigen::Index j = 0; j < N; ++j) {
      const double* c = in.particles.row(j).data();
      double diff[kMaxDim], u[kMaxDim], r2 = 0.0;
      for (int a = 0; a < d; ++a) {
        diff[a] = x[a] - c[a];
        r2 += diff[a] * diff[a];
      }
      const double k = std::exp(-0.5 * r2 * ih2);
      for (int a = 0; a < d; ++a) {
        u[a] = s(j, a) + diff[a] * ih2;
        vi[a] += k * u[a];
      }
      ksum += k;
      for (int a = 0; a < d; ++a)
        for (int b = 0; b < d; ++b) ji[a * d + b] -= k * u[a] * diff[b] * ih2;
    }
    for (int a = 0; a < d; ++a) {
      v(i, a) = scale * vi[a];
      ji[a * d + a] += ksum * ih2;
      for (int b = 0; b < d; ++b) jac(i, a * d + b) = scale * ji[a * d + b];
    }
  }
}

Vector SvgdField::selfDivergence(const FieldInputs& in, Eigen::Index rows) const {
  const Eigen::Index N = in.particles.rows();
  const int d = static_cast<int>(in.particles.cols());
  Vector out = Vector::Zero(rows);
  if (N == 0 || rows == 0) return out;
  const double h = kernelBandwidth(in.particles);
  const double scale = (m_driftUnits ? h * h : 1.0) / double(N);
  if (m_score == SvgdScore::kExact) {
    const GaussianMixture& g = requireMixture(in);
    for (Eigen::Index i = 0; i < rows; ++i)
      out[i] = mixtureLaplacianLog(g, in.particles.row(i).data());
  } else {
    // Hess log p_s = (A - I) / s^2 with A = d m_p / dx, the centred kernel moment.
    KernelMoments m;
    kernelMoments({KernelKind::kGaussian, m_scoreBandwidth}, in.particles.topRows(rows), in.data,
                  false, MomentForm::kCentred, m);
    const double is2 = 1.0 / (m_scoreBandwidth * m_scoreBandwidth);
    for (Eigen::Index i = 0; i < rows; ++i) {
      double trace = 0.0;
      for (int a = 0; a < d; ++a) trace += m.jacobian(i, a * d + a);
      out[i] = (trace - d) * is2;
    }
  }
  return scale * (out.array() - d / (h * h)).matrix();
}

FlowInfo svgdFlowInfo() {
  FlowInfo info{
      "svgd",
      "Stein variational gradient descent with the RBF kernel: (1/N) sum_j [K s_p(x_j) + "
      "grad_{x_j} K]",
      {bandwidthParam(0.3), bandwidthModeParam(),
       ParamSpec::choice("kernel_bandwidth", {"fixed", "median"}, "fixed",
                         "fixed: h = bandwidth; median: h^2 = med^2 / (2 log(N + 1)), med the "
                         "median pairwise particle distance, at every evaluation"),
       ParamSpec::choice("score", {"kde", "exact"}, "kde",
                         "kde: grad log of the data KDE (score_bandwidth); exact: the score of a "
                         "Gaussian-mixture target"),
       ParamSpec::number("score_bandwidth", 0.3, 0.0, 1e6,
                         "bandwidth of the data KDE whose score is s_p (score = kde)",
                         /*minExclusive=*/true, /*logScale=*/true),
       driftUnitsParam(false), normalisationParam(true)},
      [](const ParamSet& p) -> std::unique_ptr<DriftField> {
        return std::make_unique<SvgdField>(
            p.number("bandwidth"), p.choice("kernel_bandwidth") == "median",
            p.choice("score") == "exact" ? SvgdScore::kExact : SvgdScore::kKde,
            p.number("score_bandwidth"), p.flag("drift_units"));
      }};
  info.needsMixture = [](const ParamSet& p) { return p.choice("score") == "exact"; };
  return info;
}

}  // namespace driftlab
