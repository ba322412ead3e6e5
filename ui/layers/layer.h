#pragma once
/// Layer: one toggleable part of the picture (particles, data, field glyphs, densities, ...).
/// A layer owns its VTK props; LayerStack feeds it snapshots on the GUI thread and only while
/// it is shown, so hidden layers cost nothing.
#include <vtkProp3D.h>
#include <vtkSmartPointer.h>
#include <QKeySequence>
#include <QString>
#include <vector>

#include "engine/snapshot.h"

class vtkRenderer;

namespace driftlab::ui {

/// Which KDE the density layers show.
enum class DensityQuantity { kP, kQ, kDifference };

/// What a layer needs to know about the frame besides the snapshot.
struct LayerFrame {
  int dim = 2;
  bool newLayout = false;  ///< particles or data were re-laid (scene change, reset, N, M)
  double extent = 1.0;     ///< diagonal of the data's bounding box (a length scale)
  DensityQuantity quantity = DensityQuantity::kDifference;
};

class Layer {
 public:
  /// zOrder: depth order in the 2D view (larger is nearer the viewer).
  Layer(QString id, QString title, QKeySequence shortcut, double zOrder);
  virtual ~Layer();
  Layer(const Layer&) = delete;
  Layer& operator=(const Layer&) = delete;

  const QString& id() const { return m_id; }
  const QString& title() const { return m_title; }
  const QKeySequence& shortcut() const { return m_shortcut; }
  virtual bool supportsDim(int dim) const { return dim == 2 || dim == 3; }
  /// Whether the layer reads Snapshot::grid (the engine samples it only when needed).
  virtual bool needsGrid() const { return false; }

  void attach(vtkRenderer* renderer);
  void setEnabled(bool enabled);
  bool isEnabled() const { return m_enabled; }
  void setDim(int dim);
  int dim() const { return m_dim; }
  bool isShown() const { return m_enabled && supportsDim(m_dim); }

  /// Rebuilds the layer's VTK data from `snapshot`.
  virtual void update(const Snapshot& snapshot, const LayerFrame& frame) = 0;

 protected:
  void addProp(vtkProp3D* prop);

 private:
  void applyVisibility();

  QString m_id, m_title;
  QKeySequence m_shortcut;
  double m_zOrder;
  bool m_enabled = true;
  int m_dim = 2;
  std::vector<vtkSmartPointer<vtkProp3D>> m_props;
};

}  // namespace driftlab::ui
