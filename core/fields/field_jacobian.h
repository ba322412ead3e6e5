#pragma once
/// Closed-form velocity Jacobians J_ab = d v_a / d x_b of every flow, from exact (direct)
/// kernel sums: weighted covariances of the sources (see each field's jacobian()).
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

/// 2D: J_10 - J_01 (the scalar curl); other dimensions: 0.
double scalarCurl(const FieldJacobians& j, Eigen::Index i);
/// 3D: the curl vector's norm; 2D: |scalarCurl|; other dimensions: the norm of the
/// antisymmetric part ||J - J^T||_F / sqrt(2).
double curlNorm(const FieldJacobians& j, Eigen::Index i);
/// ||J - J^T||_F / ||J||_F (0 where J = 0).
double asymmetryRatio(const FieldJacobians& j, Eigen::Index i);

}  // namespace driftlab
