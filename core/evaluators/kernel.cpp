#include "evaluators/kernel.h"

#include "base/input_error.h"
#include "evaluators/kernel_sum_backend.h"

#include <numbers>

namespace driftlab {

double gaussianLogNormaliser(int dim, double h) {
  return -0.5 * dim * std::log(2.0 * std::numbers::pi * h * h);
}

int prepareKernelSums(ConstPointRef queries, ConstPointRef sources, KernelSums& out) {
  const int d = static_cast<int>(queries.cols());
  if (sources.cols() != d && sources.rows() > 0)
    throw InputError("dim", "queries and sources differ in dimension");
  out.resize(queries.rows(), d);
  return d;
}

}  // namespace driftlab
