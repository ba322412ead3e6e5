#pragma once
/// Closed-form velocity Jacobians J_ab = d v_a / d x_b of every flow, from exact (direct)
/// kernel sums: weighted covariances of the sources (see each field's jacobian()).
#include <vector>

#include "fields/drift_field.h"

namespace driftlab {

/// n rows, one per query; row i holds v(x_i) (d numbers) and J(x_i) row-major (d*d numbers).
struct FieldJacobians {
  PointSet velocity;  ///< n x d
  PointSet jacobian;  ///< n x (d*d), row-major: jacobian(i, a*d + b) = d v_a / d x_b
  Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>> at(
      Eigen::Index i) const;
};

/// The field's Jacobian at arbitrary points (every particle a kernel centre, held fixed).
FieldJacobians jacobiansAtPoints(const DriftField& field, const FieldInputs& in,
                                 ConstPointRef queries);
/// The field's Jacobian at the particles with atParticles' leave-one-out rules, all kernel
/// centres held fixed (the "field view": d v(x)/dx at x = x_i).
FieldJacobians jacobiansAtParticles(const DriftField& field, const FieldInputs& in);

/// The Jacobians at an evenly strided sample of at most `maxRows` particles (all of them, in
/// order, when N <= maxRows), with atParticles' leave-one-out rules, and each sampled
/// particle's self-divergence term (DriftField::selfDivergence): row k is particle rows[k].
/// The particles are permuted so that the sample comes first; the field is the same.
struct ParticleJacobianSample {
  std::vector<Eigen::Index> rows;
  PointSet points;  ///< the sampled particles, rows.size() x d
  FieldJacobians jacobians;
  Vector selfDivergence;
};
ParticleJacobianSample sampleParticleJacobians(const DriftField& field, const FieldInputs& in,
                                               Eigen::Index maxRows);

/// 2D: J_10 - J_01 (the scalar curl); other dimensions: 0.
double scalarCurl(const FieldJacobians& j, Eigen::Index i);
/// 3D: the curl vector's norm; 2D: |scalarCurl|; other dimensions: the norm of the
/// antisymmetric part ||J - J^T||_F / sqrt(2).
double curlNorm(const FieldJacobians& j, Eigen::Index i);
/// ||J - J^T||_F / ||J||_F (0 where J = 0).
double asymmetryRatio(const FieldJacobians& j, Eigen::Index i);

}  // namespace driftlab
