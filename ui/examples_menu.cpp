#include "examples_menu.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProxyStyle>

#include "base/input_error.h"
#include "scene/scene_json.h"

namespace driftlab::ui {

namespace {
/// Menu icons large enough to show the thumbnails (the style's 16 px would be a smudge).
class ThumbnailMenuStyle : public QProxyStyle {
 public:
  int pixelMetric(PixelMetric metric, const QStyleOption* option,
                  const QWidget* widget) const override {
    if (metric == PM_SmallIconSize) return 48;
    return QProxyStyle::pixelMetric(metric, option, widget);
  }
};
}  // namespace

SceneConfig loadScenePath(const QString& path) {
  if (!path.startsWith(':')) return loadSceneFile(path.toStdString());
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly))
    throw InputError("scene", "cannot read '" + path.toStdString() + "'", "a readable JSON file");
  return parseScene(file.readAll().toStdString());
}

QList<ExampleScene> exampleScenes() {
  QList<ExampleScene> out;
  const QDir dir(":/scenes");
  for (const QString& name : dir.entryList({"*.json"}, QDir::Files, QDir::Name)) {
    ExampleScene e;
    e.path = dir.filePath(name);
    e.id = QFileInfo(name).completeBaseName();
    e.thumbnailPath = ":/thumbnails/" + e.id + ".png";
    try {
      const SceneConfig scene = loadScenePath(e.path);
      e.title = QString::fromStdString(scene.title);
      e.caption = QString::fromStdString(scene.caption);
    } catch (const InputError&) {
    }
    out << e;
  }
  return out;
}

ExamplesMenu::ExamplesMenu(QWidget* parent) : QMenu(tr("E&xamples"), parent) {
  setObjectName("menu.examples");
  setToolTipsVisible(true);
  auto* style = new ThumbnailMenuStyle;
  style->setParent(this);
  setStyle(style);
  for (const ExampleScene& e : exampleScenes()) {
    QAction* a = addAction(e.title.isEmpty() ? e.id : e.title);
    a->setObjectName("action.example." + e.id);
    a->setData(e.path);
    a->setToolTip("<p>" + e.caption.toHtmlEscaped() + "</p>");  // rich text: wraps
    a->setStatusTip(e.caption);
    if (QFile::exists(e.thumbnailPath)) a->setIcon(QIcon(e.thumbnailPath));
    const QString path = e.path;
    connect(a, &QAction::triggered, this, [this, path] { emit exampleChosen(path); });
  }
}

}  // namespace driftlab::ui
