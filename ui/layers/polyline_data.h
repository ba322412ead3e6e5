#pragma once
/// Assigns points, polyline cells and per-point RGB colours to a vtkPolyData in one place,
/// for the layers that rebuild line geometry every frame (arrows, trails).
class vtkActor;
class vtkDataArray;
class vtkIdTypeArray;
class vtkPolyData;
class vtkPolyDataMapper;

namespace driftlab::ui {

/// coords: 3 components per point; offsets/connectivity: VTK's cell-array layout (offsets has
/// one entry more than there are lines); rgb: 3 bytes per point. Marks `poly` modified.
void setPolylines(vtkPolyData* poly, vtkDataArray* coords, vtkIdTypeArray* offsets,
                  vtkIdTypeArray* connectivity, vtkDataArray* rgb);

/// Wires `actor` to draw `poly` through `mapper` with its per-point RGB as is (no lookup
/// table), unlit and not pickable; the geometry changes every frame (static mapper).
void setUpPolylineActor(vtkPolyData* poly, vtkPolyDataMapper* mapper, vtkActor* actor);

}  // namespace driftlab::ui
