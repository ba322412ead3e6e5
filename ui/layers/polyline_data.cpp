#include "layers/polyline_data.h"

#include <vtkActor.h>
#include <vtkCellArray.h>
#include <vtkIdTypeArray.h>
#include <vtkNew.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkProperty.h>

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

void setUpPolylineActor(vtkPolyData* poly, vtkPolyDataMapper* mapper, vtkActor* actor) {
  mapper->SetInputData(poly);
  mapper->SetColorModeToDirectScalars();
  mapper->ScalarVisibilityOn();
  mapper->StaticOn();
  actor->SetMapper(mapper);
  actor->GetProperty()->LightingOff();
  actor->PickableOff();
}

}  // namespace driftlab::ui
