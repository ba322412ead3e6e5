#pragma once
/// VtkView: our Qt 6 adapter that renders a vtkGenericOpenGLRenderWindow inside a
/// QOpenGLWidget (VTK 9.1's own Qt module is built for Qt 5; see ARCHITECTURE.md) and forwards
/// mouse, wheel and key events to a vtkGenericRenderWindowInteractor (never Start()ed: Qt owns
/// the event loop).
#include <vtkGenericOpenGLRenderWindow.h>
#include <vtkGenericRenderWindowInteractor.h>
#include <vtkInteractorStyle.h>
#include <vtkNew.h>
#include <vtkRenderer.h>
#include <vtkSmartPointer.h>
#include <QElapsedTimer>
#include <QOpenGLWidget>

namespace driftlab::ui {

class VtkView : public QOpenGLWidget {
  Q_OBJECT
 public:
  explicit VtkView(QWidget* parent = nullptr);
  ~VtkView() override;

  vtkRenderer* renderer() const;
  vtkGenericOpenGLRenderWindow* renderWindow() const;
  vtkGenericRenderWindowInteractor* interactor() const;

  /// 2D: orthographic camera looking down -z, pan/zoom style. 3D: perspective, orbit style.
  void setThreeD(bool threeD);
  bool isThreeD() const { return m_threeD; }
  /// Fits the camera to bounds (xmin, xmax, ymin, ymax, zmin, zmax) with a small margin.
  void fitCamera(const double bounds[6]);
  /// Frames painted during the last full second.
  double framesPerSecond() const { return m_fps; }
  /// Total number of frames painted so far.
  qint64 framesPainted() const { return m_frames; }
  /// Wall time of the last paintGL() in milliseconds.
  double lastPaintMs() const { return m_lastPaintMs; }

 signals:
  /// Emitted after each paintGL().
  void framePainted();
  /// The user moved the camera (drag or wheel).
  void cameraChanged();
  /// The widget got a new size.
  void resized();

 protected:
  void initializeGL() override;
  void resizeGL(int w, int h) override;
  void paintGL() override;
  void mousePressEvent(QMouseEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void mouseMoveEvent(QMouseEvent* event) override;
  void mouseDoubleClickEvent(QMouseEvent* event) override;
  void wheelEvent(QWheelEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;
  void keyReleaseEvent(QKeyEvent* event) override;
  void enterEvent(QEnterEvent* event) override;
  void leaveEvent(QEvent* event) override;

 private:
  void onRenderWindowEvent(vtkObject* caller, unsigned long eventId, void* callData);
  void setEventPosition(const QPointF& pos, Qt::KeyboardModifiers mods, int repeat = 0);
  void countFrame();

  vtkNew<vtkGenericOpenGLRenderWindow> m_window;
  vtkNew<vtkGenericRenderWindowInteractor> m_interactor;
  vtkNew<vtkRenderer> m_renderer;
  vtkSmartPointer<vtkInteractorStyle> m_panZoomStyle, m_orbitStyle;
  bool m_threeD = false;
  QElapsedTimer m_fpsClock;
  int m_framesThisSecond = 0;
  double m_fps = 0.0;
  qint64 m_frames = 0;
  double m_lastPaintMs = 0.0;
};

}  // namespace driftlab::ui
