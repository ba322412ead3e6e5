#pragma once
/// LayerStack: owns the render layers, feeds them the newest snapshot on the GUI thread, asks
/// the engine for the display grid only while a layer needs it, switches the view between 2D
/// and 3D, fits the camera, and draws a one-line caption and a colour bar for every colour
/// scale shown. Captions, sprites and lines scale with the view's device pixel ratio. Layer
/// state round-trips through the scene's "layers" and "camera" JSON objects.
#include <vtkNew.h>
#include <vtkTextActor.h>
#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <memory>
#include <vector>

#include "layers/layer.h"

namespace driftlab::ui {

class VtkView;
class EngineBridge;
class ParticleLayer;
class TrailLayer;
class ColorBars;
class SphereLayer;

class LayerStack : public QObject {
  Q_OBJECT
 public:
  LayerStack(VtkView* view, EngineBridge* bridge, QObject* parent = nullptr);
  ~LayerStack() override;

  const std::vector<std::unique_ptr<Layer>>& layers() const { return m_layers; }
  Layer* layer(const QString& id) const;
  ParticleLayer* particles() const { return m_particles; }
  /// The scene runs on the sphere (manifold: sphere): grid layers are hidden (Layer::
  /// supportsSphere) and the unit sphere is drawn (also for a vmf-mixture target in R^3).
  bool onSphere() const { return m_onSphere; }
  bool sphereDrawn() const;
  TrailLayer* trails() const { return m_trails; }

  void setLayerEnabled(const QString& id, bool enabled);
  void setQuantity(DensityQuantity quantity);
  DensityQuantity quantity() const { return m_quantity; }
  /// Re-feeds the current snapshot to every shown layer (after a setting changed) and repaints.
  void refresh();
  void resetCamera();
  /// Whether a shown layer reads the display grid.
  bool gridWanted() const;
  /// The grid last requested from the engine (with the extras the shown layers draw).
  const GridRequest& gridRequest() const { return m_grid; }
  /// Titles of the colour bars shown, then the colour notes (e.g. the initial-position hue).
  QStringList colorBarTitles() const;
  /// The caption's font size in device pixels (15 logical pixels times the pixel ratio).
  int captionFontSize() const;
  /// Asks the engine to sample the grid at the current step (the running request samples it
  /// only every few steps).
  void requestFreshGrid();

  /// Recording (issue 15): frames must not depend on wall time, so the particle draw budget
  /// stops adapting to slow frames (every particle is drawn) and the in-view caption can be
  /// hidden (the recorder draws its own caption band).
  void setRecordingMode(bool recording, bool showCaption);
  /// Text put before the caption (the split view names its sides); empty: none.
  void setCaptionPrefix(const QString& prefix) { m_captionPrefix = prefix; }
  /// The caption's text for a snapshot: flow, h (or tau), N, M, step and time (pf-ode: its
  /// diffusion time t instead of h and the summed steps).
  static QString captionText(const Snapshot& snapshot);

  /// The scene's "layers" object: visibility per layer id plus display settings.
  QString layersJson() const;
  void applyLayersJson(const QString& json);
  /// The scene's "camera" object (position, focal_point, view_up, parallel_scale).
  QString cameraJson() const;
  /// Applies `json` at the next snapshot (after the view's 2D/3D mode is known); "{}" or
  /// invalid JSON: fit the camera to the data instead.
  void setPendingCamera(const QString& json);

 public slots:
  void showSnapshot(std::shared_ptr<const Snapshot> snapshot);

 signals:
  void layerToggled(const QString& id, bool enabled);
  /// Display settings (colour mode, sizes, quantity) changed, e.g. from a loaded scene.
  void settingsChanged();
  /// The scene moved onto or off the sphere (the layer panel greys out the grid layers).
  void sphereChanged(bool onSphere);

 private:
  void updateGrid();
  /// Whether the display grid is wanted but not of the snapshot's step.
  bool gridIsStale(const Snapshot& snapshot) const;
  /// Asks for a grid of a paused snapshot's own step (after kFreshGridDelayMs), and returns to
  /// the running rate once it came.
  void keepPausedGridCurrent(const Snapshot& snapshot);
  void updateCaption(const Snapshot& snapshot);
  /// Applies the view's device pixel ratio to the layers and the caption when it changed.
  void applyPixelRatio();
  /// force: also within kColorBarMs of the last refresh (a layer or a setting changed).
  void updateColorBars(bool force = false);
  bool applyCamera(const QString& json);
  void computeBounds(const Snapshot& snapshot);
  /// After each frame: halves or doubles the particle draw budget when frames stay slow
  /// (> kSlowFrameMs) or fast (< kFastFrameMs) for a while.
  void adaptDrawBudget();

  VtkView* m_view;
  EngineBridge* m_bridge;
  std::vector<std::unique_ptr<Layer>> m_layers;
  ParticleLayer* m_particles = nullptr;
  TrailLayer* m_trails = nullptr;
  DensityQuantity m_quantity = DensityQuantity::kDifference;
  std::shared_ptr<const Snapshot> m_snapshot;
  std::uint64_t m_layoutSeen = 0;
  double m_bounds[6] = {-1, 1, -1, 1, 0, 0};
  double m_extent = 1.0;
  int m_dim = 0;
  GridRequest m_grid;
  QString m_pendingCamera;
  bool m_cameraPending = true;
  bool m_autoFit = true;  ///< refit on resize until the user moves the camera
  vtkNew<vtkTextActor> m_caption;
  std::unique_ptr<ColorBars> m_colorBars;
  std::unique_ptr<SphereLayer> m_sphere;  ///< not a panel toggle: follows the scene
  bool m_onSphere = false;
  QElapsedTimer m_sinceColorBars;  ///< ranges refresh at most every kColorBarMs
  QTimer m_colorBarsLater;         ///< the refresh a throttled update still owes
  static constexpr int kFreshGridDelayMs = 120;
  QTimer m_freshGridLater;        ///< a paused snapshot's grid is older than its step
  bool m_freshGridAsked = false;  ///< requestFreshGrid() was called for a paused state
  QStringList m_barTitles;        ///< titles at the last refresh (a change refreshes at once)
  double m_pixelRatio = 0.0;
  int m_slowFrames = 0, m_fastFrames = 0;
  bool m_recording = false;
  QString m_captionPrefix;
};

}  // namespace driftlab::ui
