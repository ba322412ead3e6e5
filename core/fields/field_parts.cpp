#include "fields/field_parts.h"

#include <cmath>
#include <limits>
#include <stdexcept>
#include <vector>

#include "fields/conservative_field.h"
#include "fields/f_divergence_field.h"
#include "fields/joint_normalisation.h"
#include "fields/mean_shift_field.h"
#include "fields/mmd_field.h"
#include "fields/pf_ode_field.h"
#include "fields/sharp_kernel_sums.h"
#include "fields/sharp_laplace_field.h"
#include "fields/svgd_field.h"
#include "fields/tangent_field.h"
#include "geometry/sphere_manifold.h"

namespace driftlab {

namespace {

constexpr double kNegInf = -std::numeric_limits<double>::infinity();

/// The Gaussian or Laplace kernel sums over the data (p) and the particles (q) at the queries,
/// on the field's backend (one pairSums call, as every field makes).
void pairSums(const FieldInputs& in, const Kernel& kernel, ConstPointRef queries, bool excludeSelf,
              KernelSums& p, KernelSums& q) {
  in.backend.pairSums(kernel, queries, {in.data, in.dataVersion}, {in.particles, 0}, excludeSelf, p,
                      q);
}

/// Row i of the halves: wp_i (m_p - x_i) and wq_i (m_q - x_i), the two displacement sums every
/// kernel field (except `joint`) is a difference of. Weights are functions of row i.
template <class WeightP, class WeightQ>
FieldHalves weightedHalves(const KernelSums& p, const KernelSums& q, ConstPointRef queries,
                           WeightP wp, WeightQ wq) {
  const Eigen::Index n = queries.rows();
  FieldHalves h{PointSet(n, queries.cols()), PointSet(n, queries.cols())};
  for (Eigen::Index i = 0; i < n; ++i) {
    h.attraction.row(i) = wp(i) * (p.mean.row(i) - queries.row(i));
    h.repulsion.row(i) = wq(i) * (q.mean.row(i) - queries.row(i));
  }
  return h;
}

FieldHalves meanShiftHalves(const MeanShiftField& f, const FieldInputs& in, ConstPointRef queries) {
  if (f.normalisation() == MeanShiftNormalisation::kJoint) {
    FieldHalves h{PointSet(queries.rows(), queries.cols()),
                  PointSet(queries.rows(), queries.cols())};
    jointNormalisedHalves(f.kernel(), queries, in.data, in.particles, !f.includeSelf(), false,
                          h.attraction, h.repulsion);
    return h;
  }
  KernelSums p, q;
  pairSums(in, f.kernel(), queries, false, p, q);
  if (f.normalisation() == MeanShiftNormalisation::kSeparate)
    return weightedHalves(
        p, q, queries, [](Eigen::Index) { return 1.0; }, [](Eigen::Index) { return 1.0; });
  // none: plain kernel averages, (1/M) sum k (y - x) and (1/N) sum k (x_k - x) (as atPoints).
  const double m = double(in.data.rows()), n = double(in.particles.rows());
  return weightedHalves(
      p, q, queries, [&](Eigen::Index i) { return m > 0 ? std::exp(p.logSum[i]) / m : 0.0; },
      [&](Eigen::Index i) { return n > 0 ? std::exp(q.logSum[i]) / n : 0.0; });
}

FieldHalves conservativeHalves(const ConservativeField& f, const FieldInputs& in,
                               ConstPointRef queries) {
  const double h = f.bandwidth();
  KernelSums p, q;
  pairSums(in, {KernelKind::kGaussian, h}, queries, false, p, q);
  const double scale = f.driftUnits() ? 1.0 : 1.0 / (h * h);  // s = (m - x) / h^2
  auto w = [scale](Eigen::Index) { return scale; };
  return weightedHalves(p, q, queries, w, w);
}

FieldHalves sharpLaplaceHalves(const SharpLaplaceField& f, const FieldInputs& in,
                               ConstPointRef queries) {
  const double tau = f.bandwidth();
  KernelSums p, q;
  pairSums(in, {KernelKind::kLaplace, tau}, queries, false, p, q);
  const Vector sharpP = SharpLaplaceField::logSharpSums(tau, queries, in.data);
  const Vector sharpQ = SharpLaplaceField::logSharpSums(tau, queries, in.particles);
  return weightedHalves(
      p, q, queries, [&](Eigen::Index i) { return std::exp(p.logSum[i] - sharpP[i]); },
      [&](Eigen::Index i) { return std::exp(q.logSum[i] - sharpQ[i]); });
}

FieldHalves mmdHalves(const MmdField& f, const FieldInputs& in, ConstPointRef queries) {
  const double h = f.bandwidth();
  KernelSums p, q;
  pairSums(in, {KernelKind::kGaussian, h}, queries, false, p, q);
  const double logC = gaussianLogNormaliser(static_cast<int>(queries.cols()), h);
  const double logM = std::log(double(in.data.rows())),
               logN = std::log(double(in.particles.rows()));
  return weightedHalves(
      p, q, queries, [&](Eigen::Index i) { return std::exp(p.logSum[i] + logC - logM) / (h * h); },
      [&](Eigen::Index i) { return std::exp(q.logSum[i] + logC - logN) / (h * h); });
}

FieldHalves fDivergenceHalves(const FDivergenceField& f, const FieldInputs& in,
                              ConstPointRef queries) {
  const double h = f.bandwidth();
  KernelSums p, q;
  pairSums(in, {KernelKind::kGaussian, h}, queries, false, p, q);
  const double logCounts = std::log(double(in.data.rows())) - std::log(double(in.particles.rows()));
  Vector w(queries.rows());
  for (Eigen::Index i = 0; i < w.size(); ++i)
    w[i] = f.weight(q.logSum[i] - p.logSum[i] + logCounts) / (h * h);
  auto weight = [&](Eigen::Index i) { return w[i]; };
  return weightedHalves(p, q, queries, weight, weight);
}

const MeanShiftField* laplaceSeparate(const DriftField& field) {
  const auto* f = dynamic_cast<const MeanShiftField*>(&field);
  return f && f->kernel().kind == KernelKind::kLaplace &&
                 f->normalisation() == MeanShiftNormalisation::kSeparate
             ? f
             : nullptr;
}

/// c = (. * k#) / (. * k) from the log sums (0 for an empty sum, whose displacement is 0).
double sharpRatio(double logSharp, double logSum) {
  return logSum == kNegInf ? 0.0 : std::exp(logSharp - logSum);
}

/// The decomposition from the sums over the data (p) and the particles (q) at the queries.
/// Far queries stay finite: the sums are shifted by the nearest source and
/// c lies in [tau^2, tau (r_max + tau)].
LaplaceDecomposition decompose(const SharpKernelSums& p, const SharpKernelSums& q,
                               ConstPointRef queries) {
  const Eigen::Index n = queries.rows(), d = queries.cols();
  LaplaceDecomposition out{PointSet(n, d), PointSet(n, d)};
  for (Eigen::Index i = 0; i < n; ++i) {
    const double cp = sharpRatio(p.logSharpSum[i], p.logSum[i]);
    const double cq = sharpRatio(q.logSharpSum[i], q.logSum[i]);
    // s# = sum k (c - x) / sum k# = (m - x) / c, so c s# is the half V+ or V- itself.
    const Eigen::RowVectorXd vPlus = p.mean.row(i) - queries.row(i);
    const Eigen::RowVectorXd vMinus = q.mean.row(i) - queries.row(i);
    const Eigen::RowVectorXd sharpScoreP = cp > 0.0 ? Eigen::RowVectorXd(vPlus / cp) : 0.0 * vPlus;
    const Eigen::RowVectorXd sharpScoreQ =
        cq > 0.0 ? Eigen::RowVectorXd(vMinus / cq) : 0.0 * vMinus;
    out.companion.row(i) = cq * (sharpScoreP - sharpScoreQ);
    out.residual.row(i) = (cp - cq) * sharpScoreP;
  }
  return out;
}

const MeanShiftField& requireLaplaceSeparate(const DriftField& field) {
  const MeanShiftField* f = laplaceSeparate(field);
  if (!f)
    throw std::invalid_argument(
        "the Laplace decomposition needs a laplace field with separate normalisation");
  return *f;
}

/// self: per query, the particle it leaves out of the q sums (-1: none), or null.
LaplaceDecomposition decomposition(const MeanShiftField& f, const FieldInputs& in,
                                   ConstPointRef queries, const Eigen::Index* self) {
  const double tau = f.bandwidth();
  return decompose(sharpKernelSums(tau, queries, in.data),
                   sharpKernelSums(tau, queries, in.particles, self), queries);
}

}  // namespace

FieldHalves halvesAtPoints(const DriftField& field, const FieldInputs& in, ConstPointRef queries) {
  if (const auto* f = dynamic_cast<const TangentField*>(&field)) {
    // On the sphere each half is projected to the tangent plane like their difference.
    FieldHalves halves = halvesAtPoints(f->inner(), in, queries);
    projectToTangent(queries, halves.attraction, halves.attraction);
    projectToTangent(queries, halves.repulsion, halves.repulsion);
    return halves;
  }
  if (const auto* f = dynamic_cast<const MeanShiftField*>(&field))
    return meanShiftHalves(*f, in, queries);
  if (const auto* f = dynamic_cast<const ConservativeField*>(&field))
    return conservativeHalves(*f, in, queries);
  if (const auto* f = dynamic_cast<const SharpLaplaceField*>(&field))
    return sharpLaplaceHalves(*f, in, queries);
  if (const auto* f = dynamic_cast<const MmdField*>(&field)) return mmdHalves(*f, in, queries);
  if (const auto* f = dynamic_cast<const FDivergenceField*>(&field))
    return fDivergenceHalves(*f, in, queries);
  if (const auto* f = dynamic_cast<const SvgdField*>(&field)) {
    FieldHalves h{PointSet(queries.rows(), queries.cols()),
                  PointSet(queries.rows(), queries.cols())};
    f->halves(in, queries, h.attraction, h.repulsion);
    return h;
  }
  if (const auto* f = dynamic_cast<const PfOdeField*>(&field)) {
    // Toward the noised means, and the linear term (see PfOdeField::parts).
    FieldHalves out{PointSet(queries.rows(), queries.cols()),
                    PointSet(queries.rows(), queries.cols())};
    f->parts(in, queries, out.attraction, out.repulsion);
    return out;
  }
  throw std::invalid_argument("halvesAtPoints: a field type without halves");
}

bool hasLaplaceDecomposition(const DriftField& field) {
  return laplaceSeparate(field) != nullptr;
}

LaplaceDecomposition laplaceDecompositionAtPoints(const DriftField& field, const FieldInputs& in,
                                                  ConstPointRef queries) {
  return decomposition(requireLaplaceSeparate(field), in, queries, nullptr);
}

LaplaceDecomposition laplaceDecompositionAtParticles(const DriftField& field,
                                                     const FieldInputs& in) {
  std::vector<Eigen::Index> rows(in.particles.rows());
  for (Eigen::Index i = 0; i < in.particles.rows(); ++i) rows[i] = i;
  return laplaceDecompositionAtParticles(field, in, rows);
}

LaplaceDecomposition laplaceDecompositionAtParticles(const DriftField& field, const FieldInputs& in,
                                                     const std::vector<Eigen::Index>& rows) {
  const MeanShiftField& f = requireLaplaceSeparate(field);
  const Eigen::Index n = Eigen::Index(rows.size());
  PointSet queries(n, in.particles.cols());
  std::vector<Eigen::Index> self(n, -1);
  for (Eigen::Index i = 0; i < n; ++i) {
    queries.row(i) = in.particles.row(rows[i]);
    if (!f.includeSelf()) self[i] = rows[i];
  }
  return decomposition(f, in, queries, self.data());
}

LaplaceResidualNorms laplaceResidualNorms(const DriftField& field, const FieldInputs& in,
                                          const std::vector<Eigen::Index>& rows) {
  if (rows.empty()) return {};
  const LaplaceDecomposition parts = laplaceDecompositionAtParticles(field, in, rows);
  const double n = double(rows.size());
  return {std::sqrt(parts.residual.squaredNorm() / n),
          std::sqrt((parts.companion + parts.residual).squaredNorm() / n)};
}

}  // namespace driftlab
