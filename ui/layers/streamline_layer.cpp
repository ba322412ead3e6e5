#include "layers/streamline_layer.h"

#include <vtkFloatArray.h>
#include <vtkLookupTable.h>
#include <vtkPointData.h>
#include <vtkPoints.h>
#include <vtkProperty.h>
#include <vtkRungeKutta4.h>
#include <algorithm>
#include <cmath>

#include "layers/color_maps.h"
#include "layers/point_geometry.h"

namespace driftlab::ui {

namespace {

/// The grid velocity as an image with point vectors "velocity" and scalars "speed".
void fillVelocityImage(const FieldGrid& grid, vtkImageData* image) {
  const int d = int(grid.lo.size());
  const int res = grid.resolution;
  double spacing[3] = {1, 1, 1}, origin[3] = {0, 0, 0};
  for (int k = 0; k < d; ++k) {
    spacing[k] = (grid.hi[k] - grid.lo[k]) / (res - 1);
    origin[k] = grid.lo[k];
  }
  image->SetDimensions(res, res, d == 3 ? res : 1);
  image->SetOrigin(origin);
  image->SetSpacing(spacing);
  const vtkIdType n = vtkIdType(grid.velocity.rows());
  vtkNew<vtkFloatArray> velocity, speed;
  velocity->SetName("velocity");
  velocity->SetNumberOfComponents(3);
  velocity->SetNumberOfTuples(n);
  speed->SetName("speed");
  speed->SetNumberOfTuples(n);
  float* v = velocity->GetPointer(0);
  float* s = speed->GetPointer(0);
  for (vtkIdType i = 0; i < n; ++i) {
    double norm2 = 0.0;
    for (int k = 0; k < 3; ++k) {
      const double x = k < d ? grid.velocity(i, k) : 0.0;
      v[3 * i + k] = std::isfinite(x) ? float(x) : 0.0f;
      norm2 += double(v[3 * i + k]) * v[3 * i + k];
    }
    s[i] = float(std::sqrt(norm2));
  }
  image->GetPointData()->SetVectors(velocity);
  image->GetPointData()->AddArray(speed);
  image->Modified();
}

}  // namespace

StreamlineLayer::StreamlineLayer()
    : Layer("streamlines", QStringLiteral("Streamlines"), QKeySequence("S"), -3.5) {
  vtkNew<vtkRungeKutta4> rk4;
  m_tracer->SetIntegrator(rk4);
  m_tracer->SetInputData(m_image);
  m_tracer->SetSourceData(m_seeds);
  m_tracer->SetInputArrayToProcess(0, 0, 0, vtkDataObject::FIELD_ASSOCIATION_POINTS, "velocity");
  m_tracer->SetIntegrationDirectionToBoth();
  m_tracer->SetIntegrationStepUnit(vtkStreamTracer::CELL_LENGTH_UNIT);
  m_tracer->SetInitialIntegrationStep(0.3);
  m_tracer->SetMaximumNumberOfSteps(600);
  m_tracer->SetComputeVorticity(false);
  m_mapper->SetInputConnection(m_tracer->GetOutputPort());
  m_mapper->SetScalarModeToUsePointFieldData();
  m_mapper->SelectColorArray("speed");
  m_mapper->SetColorModeToMapScalars();
  m_mapper->ScalarVisibilityOn();
  m_actor->SetMapper(m_mapper);
  m_actor->GetProperty()->LightingOff();
  m_actor->GetProperty()->SetOpacity(0.9);
  m_actor->PickableOff();
  addProp(m_actor);
  addProp(m_arrows.actor());
  setEnabled(false);
}

void StreamlineLayer::setSeeds(const FieldGrid& grid) {
  const int d = int(grid.lo.size());
  const int per = d == 2 ? kSeeds2D : kSeeds3D;
  vtkNew<vtkPoints> points;
  const int nz = d == 3 ? per : 1;
  for (int z = 0; z < nz; ++z)
    for (int y = 0; y < per; ++y)
      for (int x = 0; x < per; ++x) {
        const int idx[3] = {x, y, z};
        double p[3] = {0, 0, 0};
        // Cell centres of a per^d subdivision of the box: no seed on its boundary.
        for (int k = 0; k < d; ++k)
          p[k] = grid.lo[k] + (idx[k] + 0.5) / per * (grid.hi[k] - grid.lo[k]);
        points->InsertNextPoint(p);
      }
  m_seeds->SetPoints(points);
  m_seeds->Modified();
}

void StreamlineLayer::update(const Snapshot& snapshot, const LayerFrame&) {
  const auto& grid = snapshot.grid;
  if (!grid || grid == m_shown || grid->resolution < 2) return;
  if (grid->velocity.rows() != grid->points.rows()) return;
  m_shown = grid;
  const int d = int(grid->lo.size());
  fillVelocityImage(*grid, m_image);
  setSeeds(*grid);
  double diagonal = 0.0, cell = 1e300;
  for (int k = 0; k < d; ++k) {
    const double w = grid->hi[k] - grid->lo[k];
    diagonal += w * w;
    cell = std::min(cell, w / (d == 2 ? kSeeds2D : kSeeds3D));
  }
  m_tracer->SetMaximumPropagation(0.35 * std::sqrt(diagonal));
  m_scale = std::max(normQuantile(grid->velocity, 0.9), 1e-300);
  // Stop where the flow has (nearly) come to rest: the particles' fixed points.
  m_tracer->SetTerminalSpeed(1e-4 * m_scale);
  const ColorMap& map = ColorMap::field();
  m_mapper->SetLookupTable(map.lookupTable(0.0, m_scale));
  m_mapper->SetScalarRange(0.0, m_scale);
  m_tracer->Update();

  // One arrow per seed, a third of the seed spacing long, in the colour of its speed.
  std::vector<float> tails, vectors;
  std::vector<unsigned char> colors;
  const ColorMap arrowMap = map.lightened(0.3f);
  vtkPoints* seeds = m_seeds->GetPoints();
  for (vtkIdType s = 0; s < seeds->GetNumberOfPoints(); ++s) {
    double p[3], v[3] = {0, 0, 0};
    seeds->GetPoint(s, p);
    const vtkIdType i = m_image->FindPoint(p);
    if (i < 0) continue;
    m_image->GetPointData()->GetVectors()->GetTuple(i, v);
    const double mag = std::sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    if (!(mag > 1e-4 * m_scale)) continue;
    const Rgb c = arrowMap.at(mag / m_scale);
    for (int k = 0; k < 3; ++k) {
      tails.push_back(float(p[k]));
      vectors.push_back(float(0.33 * cell * v[k] / mag));
      colors.push_back(static_cast<unsigned char>(255 * c[k]));
    }
  }
  m_arrows.set(tails, vectors, colors);
}

vtkIdType StreamlineLayer::pointCount() const {
  auto* out = vtkPolyData::SafeDownCast(m_tracer->GetOutputDataObject(0));
  return out ? out->GetNumberOfPoints() : 0;
}

std::optional<ColorLegend> StreamlineLayer::legend() const {
  if (!m_shown) return std::nullopt;
  return ColorLegend{QStringLiteral("streamlines |v|"), ColorMap::field(), 0.0, m_scale};
}

}  // namespace driftlab::ui
