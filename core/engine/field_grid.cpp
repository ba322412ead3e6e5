#include "engine/field_grid.h"

#include <algorithm>
#include <cmath>
#include <vector>

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

namespace {

/// The quantities only some layers draw (GridRequest's flags).
void sampleExtras(Simulation& sim, const GridRequest& request, FieldGrid& grid) {
  if (request.curl) {
    const FieldJacobians j = sim.jacobiansAt(grid.points);
    const Eigen::Index n = grid.points.rows();
    const bool planar = grid.points.cols() == 2;
    grid.curl.resize(n);
    for (Eigen::Index i = 0; i < n; ++i) grid.curl[i] = planar ? scalarCurl(j, i) : curlNorm(j, i);
    // A scale for "how large is a curl here": the colour range of a gradient's curl (rounding
    // only) is floored at a fraction of it instead of stretching noise over the whole ramp.
    std::vector<double> norms;
    norms.reserve(std::size_t(n));
    for (Eigen::Index i = 0; i < n; ++i)
      if (const double f = j.jacobian.row(i).norm(); std::isfinite(f)) norms.push_back(f);
    if (!norms.empty()) {
      auto at = norms.begin() + std::ptrdiff_t(0.9 * double(norms.size() - 1));
      std::nth_element(norms.begin(), at, norms.end());
      grid.jacobianScale = *at;
    }
  }
  if (request.halves) {
    FieldHalves h = sim.halvesAt(grid.points);
    grid.attraction = std::move(h.attraction);
    grid.repulsion = std::move(h.repulsion);
  }
  if (request.decomposition && grid.hasDecomposition) {
    if (auto parts = sim.decompositionAt(grid.points)) {
      grid.companion = std::move(parts->companion);
      grid.residual = std::move(parts->residual);
    }
  }
}

}  // namespace

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
  grid.conservativeField = sim.field().conservative();
  grid.hasDecomposition = hasLaplaceDecomposition(sim.field());
  sampleExtras(sim, request, grid);
  return grid;
}

}  // namespace driftlab
