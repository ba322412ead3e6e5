#pragma once
/// Layer: one toggleable part of the picture (particles, data, field glyphs, densities, ...).
/// A layer owns its VTK props; LayerStack feeds it snapshots on the GUI thread and only while
/// it is shown, so hidden layers cost nothing.
#include <vtkProp3D.h>
#include <vtkSmartPointer.h>
#include <QKeySequence>
#include <QString>
#include <optional>
#include <vector>

#include "layers/color_maps.h"

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

/// What a layer's colours mean: a ramp over [lo, hi] (drawn as a colour bar), or, for colours
/// that are not a scale (e.g. a hue wheel), a one-line note.
struct ColorLegend {
  QString title;
  std::optional<ColorMap> map;  ///< none: `title` is a note, no bar
  double lo = 0.0, hi = 1.0;
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
  /// Whether the layer means something on the sphere S^2 (manifold: sphere). The grid layers
  /// sample the field and the KDEs on a box of R^d, off the sphere: hidden there.
  virtual bool supportsSphere() const { return !needsGrid(); }
  /// Sets the extra grid quantities this layer draws (GridRequest's curl, halves, ...): the
  /// engine computes them only while a layer that asks for them is shown.
  virtual void addGridExtras(GridRequest&) const {}
  /// Whether the scene's "layers" object records it (transient tools such as the Inspector
  /// do not: the scene parser knows the saved layer ids).
  virtual bool savedInScene() const { return true; }

  void attach(vtkRenderer* renderer);
  void setEnabled(bool enabled);
  bool isEnabled() const { return m_enabled; }
  void setDim(int dim);
  int dim() const { return m_dim; }
  /// The scene runs on the sphere (LayerStack sets it from each snapshot's scene).
  void setOnSphere(bool onSphere);
  bool isShown() const {
    return m_enabled && supportsDim(m_dim) && (!m_onSphere || supportsSphere());
  }

  /// Rebuilds the layer's VTK data from `snapshot`.
  virtual void update(const Snapshot& snapshot, const LayerFrame& frame) = 0;
  /// What its colours mean now (nothing for one-colour layers or before the first update).
  virtual std::optional<ColorLegend> legend() const { return std::nullopt; }
  /// A short remark for the view's caption line (empty: none), e.g. why nothing is drawn.
  virtual QString captionNote() const { return {}; }

  /// Device pixels per logical pixel of the view (2 on a 2x screen): line widths, and sprite
  /// sizes in the layers that have them, scale with it.
  void setPixelRatio(double ratio);
  double pixelRatio() const { return m_pixelRatio; }

 protected:
  void addProp(vtkProp3D* prop);
  /// Called after the pixel ratio changed (sprite layers rescale their points).
  virtual void pixelRatioChanged() {}

 private:
  void applyVisibility();

  QString m_id, m_title;
  QKeySequence m_shortcut;
  double m_zOrder;
  bool m_enabled = true;
  int m_dim = 2;
  bool m_onSphere = false;
  double m_pixelRatio = 1.0;
  std::vector<vtkSmartPointer<vtkProp3D>> m_props;
};

}  // namespace driftlab::ui
