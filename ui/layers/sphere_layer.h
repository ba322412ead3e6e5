#pragma once
/// SphereLayer (3D): the unit sphere S^2 behind flows on it (manifold: sphere, or a
/// vmf-mixture target): a translucent surface slightly inside the sphere (so that particles on
/// it stay in front) and a latitude-longitude grid every 30 degrees. Not a toggle of the layer
/// panel: LayerStack shows it exactly while the scene is on the sphere.
#include <vtkActor.h>
#include <vtkNew.h>
#include <vtkPolyData.h>
#include <vtkPolyDataMapper.h>
#include <vtkSphereSource.h>

#include "layers/layer.h"

namespace driftlab::ui {

class SphereLayer : public Layer {
 public:
  SphereLayer();
  bool supportsDim(int dim) const override { return dim == 3; }
  bool savedInScene() const override { return false; }
  void update(const Snapshot&, const LayerFrame&) override {}
  /// Whether a scene is drawn on the sphere: manifold sphere, or a vmf-mixture target.
  static bool wantedFor(const SceneConfig& scene);

 private:
  vtkNew<vtkSphereSource> m_surface;
  vtkNew<vtkPolyDataMapper> m_surfaceMapper;
  vtkNew<vtkActor> m_surfaceActor;
  vtkNew<vtkPolyData> m_grid;
  vtkNew<vtkPolyDataMapper> m_gridMapper;
  vtkNew<vtkActor> m_gridActor;
};

}  // namespace driftlab::ui
