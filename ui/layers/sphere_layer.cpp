#include "layers/sphere_layer.h"

#include <vtkCellArray.h>
#include <vtkPoints.h>
#include <vtkProperty.h>
#include <cmath>
#include <numbers>

namespace driftlab::ui {

namespace {

constexpr double kPi = std::numbers::pi;
constexpr double kGridDegrees = 30.0;
constexpr int kSegments = 96;             ///< per full circle
constexpr double kSurfaceRadius = 0.985;  ///< inside the particles' radius 1

/// Parallels (latitudes -60..60 every 30 degrees) and meridians (every 30 degrees, pole to
/// pole) on the unit sphere, as polylines.
void buildGrid(vtkPolyData* poly) {
  vtkNew<vtkPoints> points;
  vtkNew<vtkCellArray> lines;
  auto at = [](double lat, double lon) {
    return std::array<double, 3>{std::cos(lat) * std::cos(lon), std::cos(lat) * std::sin(lon),
                                 std::sin(lat)};
  };
  const double step = kGridDegrees * kPi / 180.0;
  for (double lat = -kPi / 2 + step; lat < kPi / 2 - 1e-9; lat += step) {
    lines->InsertNextCell(kSegments + 1);
    for (int s = 0; s <= kSegments; ++s)
      lines->InsertCellPoint(points->InsertNextPoint(at(lat, 2 * kPi * s / kSegments).data()));
  }
  for (double lon = 0; lon < 2 * kPi - 1e-9; lon += step) {
    lines->InsertNextCell(kSegments / 2 + 1);
    for (int s = 0; s <= kSegments / 2; ++s)
      lines->InsertCellPoint(
          points->InsertNextPoint(at(-kPi / 2 + kPi * s / (kSegments / 2), lon).data()));
  }
  poly->SetPoints(points);
  poly->SetLines(lines);
}

}  // namespace

SphereLayer::SphereLayer() : Layer("sphere", QStringLiteral("Sphere"), QKeySequence(), -3.0) {
  m_surface->SetRadius(kSurfaceRadius);
  m_surface->SetThetaResolution(72);
  m_surface->SetPhiResolution(48);
  m_surfaceMapper->SetInputConnection(m_surface->GetOutputPort());
  m_surfaceActor->SetMapper(m_surfaceMapper);
  m_surfaceActor->GetProperty()->SetColor(0.28, 0.36, 0.50);
  m_surfaceActor->GetProperty()->SetOpacity(0.6);
  m_surfaceActor->GetProperty()->SetSpecular(0.2);
  m_surfaceActor->PickableOff();
  buildGrid(m_grid);
  m_gridMapper->SetInputData(m_grid);
  m_gridMapper->ScalarVisibilityOff();
  m_gridActor->SetMapper(m_gridMapper);
  m_gridActor->GetProperty()->SetColor(0.62, 0.68, 0.78);
  m_gridActor->GetProperty()->SetOpacity(0.35);
  m_gridActor->GetProperty()->LightingOff();
  m_gridActor->PickableOff();
  addProp(m_surfaceActor);
  addProp(m_gridActor);
  setEnabled(false);
}

bool SphereLayer::wantedFor(const SceneConfig& scene) {
  return scene.dim == 3 && (scene.manifold == "sphere" || scene.targetName == "vmf-mixture");
}

}  // namespace driftlab::ui
