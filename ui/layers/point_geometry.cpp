#include "layers/point_geometry.h"

#include <vtkCellArray.h>
#include <vtkFloatArray.h>
#include <vtkIdTypeArray.h>
#include <algorithm>
#include <cmath>
#include <vector>

namespace driftlab::ui {

void fillCoordinates(const PointSet& X, vtkFloatArray* coords, Eigen::Index stride) {
  stride = std::max<Eigen::Index>(1, stride);
  const vtkIdType n = vtkIdType((X.rows() + stride - 1) / stride);
  const int d = std::min<int>(int(X.cols()), 3);
  coords->SetNumberOfComponents(3);
  coords->SetNumberOfTuples(n);
  float* out = coords->GetPointer(0);
  const double* in = X.data();
  const Eigen::Index cols = X.cols();
  for (vtkIdType i = 0; i < n; ++i) {
    const double* row = in + i * stride * cols;
    float* o = out + 3 * i;
    o[0] = float(row[0]);
    o[1] = d > 1 ? float(row[1]) : 0.0f;
    o[2] = d > 2 ? float(row[2]) : 0.0f;
  }
  coords->Modified();
}

vtkSmartPointer<vtkCellArray> vertexCells(vtkIdType n) {
  auto offsets = vtkSmartPointer<vtkIdTypeArray>::New();
  auto connectivity = vtkSmartPointer<vtkIdTypeArray>::New();
  offsets->SetNumberOfValues(n + 1);
  connectivity->SetNumberOfValues(n);
  for (vtkIdType i = 0; i < n; ++i) {
    offsets->SetValue(i, i);
    connectivity->SetValue(i, i);
  }
  offsets->SetValue(n, n);
  auto cells = vtkSmartPointer<vtkCellArray>::New();
  cells->SetData(offsets, connectivity);
  return cells;
}

void pointBounds(const PointSet& X, double b[6]) {
  for (int k = 0; k < 3; ++k) {
    b[2 * k] = 0.0;
    b[2 * k + 1] = 0.0;
  }
  if (X.rows() == 0) return;
  const int d = std::min<int>(int(X.cols()), 3);
  for (int k = 0; k < d; ++k) {
    b[2 * k] = X.col(k).minCoeff();
    b[2 * k + 1] = X.col(k).maxCoeff();
  }
}

double normQuantile(const PointSet& V, double q) {
  const Eigen::Index n = V.rows();
  if (n == 0) return 0.0;
  const Eigen::Index stride = std::max<Eigen::Index>(1, n / 4096);
  std::vector<double> norms;
  norms.reserve(std::size_t(n / stride + 1));
  for (Eigen::Index i = 0; i < n; i += stride) {
    const double s = V.row(i).norm();
    if (std::isfinite(s)) norms.push_back(s);
  }
  if (norms.empty()) return 0.0;
  const auto k = std::size_t(std::clamp(q, 0.0, 1.0) * double(norms.size() - 1));
  std::nth_element(norms.begin(), norms.begin() + std::ptrdiff_t(k), norms.end());
  return norms[k];
}

}  // namespace driftlab::ui
