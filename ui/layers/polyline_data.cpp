#include "layers/polyline_data.h"

#include <vtkCellArray.h>
#include <vtkIdTypeArray.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>

namespace driftlab::ui {

void setPolylines(vtkPolyData* poly, vtkDataArray* coords, vtkIdTypeArray* offsets,
                  vtkIdTypeArray* connectivity, vtkDataArray* rgb) {
  vtkNew<vtkCellArray> lines;
  lines->SetData(offsets, connectivity);
  vtkNew<vtkPoints> points;
  points->SetData(coords);
  poly->SetPoints(points);
  poly->SetLines(lines);
  poly->GetPointData()->SetScalars(rgb);
  poly->Modified();
}

}  // namespace driftlab::ui
