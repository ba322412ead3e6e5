#pragma once
/// Runtime dimension -> compile-time dimension, for kernels templated on D.
#include <string>
#include <type_traits>

#include "base/input_error.h"
#include "base/point_set.h"

namespace driftlab {

/// Calls f(std::integral_constant<int, D>{}) with D = d for d in 1..kMaxDim; throws
/// InputError("dim", ...) otherwise.
template <class F>
decltype(auto) withDimension(int d, F&& f) {
  static_assert(kMaxDim == 8, "extend the cases below together with kMaxDim");
  switch (d) {
    case 1:
      return f(std::integral_constant<int, 1>{});
    case 2:
      return f(std::integral_constant<int, 2>{});
    case 3:
      return f(std::integral_constant<int, 3>{});
    case 4:
      return f(std::integral_constant<int, 4>{});
    case 5:
      return f(std::integral_constant<int, 5>{});
    case 6:
      return f(std::integral_constant<int, 6>{});
    case 7:
      return f(std::integral_constant<int, 7>{});
    case 8:
      return f(std::integral_constant<int, 8>{});
    default:
      throw InputError("dim", "got " + std::to_string(d), "1 to 8");
  }
}

}  // namespace driftlab
