#pragma once
/// Basic numerical types shared by the whole core.
#include <Eigen/Core>
#include <cstddef>

namespace driftlab {

/// Points: n x d, row-major so that point i is the contiguous span row(i).
using PointSet = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using PointRef = Eigen::Ref<PointSet>;
using ConstPointRef = Eigen::Ref<const PointSet>;
using Vector = Eigen::VectorXd;

/// Largest dimension the core supports (kernels are instantiated for 1..kMaxDim).
inline constexpr int kMaxDim = 8;

}  // namespace driftlab
