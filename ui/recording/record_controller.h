#pragma once
/// RecordController: the window's recording commands (issue 15). File > Record... opens the
/// RecordDialog and records offline (its own engine and offscreen view, lockstep, from step 0 of
/// the scene as it is now, with its layers and camera) behind a progress dialog with the time
/// left and Cancel; the window's own run is paused meanwhile and resumed after. The live toggle
/// records what the view shows. The result's path goes to the status bar with an "Open folder"
/// button. The settings are kept for the scene's `record` object.
#include <QObject>
#include <QString>
#include <functional>

#include "scene/record_settings.h"
#include "scene/scene_config.h"

class QPushButton;
class QStatusBar;
class QWidget;

namespace driftlab::ui {

class VtkView;
class EngineBridge;
class LiveRecorder;

class RecordController : public QObject {
  Q_OBJECT
 public:
  using MessageFn = std::function<void(const QString& text, bool error)>;
  /// scene: gives the current scene (with layers and camera) when a recording starts.
  RecordController(QWidget* window, VtkView* view, EngineBridge* bridge, QStatusBar* status,
                   std::function<SceneConfig()> scene, MessageFn message);
  ~RecordController() override;

  const RecordSettings& settings() const { return m_settings; }
  /// From a loaded scene's `record` object ("{}": the defaults).
  void setSettingsJson(const std::string& json);
  std::string settingsJson() const;

  /// Opens the dialog; records when the user accepts.
  void showDialog();
  /// Records offline with a modal progress dialog. Returns whether a file was written.
  bool recordOffline(const RecordSettings& settings, const QString& target);
  /// Starts or stops the live recording (into the settings' format, beside the last target).
  void toggleLive();
  bool isLive() const;
  LiveRecorder* live() const { return m_live; }
  /// The folder of the last finished recording (what "Open folder" opens).
  QString lastFolder() const { return m_lastFolder; }

 signals:
  void liveChanged(bool recording);

 private:
  void finished(const QString& path);
  QString defaultTarget(const std::string& format) const;

  QWidget* m_window;
  VtkView* m_view;
  EngineBridge* m_bridge;
  std::function<SceneConfig()> m_scene;
  MessageFn m_message;
  RecordSettings m_settings;
  QString m_target;
  QString m_lastFolder;
  LiveRecorder* m_live;
  QPushButton* m_openFolder;
};

}  // namespace driftlab::ui
