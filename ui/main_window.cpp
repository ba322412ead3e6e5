#include "main_window.h"

#include <QAbstractSpinBox>
#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDialog>
#include <QDockWidget>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMimeData>
#include <QResizeEvent>
#include <QSaveFile>
#include <QScrollArea>
#include <QSettings>
#include <QSplitter>
#include <QStackedLayout>
#include <QStatusBar>
#include <QStyle>
#include <QTabWidget>
#include <QVBoxLayout>
#include <cmath>
#include <tuple>

#include "about_dialog.h"
#include "base/input_error.h"
#include "caption_overlay.h"
#include "control_panel.h"
#include "curves_panel.h"
#include "draw_target_tool.h"
#include "engine_bridge.h"
#include "examples_menu.h"
#include "help_overlay.h"
#include "history_scrubber.h"
#include "inspector.h"
#include "layer_panel.h"
#include "layer_stack.h"
#include "presenter_mode.h"
#include "recent_scenes.h"
#include "recording/record_controller.h"
#include "scene/scene_json.h"
#include "split_view.h"
#include "sweep_panel.h"
#include "tour/tour.h"
#include "tour_player.h"
#include "vtk_view.h"

namespace driftlab::ui {

namespace {
QAction* addTo(QMenu* menu, QAction* action) {
  menu->addAction(action);
  return action;
}
}  // namespace

MainWindow::MainWindow(const SceneConfig& scene, MainWindowOptions options, QWidget* parent)
    : QMainWindow(parent), m_options(std::move(options)), m_scenePath(m_options.scenePath) {
  setObjectName("DriftLabMainWindow");
  setWindowIcon(QIcon(":/icons/driftlab.png"));
  m_bridge = new EngineBridge(scene, this);

  auto* central = new QWidget(this);
  auto* stack = new QStackedLayout(central);
  stack->setStackingMode(QStackedLayout::StackAll);
  auto* views = new QSplitter(central);  // the split view's right side goes beside the view
  m_view = new VtkView(views);
  m_view->setObjectName("view");
  views->addWidget(m_view);
  m_help = new HelpOverlay(central);
  m_caption = new CaptionOverlay(central);
  stack->addWidget(views);
  stack->addWidget(m_caption);
  stack->addWidget(m_help);
  stack->setCurrentWidget(views);
  setCentralWidget(central);

  m_layers = new LayerStack(m_view, m_bridge, this);
  buildDocks();
  m_inspector = new Inspector(m_view, m_layers, m_bridge, this);
  addDockWidget(Qt::RightDockWidgetArea, m_inspector);
  m_inspector->hide();  // shown by the first pick
  m_drawTool = new DrawTargetTool(m_view, m_bridge, this);
  buildStatusBar();
  m_recorder = new RecordController(
      this, m_view, m_bridge, statusBar(), [this] { return sceneForSaving(); },
      [this](const QString& text, bool error) { showMessage(text, error); });
  m_presenter = new PresenterMode(this);
  m_tour = new TourPlayer(this);
  // A tour's step caption goes to the caption overlay; in presenter mode, next and previous
  // walk the tour's steps while it plays.
  connect(m_tour, &TourPlayer::captionChanged, this,
          [this](const QString& title, const QString& text) {
            m_caption->setText(title, text);
            m_caption->setCaptionShown(!title.isEmpty() || !text.isEmpty());
          });
  connect(m_tour, &TourPlayer::activeChanged, m_presenter, &PresenterMode::setNavigationTaken);
  connect(m_presenter, &PresenterMode::nextRequested, this, [this] {
    if (m_tour->isActive()) m_tour->next();
  });
  connect(m_presenter, &PresenterMode::previousRequested, this, [this] {
    if (m_tour->isActive()) m_tour->previous();
  });
  m_split = new SplitView({m_bridge, m_view, m_layers, m_curves, views,
                           qobject_cast<QTabWidget*>(m_controlsDock->widget()),
                           [this](const QString& text, bool error) { showMessage(text, error); }},
                          this);
  buildMenus();
  applySceneDisplay(scene);

  connect(m_bridge, &EngineBridge::diagnosticsArrived, m_curves, &CurvesPanel::appendRows);
  connect(m_bridge, &EngineBridge::parameterChanged, m_curves, &CurvesPanel::addEvent);
  connect(m_bridge, &EngineBridge::inputError, this,
          [this](const QString& msg) { showMessage(msg, true); });
  connect(m_controls, &ControlPanel::inputError, this,
          [this](const QString& msg) { showMessage(msg, true); });
  connect(m_layerPanel, &LayerPanel::inputError, this,
          [this](const QString& msg) { showMessage(msg, true); });
  connect(m_bridge, &EngineBridge::engineError, this,
          [this](const QString& msg, const SceneConfig&) { showMessage(msg, true); });
  connect(m_bridge, &EngineBridge::sceneChanged, this, [this] {
    if (m_message->property("error").toBool()) showMessage(tr("applied"), false);
  });
  // A reset starts over: what the status bar said about the previous run no longer holds.
  connect(m_bridge, &EngineBridge::resetRequested, this, [this] { showMessage({}, false); });
  connect(qApp, &QApplication::focusChanged, this,
          [this](QWidget*, QWidget* now) { showFocusHint(now); });

  resize(1400, 900);
  if (m_options.persistSettings) {
    QSettings settings;
    restoreGeometry(settings.value("window/geometry").toByteArray());
    restoreState(settings.value("window/state").toByteArray());
  }
  updateTitle();
  // Edits (controls, layers) make the scene differ from its file until it is saved.
  connect(m_layers, &LayerStack::layerToggled, this, [this] { setWindowModified(true); });
  connect(m_layers, &LayerStack::settingsChanged, this, [this] { setWindowModified(true); });
  connect(m_bridge, &EngineBridge::parameterChanged, this, [this] { setWindowModified(true); });
  setAcceptDrops(true);
  m_bridge->poll();
  if (m_options.startRunning) m_bridge->play();
}

MainWindow::~MainWindow() {
  // ~QWidget hides the window, which moves the focus and emits QApplication::focusChanged while
  // this object is no longer a MainWindow: the slot would call showFocusHint() on it (UBSan:
  // member call on an object of type 'QWidget').
  disconnect(qApp, &QApplication::focusChanged, this, nullptr);
}

void MainWindow::buildDocks() {
  m_controls = new ControlPanel(m_bridge, this);
  m_layerPanel = new LayerPanel(m_layers, this);
  auto* tabs = new QTabWidget(this);
  for (auto [widget, title] : {std::pair<QWidget*, QString>{m_controls, tr("Simulation")},
                               {m_layerPanel, tr("Display")}}) {
    auto* scroll = new QScrollArea(tabs);
    scroll->setWidget(widget);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAsNeeded);  // narrow windows
    tabs->addTab(scroll, title);
  }
  auto* left = new QDockWidget(tr("Controls"), this);
  left->setObjectName("dock.controls");
  left->setWidget(tabs);
  addDockWidget(Qt::LeftDockWidgetArea, left);
  m_controlsDock = left;

  m_curves = new CurvesPanel(this);
  auto* bottom = new QDockWidget(tr("Diagnostics"), this);
  bottom->setObjectName("dock.curves");
  bottom->setWidget(m_curves);
  addDockWidget(Qt::BottomDockWidgetArea, bottom);
  m_curvesDock = bottom;
  resizeDocks({bottom}, {290}, Qt::Vertical);
  resizeDocks({left}, {340}, Qt::Horizontal);
}

QAction* MainWindow::makeAction(const QString& name, const QString& text, const QKeySequence& key) {
  auto* a = new QAction(text, this);
  a->setObjectName(name);
  if (!key.isEmpty()) {
    a->setShortcut(key);
    a->setShortcutContext(Qt::WindowShortcut);
    m_shortcutActions << a;
  }
  addAction(a);
  return a;
}

QAction* MainWindow::action(const QString& name) const {
  return findChild<QAction*>(name, Qt::FindDirectChildrenOnly);
}

void MainWindow::buildMenus() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  connect(addTo(file, makeAction("action.open", tr("&Open scene..."), QKeySequence::Open)),
          &QAction::triggered, this, [this] {
            const QString path = QFileDialog::getOpenFileName(this, tr("Open scene"), m_scenePath,
                                                              tr("Scenes and tours (*.json)"));
            if (!path.isEmpty()) openScene(path);
          });
  m_recent = new RecentScenes(
      file->addMenu(tr("Open &Recent")), m_options.persistSettings,
      [this](const QString& path) { return openScene(path); }, this);
  auto* examples = new ExamplesMenu(file);
  file->addMenu(examples);
  connect(examples, &ExamplesMenu::exampleChosen, this, [this](const QString& p) { openScene(p); });
  connect(addTo(file, makeAction("action.save", tr("&Save scene as..."), QKeySequence::Save)),
          &QAction::triggered, this, [this] {
            const QString path = QFileDialog::getSaveFileName(this, tr("Save scene"), m_scenePath,
                                                              tr("Scenes (*.json)"));
            if (!path.isEmpty()) saveScene(path);
          });
  connect(addTo(file, makeAction("action.screenshot", tr("Save s&creenshot..."),
                                 QKeySequence("Ctrl+Shift+S"))),
          &QAction::triggered, this, [this] {
            const QString path = QFileDialog::getSaveFileName(this, tr("Save screenshot"),
                                                              "driftlab.png", tr("PNG (*.png)"));
            if (path.isEmpty()) return;
            const bool ok = captureImage(false).save(path);
            showMessage(ok ? tr("screenshot saved to %1").arg(path)
                           : tr("screenshot: cannot write %1").arg(path),
                        !ok);
          });
  connect(addTo(file, makeAction("action.record", tr("&Record..."), QKeySequence("Ctrl+Shift+R"))),
          &QAction::triggered, m_recorder, &RecordController::showDialog);
  QAction* live = addTo(file, makeAction("action.record_live", tr("Record the view &live"),
                                         QKeySequence(Qt::Key_F9)));
  live->setCheckable(true);
  connect(live, &QAction::triggered, m_recorder, &RecordController::toggleLive);
  connect(m_recorder, &RecordController::liveChanged, live, &QAction::setChecked);
  connect(addTo(file, makeAction("action.export_csv", tr("&Export curves as CSV..."),
                                 QKeySequence("Ctrl+E"))),
          &QAction::triggered, this, [this] {
            const QString path = QFileDialog::getSaveFileName(this, tr("Export curves"),
                                                              "driftlab.csv", tr("CSV (*.csv)"));
            QString error;
            if (path.isEmpty()) return;
            const bool ok = m_curves->exportCsv(path, &error);
            showMessage(ok ? tr("curves written to %1").arg(path)
                           : tr("export: cannot write %1 (%2)").arg(path, error),
                        !ok);
          });
  file->addMenu(m_tour->toursMenu(file));
  file->addSeparator();
  connect(addTo(file, makeAction("action.quit", tr("&Quit"), QKeySequence::Quit)),
          &QAction::triggered, this, &QWidget::close);

  QMenu* sim = menuBar()->addMenu(tr("&Simulation"));
  QAction* play = makeAction("action.play", tr("Play / pause"), QKeySequence(Qt::Key_Space));
  QAction* step = makeAction("action.step", tr("Single step"), QKeySequence(Qt::Key_Right));
  QAction* back = makeAction("action.step_back", tr("Step back"), QKeySequence(Qt::Key_Left));
  QAction* reset = makeAction("action.reset", tr("Reset to step 0"), QKeySequence("R"));
  sim->addActions({play, step, back, reset});
  connect(play, &QAction::triggered, m_bridge, &EngineBridge::togglePlay);
  connect(step, &QAction::triggered, m_bridge, &EngineBridge::stepOnce);
  connect(back, &QAction::triggered, m_bridge, &EngineBridge::stepBack);
  connect(reset, &QAction::triggered, m_bridge, &EngineBridge::reset);

  QMenu* tour = menuBar()->addMenu(tr("T&our"));
  tour->setObjectName("menu.tour");
  for (auto [name, text, key, slot] :
       {std::tuple{"action.tour.next", tr("Next step"), QKeySequence(Qt::Key_PageDown),
                   &TourPlayer::next},
        {"action.tour.previous", tr("Previous step"), QKeySequence(Qt::Key_PageUp),
         &TourPlayer::previous},
        {"action.tour.restart", tr("Restart the tour"), QKeySequence("Ctrl+Home"),
         &TourPlayer::restart},
        {"action.tour.stop", tr("End the tour"), QKeySequence("Ctrl+End"), &TourPlayer::stop}})
    connect(addTo(tour, makeAction(name, text, key)), &QAction::triggered, m_tour, slot);

  QMenu* view = menuBar()->addMenu(tr("&View"));
  for (const auto& l : m_layers->layers()) {
    QAction* a = makeAction("action.layer." + l->id(), l->title(), l->shortcut());
    a->setCheckable(true);
    a->setChecked(l->isEnabled());
    view->addAction(a);
    const QString id = l->id();
    connect(a, &QAction::toggled, this, [this, id](bool on) { m_layers->setLayerEnabled(id, on); });
  }
  connect(m_layers, &LayerStack::layerToggled, this, [this](const QString& id, bool on) {
    if (QAction* a = action("action.layer." + id)) {
      const QSignalBlocker block(a);
      a->setChecked(on);
    }
  });
  view->addSeparator();
  QAction* camera =
      makeAction("action.reset_camera", tr("Reset camera"), QKeySequence(Qt::Key_Home));
  view->addAction(camera);
  connect(camera, &QAction::triggered, m_layers, &LayerStack::resetCamera);
  QAction* caption =
      makeAction("action.caption", tr("Scene caption (title and notes)"), QKeySequence("N"));
  caption->setCheckable(true);
  caption->setChecked(m_caption->isCaptionShown());
  view->addAction(caption);
  connect(caption, &QAction::toggled, m_caption, &CaptionOverlay::setCaptionShown);
  QAction* presenter =
      makeAction("action.presenter", tr("Presenter mode"), QKeySequence(Qt::Key_F5));
  presenter->setCheckable(true);
  view->addAction(presenter);
  connect(presenter, &QAction::toggled, m_presenter, &PresenterMode::setActive);
  connect(m_presenter, &PresenterMode::activeChanged, presenter, &QAction::setChecked);
  QAction* split = makeAction("action.split", tr("Split view (a second flow, same seed)"),
                              QKeySequence(Qt::Key_F6));
  split->setCheckable(true);
  view->addAction(split);
  connect(split, &QAction::toggled, m_split, &SplitView::setOpen);
  connect(m_split, &SplitView::openChanged, split, &QAction::setChecked);
  QAction* uninspect = makeAction("action.inspector_clear", tr("Clear inspected point (Esc)"), {});
  view->addAction(uninspect);
  connect(uninspect, &QAction::triggered, m_inspector, &Inspector::clear);
  QAction* draw =
      makeAction("action.draw_target", tr("Draw target (left drag paints, right drag erases)"),
                 QKeySequence("Shift+D"));
  draw->setCheckable(true);
  view->addAction(draw);
  connect(draw, &QAction::toggled, m_drawTool, &DrawTargetTool::setActive);
  connect(m_drawTool, &DrawTargetTool::activeChanged, draw, [draw](bool on) {
    const QSignalBlocker block(draw);
    draw->setChecked(on);
  });
  connect(m_drawTool, &DrawTargetTool::message, this, &MainWindow::showMessage);
  view->addSeparator();
  for (QDockWidget* dock : findChildren<QDockWidget*>()) view->addAction(dock->toggleViewAction());

  QAction* toView = makeAction("action.focus_view", tr("Back to the view (its shortcuts work)"),
                               QKeySequence(Qt::Key_Escape));
  view->addAction(toView);
  connect(toView, &QAction::triggered, this, [this] {
    m_help->hide();
    m_view->setFocus(Qt::ShortcutFocusReason);
  });
  connect(toView, &QAction::triggered, m_inspector, &Inspector::clear);

  QMenu* tools = menuBar()->addMenu(tr("&Tools"));
  QAction* sweep = makeAction("action.tools.rate_sweep", tr("Rate sweep..."), {});
  tools->addAction(sweep);
  connect(sweep, &QAction::triggered, this, &MainWindow::openSweepPanel);

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  QAction* keys = makeAction("action.help", tr("Keyboard shortcuts"), QKeySequence(Qt::Key_F1));
  help->addAction(keys);
  connect(keys, &QAction::triggered, this, [this] {
    m_help->setVisible(!m_help->isVisible());
    if (m_help->isVisible()) {
      m_help->raise();
      m_help->setFocus();
    }
  });
  QAction* about = help->addAction(tr("About DriftLab"));
  about->setObjectName("action.about");
  connect(about, &QAction::triggered, this, [this] {
    auto* dialog = new AboutDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
  });
  m_help->setActions(m_shortcutActions);
}

void MainWindow::buildStatusBar() {
  m_message = new QLabel(this);
  m_message->setObjectName("status.message");
  m_message->setMinimumWidth(120);
  statusBar()->addWidget(m_message, 1);
  m_hint = new QLabel(tr("Esc: back to the view and its shortcuts"), this);
  m_hint->setObjectName("status.hint");
  m_hint->setStyleSheet("color: #f2c46d;");
  m_hint->hide();
  statusBar()->addWidget(m_hint);
  statusBar()->addPermanentWidget(new HistoryScrubber(m_bridge, this));
  for (QLabel** label : {&m_step, &m_count, &m_rate, &m_eta, &m_fps, &m_backend}) {
    *label = new QLabel(this);
    statusBar()->addPermanentWidget(*label);
  }
  m_step->setObjectName("status.step");
  m_rate->setObjectName("status.rate");
  m_rate->setToolTip(
      tr("play: steps shown per second; compute: steps the engine can take per "
         "second (the speed slider limits the first)"));
  m_eta->setObjectName("status.eta");
  m_eta->setToolTip(
      tr("the step actually taken by the last step (eta, unless the step control "
         "shortened it)"));
  m_fps->setObjectName("status.fps");
  m_statusTimer.setInterval(250);
  connect(&m_statusTimer, &QTimer::timeout, this, &MainWindow::updateStatus);
  m_statusTimer.start();
  updateStatus();
}

QString MainWindow::rateText() const {
  const auto snap = m_bridge->current();
  return tr("play %1 steps/s  compute %2/s")
      .arg(m_bridge->playRate(), 0, 'f', 1)
      .arg(snap->stepsPerSecond, 0, 'g', 3);
}

void MainWindow::updateStatus() {
  const auto snap = m_bridge->current();
  m_step->setText(stepCaption(*snap));
  m_count->setText(tr("N %1").arg(snap->particles ? snap->particles->rows() : 0));
  m_rate->setText(rateText());
  // Shown once the engine reports it (0: not reported). Style and visibility only on a change:
  // each would re-polish and re-lay out the status bar, and repaint the whole window.
  const bool etaShown = snap->effectiveEta > 0;
  if (m_eta->isVisibleTo(this) != etaShown) m_eta->setVisible(etaShown);
  if (etaShown) m_eta->setText(tr("eta_eff %1").arg(snap->effectiveEta, 0, 'g', 3));
  // pf-ode steps on its own grid: a step below eta is not the step control binding.
  const bool binding =
      etaShown && snap->effectiveEta < snap->scene.eta && !std::isfinite(snap->diffusionTime);
  if (m_eta->property("binding").toBool() != binding) {
    m_eta->setProperty("binding", binding);
    m_eta->setStyleSheet(binding ? "color: #f2c46d;" : "");
  }
  m_fps->setText(tr("%1 frames/s").arg(m_view->framesPerSecond(), 0, 'f', 1));
  m_backend->setText(tr("backend %1").arg(QString::fromStdString(snap->backend)));
}

void MainWindow::showFocusHint(QWidget* now) {
  const bool editing = now && now != m_view && isAncestorOf(now) &&
                       (qobject_cast<QLineEdit*>(now) || qobject_cast<QAbstractSpinBox*>(now) ||
                        qobject_cast<QComboBox*>(now));
  m_hint->setVisible(editing);
}

void MainWindow::resizeEvent(QResizeEvent* event) {
  QMainWindow::resizeEvent(event);
  limitDocks();
}

void MainWindow::limitDocks() {
  constexpr int kControlsWidth = 330;
  const int separator = style()->pixelMetric(QStyle::PM_DockWidgetSeparatorExtent, nullptr, this);
  const int maxWidth = std::max(0, width() / 2 - separator);
  const int chrome = menuBar()->sizeHint().height() + statusBar()->sizeHint().height();
  // A few pixels to spare for the separators' and the status bar's real heights.
  const int maxHeight = std::max(0, height() - height() / 2 - chrome - 2 * separator - 6);
  m_controlsDock->setMinimumWidth(std::min(kControlsWidth, maxWidth));
  m_controlsDock->setMaximumWidth(maxWidth);
  m_curvesDock->setMaximumHeight(maxHeight);
}

void MainWindow::showMessage(const QString& text, bool error) {
  m_message->setText(text);
  m_message->setToolTip(text);
  m_message->setProperty("error", error);
  m_message->setStyleSheet(error ? "color: #ff7a6b;" : "");
}

QString MainWindow::statusMessage() const {
  return m_message->text();
}

void MainWindow::applySceneDisplay(const SceneConfig& scene) {
  m_layers->applyLayersJson(QString::fromStdString(scene.layersJson));
  m_layers->setPendingCamera(QString::fromStdString(scene.cameraJson));
  m_recorder->setSettingsJson(scene.recordJson);
  m_caption->setText(QString::fromStdString(scene.title), QString::fromStdString(scene.caption));
  if (QAction* caption = action("action.caption")) caption->setChecked(true);
  m_caption->setCaptionShown(true);
  m_split->applyScene(scene);
}

bool MainWindow::openScene(const QString& path) {
  // A tour file (File > Open, Open Recent, a drop) starts the tour instead.
  if (QFile file(path); file.open(QIODevice::ReadOnly) && file.size() < (64 << 20) &&
                        isTourText(file.readAll().toStdString())) {
    if (!m_tour->start(path)) return false;
    m_recent->add(path);
    return true;
  }
  SceneConfig scene;
  try {
    scene = loadScenePath(path);
  } catch (const InputError& e) {
    showMessage(QString::fromStdString(e.what()), true);
    return false;
  }
  if (!m_bridge->applyScene(scene)) return false;
  // An opened scene starts from its step 0, whatever ran before, and so do its curves.
  m_curves->clear();
  m_bridge->startFreshRun();
  applySceneDisplay(scene);
  m_scenePath = path;
  updateTitle();
  m_recent->add(path);
  showMessage(tr("opened %1").arg(path), false);
  if (m_options.persistSettings) QSettings().setValue("scene/last", path);
  return true;
}

SceneConfig MainWindow::sceneForSaving() const {
  SceneConfig scene = m_bridge->scene();
  scene.layersJson = m_layers->layersJson().toStdString();
  scene.cameraJson = m_layers->cameraJson().toStdString();
  scene.compareJson = m_split->compareJson();
  scene.recordJson = m_recorder->settings() == RecordSettings{} ? "{}" : m_recorder->settingsJson();
  return scene;
}

bool MainWindow::saveScene(const QString& path) {
  // Written whole or not at all (a temporary renamed over the target).
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly)) {
    showMessage(tr("save: cannot write %1 (%2)").arg(path, file.errorString()), true);
    return false;
  }
  file.write(QByteArray::fromStdString(sceneToJson(sceneForSaving())));
  if (!file.commit()) {
    showMessage(tr("save: cannot write %1 (%2)").arg(path, file.errorString()), true);
    return false;
  }
  m_scenePath = path;
  updateTitle();
  m_recent->add(path);
  showMessage(tr("saved %1").arg(path), false);
  if (m_options.persistSettings) QSettings().setValue("scene/last", path);
  return true;
}

void MainWindow::updateTitle() {
  setWindowTitle(m_scenePath.isEmpty() ? "DriftLab[*]"
                                       : "DriftLab - " + QFileInfo(m_scenePath).fileName() + "[*]");
  setWindowModified(false);
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  const QList<QUrl> urls = event->mimeData()->urls();
  if (urls.size() == 1 && urls[0].isLocalFile() && urls[0].toLocalFile().endsWith(".json"))
    event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
  const QList<QUrl> urls = event->mimeData()->urls();
  if (urls.size() != 1 || !urls[0].isLocalFile()) return;
  event->acceptProposedAction();
  openScene(urls[0].toLocalFile());
}

QImage MainWindow::captureImage(bool viewOnly) {
  if (viewOnly) return m_view->grabFramebuffer();
  return grab().toImage();
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (m_options.persistSettings) {
    QSettings settings;
    settings.setValue("window/geometry", saveGeometry());
    settings.setValue("window/state", saveState());
  }
  QMainWindow::closeEvent(event);
}

void MainWindow::openSweepPanel() {
  if (!m_sweepPanel) {
    // A window of its own: a sweep runs for minutes beside the live view. Closing DriftLab
    // destroys it with the main window; the panel then cancels and joins its worker.
    auto* dialog = new QDialog(this);
    dialog->setObjectName("dialog.sweep");
    dialog->setWindowTitle(tr("Rate sweep"));
    m_sweepPanel = new SweepPanel(dialog);
    auto* layout = new QVBoxLayout(dialog);
    layout->addWidget(m_sweepPanel);
    dialog->resize(560, 720);
  }
  if (!m_sweepPanel->isRunning()) m_sweepPanel->setScene(sceneForSaving());
  auto* dialog = m_sweepPanel->parentWidget();
  dialog->show();
  dialog->raise();
}

}  // namespace driftlab::ui
