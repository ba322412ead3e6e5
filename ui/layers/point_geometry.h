#pragma once
/// Conversions from the core's PointSets (n x d doubles, row-major) to VTK arrays, written
/// straight into the arrays' memory so that 200,000 particles cost one pass per frame.
#include <vtkSmartPointer.h>

#include "base/point_set.h"

class vtkCellArray;
class vtkFloatArray;

namespace driftlab::ui {

/// Writes every `stride`-th row of X (n x d; d = 1: y = 0; d = 2: z = 0; d > 3: first three
/// axes) into `coords` (3 components, resized to ceil(n / stride) tuples).
void fillCoordinates(const PointSet& X, vtkFloatArray* coords, Eigen::Index stride = 1);
/// One vertex cell per point 0..n-1.
vtkSmartPointer<vtkCellArray> vertexCells(vtkIdType n);
/// Axis-aligned bounds (xmin, xmax, ymin, ymax, zmin, zmax) of the first min(d, 3) axes.
void pointBounds(const PointSet& X, double bounds[6]);
/// A robust scale of row norms: the q-quantile of |row| over at most 4096 evenly strided rows.
double normQuantile(const PointSet& V, double q);

}  // namespace driftlab::ui
