#pragma once
/// Inspector: what pulls one particle (issue 16 item 5). Ctrl+click in the view picks a
/// particle (the nearest one drawn within a few pixels of the cursor) or, in 2D, any point
/// (the world point under the cursor at z = 0); in 3D only particles are picked. The dock lists
/// the point, its V+, V- and V (components and norms; for laplace also the sharp-companion
/// parts) and its heaviest kernel centres on each side; InspectorLayer draws the weights and
/// arrows. A picked particle is followed through the newest snapshots, a free point stays put;
/// the numbers are recomputed on the GUI thread from each snapshot's immutable arrays by
/// inspectPoint (core/fields/point_inspection.h), never from the engine's state. Esc or
/// View > Clear inspected point ends it.
#include <QDockWidget>
#include <QElapsedTimer>
#include <QTimer>
#include <memory>

#include "engine/snapshot.h"
#include "fields/point_inspection.h"

class QLabel;
class QTableWidget;

namespace driftlab::ui {

class VtkView;
class LayerStack;
class EngineBridge;
class InspectorLayer;

class Inspector : public QDockWidget {
  Q_OBJECT
 public:
  static constexpr int kNearest = 8;             ///< centres listed per side
  static constexpr double kSnapPixels = 10.0;    ///< 2D: a click this close picks the particle
  static constexpr double kPickPixels3D = 30.0;  ///< 3D: how far from a particle a click may be

  Inspector(VtkView* view, LayerStack* layers, EngineBridge* bridge, QWidget* parent = nullptr);
  ~Inspector() override;

  /// Inspects `point` (dim entries, world coordinates) in the newest snapshot; particle >= 0:
  /// that particle instead (its position, leave-one-out as the flow says; followed over time).
  void inspect(const Eigen::RowVectorXd& point, Eigen::Index particle = -1);
  /// Picks at a position in the view (logical pixels, Qt's top-left origin); false when
  /// nothing was picked (3D and no particle near the cursor).
  bool pickAt(const QPointF& viewPos);
  /// Ends the inspection: the layer hides, the panel empties.
  void clear();

  bool isInspecting() const { return m_active; }
  const PointInspection& inspection() const { return m_result; }
  /// Rows V+, V-, V (and the sharp parts): columns name, the d components, the norm. The exact
  /// double is in each number cell's Qt::UserRole.
  QTableWidget* vectorTable() const { return m_vectors; }
  /// Rows: the heaviest data centres, then particles; columns side, index, weight, distance.
  QTableWidget* centreTable() const { return m_centres; }
  QString headline() const;

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void showSnapshot(const std::shared_ptr<const Snapshot>& snapshot);
  /// Recomputes for the newest snapshot not shown yet (m_pending).
  void recomputePending();
  void recompute(const Snapshot& snapshot);
  void fillPanel(const Snapshot& snapshot);
  void fillCentres(const Snapshot& snapshot);

  VtkView* m_view;
  LayerStack* m_layers;
  EngineBridge* m_bridge;
  InspectorLayer* m_layer;
  QLabel *m_title, *m_formula, *m_note;
  QTableWidget *m_vectors, *m_centres;
  bool m_active = false;
  bool m_swallowRelease = false;
  Eigen::RowVectorXd m_point;
  Eigen::Index m_particle = -1;
  int m_dim = 0;
  PointInspection m_result;
  /// Large N: the GUI thread spends at most about a fifth of its time on the inspection.
  std::shared_ptr<const Snapshot> m_pending;
  QTimer m_later;
  QElapsedTimer m_sinceRecompute;
  double m_recomputeMs = 0.0;
};

}  // namespace driftlab::ui
