#include "evaluators/kernel.h"

#include <numbers>

namespace driftlab {

double gaussianLogNormaliser(int dim, double h) {
  return -0.5 * dim * std::log(2.0 * std::numbers::pi * h * h);
}

}  // namespace driftlab
