#include "presenter_mode.h"

#include <QApplication>
#include <QDockWidget>
#include <QKeyEvent>
#include <QMenuBar>
#include <QStatusBar>
#include <QTimer>
#include <QWindow>

#include "caption_overlay.h"
#include "engine_bridge.h"
#include "help_overlay.h"
#include "layer_stack.h"
#include "layers/particle_layer.h"
#include "main_window.h"
#include "vtk_view.h"

namespace driftlab::ui {

PresenterMode::PresenterMode(MainWindow* window) : QObject(window), m_window(window) {
  setObjectName("presenter");
  connect(window->bridge(), &EngineBridge::snapshotArrived, this, [this] {
    if (m_active) updateStepText();
  });
}

bool PresenterMode::isBlanked() const {
  return m_window->captionOverlay()->isBlanked();
}

void PresenterMode::setActive(bool active) {
  if (active == m_active) return;
  if (active)
    enterNow();
  else
    leaveNow();
  m_active = active;
  emit activeChanged(active);
}

void PresenterMode::enterNow() {
  MainWindow* w = m_window;
  m_dockState = w->saveState();
  m_geometry = w->geometry();
  m_windowState = w->windowState();
  m_menuBarShown = w->menuBar()->isVisible();
  m_statusBarShown = w->statusBar()->isVisible();
  CaptionOverlay* overlay = w->captionOverlay();
  m_captionShown = overlay->isCaptionShown();
  m_captionScale = overlay->scale();
  m_particleSize = w->layerStack()->particles()->pointSize();

  for (QDockWidget* dock : w->findChildren<QDockWidget*>())
    if (!(m_curvesWanted && dock->objectName() == "dock.curves")) dock->hide();
  w->menuBar()->hide();
  w->statusBar()->hide();
  if (m_fullScreen) w->setWindowState(m_windowState | Qt::WindowFullScreen);
  overlay->setScale(kScale);
  overlay->setCaptionShown(true);
  w->layerStack()->particles()->setPointSize(m_particleSize * kScale);
  w->layerStack()->refresh();
  qApp->installEventFilter(this);
  w->view()->setFocus(Qt::OtherFocusReason);
  m_active = true;
  updateStepText();
}

void PresenterMode::leaveNow() {
  MainWindow* w = m_window;
  qApp->removeEventFilter(this);
  CaptionOverlay* overlay = w->captionOverlay();
  overlay->setBlanked(false);
  overlay->setStepText({});
  overlay->setScale(m_captionScale);
  overlay->setCaptionShown(m_captionShown);
  w->layerStack()->particles()->setPointSize(m_particleSize);
  w->layerStack()->refresh();
  if (w->windowState() != m_windowState) {
    w->setWindowState(m_windowState);
    w->setGeometry(m_geometry);  // restoreGeometry() shifts by a guessed frame
  }
  w->menuBar()->setVisible(m_menuBarShown);
  w->statusBar()->setVisible(m_statusBarShown);
  w->restoreState(m_dockState);
  // A window manager answers the state change later; lay the docks out again once it has.
  QTimer::singleShot(250, w, [this, state = m_dockState] {
    if (!m_active) m_window->restoreState(state);
  });
}

void PresenterMode::updateStepText() {
  m_window->captionOverlay()->setStepText(stepCaption(*m_window->bridge()->current()));
}

void PresenterMode::next() {
  emit nextRequested();
  if (!m_navigationTaken) m_window->bridge()->stepOnce();
}

void PresenterMode::previous() {
  emit previousRequested();
  if (!m_navigationTaken) m_window->bridge()->stepBack();
}

void PresenterMode::toggleBlank() {
  CaptionOverlay* overlay = m_window->captionOverlay();
  overlay->setBlanked(!overlay->isBlanked());
}

bool PresenterMode::belongsToWindow(QObject* object) const {
  if (auto* widget = qobject_cast<QWidget*>(object)) return widget->window() == m_window;
  if (auto* window = qobject_cast<QWindow*>(object)) return window == m_window->windowHandle();
  return false;
}

bool PresenterMode::isPresenterKey(const QKeyEvent& key) {
  if (key.modifiers() & (Qt::ControlModifier | Qt::AltModifier | Qt::MetaModifier)) return false;
  static const QList<int> keys{Qt::Key_Right, Qt::Key_PageDown, Qt::Key_Left,   Qt::Key_PageUp,
                               Qt::Key_Space, Qt::Key_B,        Qt::Key_Escape, Qt::Key_F5};
  return keys.contains(key.key());
}

bool PresenterMode::eventFilter(QObject* watched, QEvent* event) {
  const QEvent::Type type = event->type();
  if ((type != QEvent::KeyPress && type != QEvent::ShortcutOverride) || !m_active ||
      !belongsToWindow(watched))
    return false;
  auto* key = static_cast<QKeyEvent*>(event);
  if (!isPresenterKey(*key)) return false;
  // Esc over the help overlay (F1) closes the help first, as outside presenter mode.
  if (key->key() == Qt::Key_Escape && m_window->helpOverlay()->isVisible()) return false;
  // ShortcutOverride: claim the key so that the window's own shortcut (Right = step, Esc, F5)
  // does not fire; the key press that follows is ours.
  event->accept();
  if (type == QEvent::ShortcutOverride) return true;
  switch (key->key()) {
    case Qt::Key_Right:
    case Qt::Key_PageDown:
      next();
      break;
    case Qt::Key_Left:
    case Qt::Key_PageUp:
      previous();
      break;
    case Qt::Key_Space:
      m_window->bridge()->togglePlay();
      break;
    case Qt::Key_B:
      if (!key->isAutoRepeat()) toggleBlank();
      break;
    default:  // Escape, F5
      if (!key->isAutoRepeat()) setActive(false);
      break;
  }
  return true;
}

}  // namespace driftlab::ui
