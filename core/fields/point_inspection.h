#pragma once
/// What pulls one point: the Inspector's numbers (issue 16 item 5). A brute-force, double
/// precision, log-sum-exp stabilised evaluation of one flow at one query point, split into the
/// data part V+ and the particle part V- (V = V+ - V-), with the normalised kernel weights of
/// every centre. Independent of the kernel-sum backends, so it can check them.
#include <string>
#include <vector>

#include "base/param_set.h"
#include "base/point_set.h"
#include "evaluators/kernel.h"

namespace driftlab {

/// One kernel centre and its normalised weight (softmax of log k over its side).
struct WeightedCentre {
  Eigen::Index index = 0;  ///< row in the data (or particle) array
  double weight = 0.0;
};

struct InspectionOptions {
  int nearest = 8;                   ///< centres listed per side, by weight
  Eigen::Index maxCentres = 200000;  ///< above it, each side is subsampled with a stride
};

struct PointInspection {
  bool available = false;
  std::string reason;   ///< why not available (flow not covered), or empty
  std::string note;     ///< e.g. "weights over every 3rd particle" (subset), or empty
  std::string formula;  ///< how V+ and V- make V for this flow, one line
  KernelKind kernel = KernelKind::kGaussian;
  double bandwidth = 0.0;      ///< h or tau, absolute
  Eigen::RowVectorXd point;    ///< 1 x d, the query
  Eigen::Index particle = -1;  ///< the particle inspected, or -1 for a free point
  bool selfLeftOut = false;    ///< the particle is not a centre of its own V-
  /// M and N: normalised weights (sum 1 over each side); 0 for centres not used (the particle
  /// itself when left out, centres skipped by the subsample).
  Vector dataWeights, particleWeights;
  Eigen::Index dataStride = 1, particleStride = 1;
  Eigen::RowVectorXd vPlus, vMinus, v;                        ///< 1 x d; v = vPlus - vMinus
  std::vector<WeightedCentre> nearestData, nearestParticles;  ///< heaviest first
  /// laplace (separate normalisation): V = c_q (s#_p - s#_q) + (c_p - c_q) s#_p with
  /// c = (. * k#) / (. * k) and s# = grad log(. * k#) (SPEC §3), over the same centres as V-.
  bool hasSharpParts = false;
  Eigen::RowVectorXd sharpCompanion;  ///< c_q (s#_p - s#_q), the conservative part
  Eigen::RowVectorXd sharpResidual;   ///< (c_p - c_q) s#_p
};

/// Inspects `flow` (a registry id) at one point.
/// params: the flow's validated parameters (drift_units, normalisation, include_self are read;
///         "bandwidth" is not: `bandwidth` is the absolute h or tau in use).
/// data: M x d, particles: N x d.
/// point: 1 x d query. particle >= 0: the query is that particle (point must be its position);
///        leave-one-out then applies as the flow defines it. -1: a free point, every particle is
///        a kernel centre (DriftField::atPoints).
/// Flows covered: conservative, laplace, gaussian-meanshift (separate and none normalisation),
/// sharp-laplace, mmd. Others (joint normalisation, f-divergence, ...): available = false.
PointInspection inspectPoint(const std::string& flow, const ParamSet& params, double bandwidth,
                             ConstPointRef data, ConstPointRef particles,
                             const Eigen::RowVectorXd& point, Eigen::Index particle = -1,
                             const InspectionOptions& options = {});

}  // namespace driftlab
