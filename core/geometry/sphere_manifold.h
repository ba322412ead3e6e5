#pragma once
/// The unit sphere S^2 in R^3 (SPEC §2, manifold targets): the retraction x -> x / |x|, the
/// tangent projection P(x) = I - x x^T, and a target seen through the retraction.
///
/// Kernels on the sphere use the chordal distance |x - y|, which for unit vectors is the
/// Euclidean distance in R^3: every kernel flow runs unchanged on the 3D points, its velocity
/// projected to the tangent plane (fields/tangent_field.h) and each step followed by the
/// retraction (DriftField::retract).
#include <memory>
#include <string>

#include "base/point_set.h"
#include "targets/target.h"

namespace driftlab {

/// The scene's `manifold` values.
inline constexpr const char* kEuclidean = "euclidean";
inline constexpr const char* kSphere = "sphere";

/// Where a row of zero (or non-finite) norm goes when retracted: the north pole (0, 0, 1). A
/// fixed point, so that a retraction is deterministic; such rows have no direction to keep.
inline constexpr double kSphereFallback[3] = {0.0, 0.0, 1.0};

/// Every row of X (N x 3) divided by its norm; rows of zero or non-finite norm become
/// kSphereFallback. Rows with | |x| - 1 | <= keepWithin are left exactly as they are (restored
/// states stay bitwise equal to the ones saved).
void retractToSphere(PointRef X, double keepWithin = 0.0);

/// u = v - x (x . v): on the sphere (|x| = 1) the tangent projection P(x) v. Row-wise; X, V, U
/// are n x 3 (U may alias V).
void projectToTangent(ConstPointRef X, ConstPointRef V, PointRef U);

/// The unit vector w mu + sqrt(1 - w^2) (cos phi e1 + sin phi e2), where (e1, e2, mu) is a fixed
/// right-handed orthonormal frame of the unit vector mu: the point at polar cosine w and azimuth
/// phi about mu (vMF and cap samplers). out: 3 numbers.
void pointAbout(const double mu[3], double w, double phi, double* out);

/// The target's samples retracted to the sphere (any 3D target becomes a law on S^2, its
/// radial projection); bounds [-1.2, 1.2]^3, no Gaussian mixture (the projection of one is
/// not a mixture).
std::unique_ptr<Target> onSphere(std::unique_ptr<Target> target);

}  // namespace driftlab
