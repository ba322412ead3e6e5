#include "fields/drift_field.h"

#include <algorithm>
#include <cmath>
#include <vector>

#include "base/input_error.h"

namespace driftlab {

ParamSpec bandwidthParam(double def) {
  return ParamSpec::number("bandwidth", def, 0.0, 1e6,
                           "kernel scale: h for Gaussian kernels, tau for the Laplace kernel",
                           /*minExclusive=*/true, /*logScale=*/true);
}

ParamSpec bandwidthModeParam() {
  return ParamSpec::choice("bandwidth_mode", {"absolute", "median"}, "absolute",
                           "absolute, or a multiple of the median pairwise data distance");
}

ParamSpec driftUnitsParam(bool def) {
  return ParamSpec::flag("drift_units", def,
                         "multiply score-type fields by h^2 (mean-shift displacement units)");
}

ParamSpec normalisationParam(bool inert) {
  ParamSpec s = ParamSpec::choice("normalisation", {"separate", "joint", "none"}, "separate",
                                  inert ? "only used by the mean-shift flows"
                                        : "separate softmaxes over data and particles; joint "
                                          "(official implementation); none (plain kernel "
                                          "averages)");
  s.inert = inert;
  return s;
}

ParamSet resolveBandwidth(const ParamSet& params, ConstPointRef data) {
  ParamSet out = params;
  if (!params.has("bandwidth_mode") || params.choice("bandwidth_mode") == "absolute") return out;
  // Median over pairs of a deterministic subsample (every k-th point, at most 512).
  const Eigen::Index m = data.rows();
  const Eigen::Index stride = std::max<Eigen::Index>(1, m / 512);
  std::vector<double> dists;
  for (Eigen::Index a = 0; a < m; a += stride)
    for (Eigen::Index b = a + stride; b < m; b += stride)
      dists.push_back((data.row(a) - data.row(b)).norm());
  if (dists.empty())
    throw InputError("flow.bandwidth_mode", "median needs at least 2 data samples", "absolute");
  std::nth_element(dists.begin(), dists.begin() + dists.size() / 2, dists.end());
  const double med = dists[dists.size() / 2];
  if (!(med > 0.0))
    throw InputError("flow.bandwidth_mode", "median pairwise distance is 0", "absolute");
  out.set("bandwidth", params.number("bandwidth") * med);
  return out;
}

}  // namespace driftlab
