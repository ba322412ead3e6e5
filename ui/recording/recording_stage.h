#pragma once
/// RecordingStage: the offline recorder's own copy of the display (issue 15): an engine it
/// drives step by step (through EngineBridge, commands and snapshots only), a VtkView and a
/// CurvesPanel at the sizes the frame layout gives, never shown on screen
/// (Qt::WA_DontShowOnScreen), so frames depend on the scene and the settings, not on the
/// window or the machine's speed.
#include <QImage>
#include <QString>
#include <QStringList>
#include <memory>
#include <vector>

#include "recording/frame_composer.h"
#include "scene/record_settings.h"
#include "scene/scene_config.h"

namespace driftlab {
struct DiagnosticRow;
struct Snapshot;
}  // namespace driftlab

namespace driftlab::ui {

class EngineBridge;
class VtkView;
class LayerStack;
class CurvesPanel;

class RecordingStage {
 public:
  /// scene: validated (its layers and camera are applied as in the window).
  RecordingStage(const SceneConfig& scene, const RecordSettings& settings);
  ~RecordingStage();

  /// Creates the OpenGL view; false with one line when it cannot (no display).
  bool initialise(QString* error);
  /// Steps the engine to `step` (one StepOnce at a time) and shows every step to the layers
  /// and the curves. False with the engine's one-line error (e.g. a non-finite state).
  bool advanceTo(std::int64_t step, QString* error);
  /// Tours: applies a step's scene (validated; `fresh`: a new run from step 0) and waits until
  /// the engine shows it; false with the engine's one-line error.
  bool applyScene(const SceneConfig& scene, bool fresh, QString* error);
  /// Tours: a step's layers, camera and curves ("" / empty: unchanged).
  void applyDisplay(const QString& layersJson, const QString& cameraJson,
                    const QStringList& curves);
  /// Tours: the caption band shows `text` instead of the run's numbers, over `lines` lines.
  void setCaption(const QString& text, int lines);
  /// The frame at the current step: view, curves, caption and progress composed.
  QImage frame(double progress);
  /// The title card (settings.title, then the scene in one line) and the end card (the final
  /// step's caption and the last values of the diagnostics shown).
  QImage titleCard() const;
  QImage endCard() const;
  /// Diagnostic rows that arrived since the last call, oldest first (the recorder's CSV).
  std::vector<DiagnosticRow> takeRows();
  std::shared_ptr<const Snapshot> current() const;
  const FrameLayout& layout() const { return m_layout; }

 private:
  void settle();

  SceneConfig m_scene;
  RecordSettings m_settings;
  FrameLayout m_layout;
  std::unique_ptr<EngineBridge> m_bridge;
  std::unique_ptr<VtkView> m_view;
  std::unique_ptr<CurvesPanel> m_curves;
  std::unique_ptr<LayerStack> m_layers;
  std::vector<DiagnosticRow> m_rows;
  QString m_caption;  ///< tours: the step's caption
};

}  // namespace driftlab::ui
