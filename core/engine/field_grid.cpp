#include "engine/field_grid.h"

#include <cmath>

namespace driftlab {

PointSet gridPoints(const std::vector<double>& lo, const std::vector<double>& hi, int resolution) {
  const int d = static_cast<int>(lo.size());
  Eigen::Index count = 1;
  for (int k = 0; k < d; ++k) count *= resolution;
  PointSet pts(count, d);
  for (Eigen::Index i = 0; i < count; ++i) {
    Eigen::Index rest = i;
    for (int k = 0; k < d; ++k) {
      const Eigen::Index idx = rest % resolution;
      rest /= resolution;
      const double t = resolution > 1 ? double(idx) / (resolution - 1) : 0.5;
      pts(i, k) = lo[k] + t * (hi[k] - lo[k]);
    }
  }
  return pts;
}

FieldGrid sampleFieldGrid(Simulation& sim, const GridRequest& request) {
  FieldGrid grid;
  grid.step = sim.stepIndex();
  const int d = sim.scene().dim;
  if ((d != 2 && d != 3) || static_cast<int>(request.lo.size()) != d ||
      static_cast<int>(request.hi.size()) != d || request.resolution < 2)
    return grid;
  grid.resolution = request.resolution;
  grid.lo = request.lo;
  grid.hi = request.hi;
  grid.points = gridPoints(request.lo, request.hi, request.resolution);
  grid.velocity = sim.fieldAt(grid.points);
  sim.logDensitiesAt(grid.points, grid.logP, grid.logQ);
  return grid;
}

}  // namespace driftlab
