#pragma once
/// Assigns points, polyline cells and per-point RGB colours to a vtkPolyData in one place,
/// for the layers that rebuild line geometry every frame (arrows, trails).
class vtkDataArray;
class vtkIdTypeArray;
class vtkPolyData;

namespace driftlab::ui {

/// coords: 3 components per point; offsets/connectivity: VTK's cell-array layout (offsets has
/// one entry more than there are lines); rgb: 3 bytes per point. Marks `poly` modified.
void setPolylines(vtkPolyData* poly, vtkDataArray* coords, vtkIdTypeArray* offsets,
                  vtkIdTypeArray* connectivity, vtkDataArray* rgb);

}  // namespace driftlab::ui
