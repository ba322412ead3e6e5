#pragma once
/// `driftlab field SCENE.json --points F.csv [--jacobian] [--steps K] [--out F]` (SPEC §6):
/// the flow's velocity (and its closed-form Jacobian) at arbitrary points, with the particles
/// and data of the scene after K steps.
#include <iosfwd>
#include <string>
#include <vector>

#include "base/point_set.h"

namespace driftlab {

/// args: the words after "field". Returns the exit code (run_command.h); the CSV goes to `out`
/// (or atomically to --out), one-line messages to `err`.
int fieldCommand(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

/// Reads a points CSV: header exactly x0..x{dim-1}, then one row of `dim` finite numbers per
/// point (blank lines ignored). Throws InputError naming --points and the column or row.
PointSet readPointsCsv(std::istream& in, int dim);

}  // namespace driftlab
