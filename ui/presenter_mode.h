#pragma once
/// PresenterMode (issue 16, F5 / Esc): the window as a projector slide. Hides the control dock
/// (and the curves dock unless curves are wanted), the menu and status bars, goes full screen,
/// draws the scene's caption and a step counter in larger type, enlarges the particle sprites,
/// and takes the keyboard: Right/PageDown next, Left/PageUp previous, Space play/pause, B blank
/// and unblank, Esc (or F5) leave. Leaving restores the window exactly (docks, sizes, bars).
///
/// Tour hook: "next" and "previous" are signals. By default they step the simulation once
/// forward or back; a tour player that calls setNavigationTaken(true) gets the signals alone.
#include <QByteArray>
#include <QObject>
#include <QRect>

class QEvent;
class QKeyEvent;

namespace driftlab::ui {

class MainWindow;

class PresenterMode : public QObject {
  Q_OBJECT
 public:
  /// How much larger type and sprites get on a projector.
  static constexpr double kScale = 1.6;

  explicit PresenterMode(MainWindow* window);

  bool isActive() const { return m_active; }
  /// Keep the curves dock visible while presenting (a scene or tour step that wants curves).
  void setCurvesWanted(bool wanted) { m_curvesWanted = wanted; }
  bool curvesWanted() const { return m_curvesWanted; }
  /// Whether entering goes full screen (headless captures present at a fixed size).
  void setFullScreenEnabled(bool enabled) { m_fullScreen = enabled; }
  /// A tour player owns next/previous: the signals are emitted but nothing steps.
  void setNavigationTaken(bool taken) { m_navigationTaken = taken; }
  bool isNavigationTaken() const { return m_navigationTaken; }
  bool isBlanked() const;

 public slots:
  void setActive(bool active);
  void enter() { setActive(true); }
  void leave() { setActive(false); }
  void next();
  void previous();
  void toggleBlank();

 signals:
  void activeChanged(bool active);
  /// Right / PageDown in presenter mode.
  void nextRequested();
  /// Left / PageUp in presenter mode.
  void previousRequested();

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  /// Whether presenter mode takes this key (Right, PageDown, Left, PageUp, Space, B, Esc, F5).
  static bool isPresenterKey(const QKeyEvent& key);
  bool belongsToWindow(QObject* object) const;
  void enterNow();
  void leaveNow();
  void updateStepText();

  MainWindow* m_window;
  bool m_active = false;
  bool m_curvesWanted = false;
  bool m_fullScreen = true;
  bool m_navigationTaken = false;
  // What entering changed, put back on leaving.
  QByteArray m_dockState;
  QRect m_geometry;
  Qt::WindowStates m_windowState;
  bool m_menuBarShown = true, m_statusBarShown = true, m_captionShown = true;
  double m_particleSize = 5.0, m_captionScale = 1.0;
};

}  // namespace driftlab::ui
