#include "vtk_view.h"

#include <vtkCallbackCommand.h>
#include <vtkCamera.h>
#include <vtkCommand.h>
#include <vtkRendererCollection.h>
#include <QKeyEvent>
#include <QMouseEvent>
#include <QOpenGLContext>
#include <QOpenGLFunctions>
#include <QWheelEvent>

#include "orbit_style.h"
#include "pan_zoom_style.h"

namespace driftlab::ui {

namespace {

/// VTK key symbols for the keys that have no printable text.
const char* keySymbol(int key) {
  switch (key) {
    case Qt::Key_Left:
      return "Left";
    case Qt::Key_Right:
      return "Right";
    case Qt::Key_Up:
      return "Up";
    case Qt::Key_Down:
      return "Down";
    case Qt::Key_Escape:
      return "Escape";
    case Qt::Key_Return:
      return "Return";
    case Qt::Key_Space:
      return "space";
    case Qt::Key_Shift:
      return "Shift_L";
    case Qt::Key_Control:
      return "Control_L";
    default:
      return nullptr;
  }
}

}  // namespace

VtkView::VtkView(QWidget* parent) : QOpenGLWidget(parent) {
  setFocusPolicy(Qt::StrongFocus);
  setMouseTracking(true);
  setMinimumSize(240, 180);

  // Rendering only happens inside paintGL, where Qt has made our context current.
  m_window->SetReadyForRendering(false);
  m_window->SetMultiSamples(0);
  m_window->AddRenderer(m_renderer);
  m_renderer->SetBackground(0.075, 0.082, 0.102);
  m_renderer->SetBackground2(0.150, 0.160, 0.190);
  m_renderer->GradientBackgroundOn();

  m_interactor->SetRenderWindow(m_window);
  // The interactor's Render() requests a Qt repaint instead of rendering outside paintGL.
  m_interactor->EnableRenderOff();
  m_interactor->Initialize();

  vtkNew<vtkCallbackCommand> windowEvents;
  windowEvents->SetClientData(this);
  windowEvents->SetCallback([](vtkObject* caller, unsigned long id, void* client, void* data) {
    static_cast<VtkView*>(client)->onRenderWindowEvent(caller, id, data);
  });
  m_window->AddObserver(vtkCommand::WindowMakeCurrentEvent, windowEvents);
  m_window->AddObserver(vtkCommand::WindowIsCurrentEvent, windowEvents);
  vtkNew<vtkCallbackCommand> renderRequest;
  renderRequest->SetClientData(this);
  renderRequest->SetCallback([](vtkObject*, unsigned long, void* client, void*) {
    static_cast<VtkView*>(client)->update();
  });
  m_interactor->AddObserver(vtkCommand::RenderEvent, renderRequest);

  m_panZoomStyle = vtkSmartPointer<PanZoomStyle>::New();
  m_orbitStyle = vtkSmartPointer<OrbitStyle>::New();
  m_panZoomStyle->SetDefaultRenderer(m_renderer);
  m_orbitStyle->SetDefaultRenderer(m_renderer);
  setThreeD(false);
  m_fpsClock.start();
}

VtkView::~VtkView() {
  m_window->RemoveAllObservers();
  if (isValid()) {
    // Release VTK's GL resources while their context still exists.
    makeCurrent();
    m_window->Finalize();
    doneCurrent();
  }
  m_window->SetReadyForRendering(false);
}

vtkRenderer* VtkView::renderer() const {
  return m_renderer;
}
vtkGenericOpenGLRenderWindow* VtkView::renderWindow() const {
  return m_window;
}
vtkGenericRenderWindowInteractor* VtkView::interactor() const {
  return m_interactor;
}

void VtkView::onRenderWindowEvent(vtkObject*, unsigned long eventId, void* callData) {
  switch (eventId) {
    case vtkCommand::WindowMakeCurrentEvent:
      // QOpenGLWidget::makeCurrent() also binds the widget's framebuffer behind the back of
      // VTK's GL state cache; inside paintGL (the context is current) that would send VTK's
      // own framebuffer attachments to Qt's framebuffer. Only switch when really needed.
      if (QOpenGLContext::currentContext() != context()) makeCurrent();
      break;
    case vtkCommand::WindowIsCurrentEvent:
      *static_cast<bool*>(callData) = QOpenGLContext::currentContext() == context();
      break;
    default:
      break;
  }
}

void VtkView::setThreeD(bool threeD) {
  m_threeD = threeD;
  vtkCamera* cam = m_renderer->GetActiveCamera();
  cam->SetParallelProjection(!threeD);
  m_interactor->SetInteractorStyle(threeD ? m_orbitStyle.Get() : m_panZoomStyle.Get());
  if (!threeD) {
    cam->SetViewUp(0, 1, 0);
  }
}

void VtkView::fitCamera(const double bounds[6]) {
  vtkCamera* cam = m_renderer->GetActiveCamera();
  const double cx = 0.5 * (bounds[0] + bounds[1]), cy = 0.5 * (bounds[2] + bounds[3]);
  const double cz = 0.5 * (bounds[4] + bounds[5]);
  const double wx = std::max(bounds[1] - bounds[0], 1e-6);
  const double wy = std::max(bounds[3] - bounds[2], 1e-6);
  const double wz = std::max(bounds[5] - bounds[4], 1e-6);
  const double aspect = height() > 0 ? double(width()) / height() : 1.0;
  if (!m_threeD) {
    const double half = 0.5 * 1.08 * std::max(wy, wx / aspect);
    cam->SetFocalPoint(cx, cy, 0.0);
    cam->SetPosition(cx, cy, 10.0 * std::max(wx, wy));
    cam->SetViewUp(0, 1, 0);
    cam->SetParallelScale(half);
  } else {
    const double radius = 0.5 * std::sqrt(wx * wx + wy * wy + wz * wz);
    // The bounding sphere just fits; a little closer still shows everything that matters.
    const double dist =
        0.85 * radius / std::sin(0.5 * cam->GetViewAngle() * 3.14159265358979 / 180.0);
    cam->SetFocalPoint(cx, cy, cz);
    // A three-quarter view from the front right, z up.
    const double dir[3] = {0.55, -0.70, 0.45};
    const double n = std::sqrt(dir[0] * dir[0] + dir[1] * dir[1] + dir[2] * dir[2]);
    cam->SetPosition(cx + dist * dir[0] / n, cy + dist * dir[1] / n, cz + dist * dir[2] / n);
    cam->SetViewUp(0, 0, 1);
  }
  m_renderer->ResetCameraClippingRange();
  update();
}

void VtkView::initializeGL() {
  m_window->SetReadyForRendering(true);
  m_window->InitializeFromCurrentContext();
  const qreal dpr = devicePixelRatioF();
  m_interactor->UpdateSize(int(width() * dpr), int(height() * dpr));
}

void VtkView::resizeGL(int w, int h) {
  const qreal dpr = devicePixelRatioF();
  m_interactor->UpdateSize(int(w * dpr), int(h * dpr));
  m_window->SetSize(int(w * dpr), int(h * dpr));
  emit resized();
}

void VtkView::paintGL() {
  QElapsedTimer clock;
  clock.start();
  m_window->SetFrameBlitModeToBlitToCurrent();
  m_renderer->ResetCameraClippingRange();
  m_window->Render();
  // VTK leaves the background alpha at 0; make the widget's framebuffer opaque so that the
  // composed window and grabs are not see-through.
  QOpenGLFunctions* f = context()->functions();
  GLboolean mask[4];
  GLfloat clear[4];
  f->glGetBooleanv(GL_COLOR_WRITEMASK, mask);
  f->glGetFloatv(GL_COLOR_CLEAR_VALUE, clear);
  f->glColorMask(GL_FALSE, GL_FALSE, GL_FALSE, GL_TRUE);
  f->glClearColor(0.f, 0.f, 0.f, 1.f);
  f->glClear(GL_COLOR_BUFFER_BIT);
  f->glColorMask(mask[0], mask[1], mask[2], mask[3]);
  f->glClearColor(clear[0], clear[1], clear[2], clear[3]);
  m_lastPaintMs = double(clock.nsecsElapsed()) / 1e6;
  countFrame();
  emit framePainted();
}

void VtkView::countFrame() {
  ++m_frames;
  ++m_framesThisSecond;
  const qint64 ms = m_fpsClock.elapsed();
  if (ms >= 1000) {
    m_fps = 1000.0 * m_framesThisSecond / double(ms);
    m_framesThisSecond = 0;
    m_fpsClock.restart();
  }
}

void VtkView::setEventPosition(const QPointF& pos, Qt::KeyboardModifiers mods, int repeat) {
  const qreal dpr = devicePixelRatioF();
  m_interactor->SetEventInformationFlipY(int(pos.x() * dpr + 0.5), int(pos.y() * dpr + 0.5),
                                         (mods & Qt::ControlModifier) ? 1 : 0,
                                         (mods & Qt::ShiftModifier) ? 1 : 0, 0, repeat);
  m_interactor->SetAltKey((mods & Qt::AltModifier) ? 1 : 0);
}

void VtkView::mousePressEvent(QMouseEvent* event) {
  setEventPosition(event->position(), event->modifiers());
  switch (event->button()) {
    case Qt::LeftButton:
      m_interactor->InvokeEvent(vtkCommand::LeftButtonPressEvent);
      break;
    case Qt::MiddleButton:
      m_interactor->InvokeEvent(vtkCommand::MiddleButtonPressEvent);
      break;
    case Qt::RightButton:
      m_interactor->InvokeEvent(vtkCommand::RightButtonPressEvent);
      break;
    default:
      break;
  }
  event->accept();
}

void VtkView::mouseDoubleClickEvent(QMouseEvent* event) {
  setEventPosition(event->position(), event->modifiers(), 1);
  mousePressEvent(event);
}

void VtkView::mouseReleaseEvent(QMouseEvent* event) {
  setEventPosition(event->position(), event->modifiers());
  switch (event->button()) {
    case Qt::LeftButton:
      m_interactor->InvokeEvent(vtkCommand::LeftButtonReleaseEvent);
      break;
    case Qt::MiddleButton:
      m_interactor->InvokeEvent(vtkCommand::MiddleButtonReleaseEvent);
      break;
    case Qt::RightButton:
      m_interactor->InvokeEvent(vtkCommand::RightButtonReleaseEvent);
      break;
    default:
      break;
  }
  emit cameraChanged();
  event->accept();
}

void VtkView::mouseMoveEvent(QMouseEvent* event) {
  setEventPosition(event->position(), event->modifiers());
  m_interactor->InvokeEvent(vtkCommand::MouseMoveEvent);
  event->accept();
}

void VtkView::wheelEvent(QWheelEvent* event) {
  setEventPosition(event->position(), event->modifiers());
  const int delta = event->angleDelta().y();
  if (delta > 0)
    m_interactor->InvokeEvent(vtkCommand::MouseWheelForwardEvent);
  else if (delta < 0)
    m_interactor->InvokeEvent(vtkCommand::MouseWheelBackwardEvent);
  emit cameraChanged();
  event->accept();
}

void VtkView::keyPressEvent(QKeyEvent* event) {
  const QByteArray text = event->text().toLatin1();
  const char* sym = keySymbol(event->key());
  const char code = text.isEmpty() ? 0 : text[0];
  m_interactor->SetKeyEventInformation((event->modifiers() & Qt::ControlModifier) ? 1 : 0,
                                       (event->modifiers() & Qt::ShiftModifier) ? 1 : 0, code,
                                       event->isAutoRepeat() ? 1 : 0,
                                       sym ? sym : (text.isEmpty() ? nullptr : text.constData()));
  m_interactor->InvokeEvent(vtkCommand::KeyPressEvent);
  if (code) m_interactor->InvokeEvent(vtkCommand::CharEvent);
  QOpenGLWidget::keyPressEvent(event);
}

void VtkView::keyReleaseEvent(QKeyEvent* event) {
  m_interactor->InvokeEvent(vtkCommand::KeyReleaseEvent);
  QOpenGLWidget::keyReleaseEvent(event);
}

void VtkView::enterEvent(QEnterEvent* event) {
  m_interactor->InvokeEvent(vtkCommand::EnterEvent);
  QOpenGLWidget::enterEvent(event);
}

void VtkView::leaveEvent(QEvent* event) {
  m_interactor->InvokeEvent(vtkCommand::LeaveEvent);
  QOpenGLWidget::leaveEvent(event);
}

}  // namespace driftlab::ui
