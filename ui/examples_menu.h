#pragma once
/// File > Examples (issue 16): every preset scene shipped in the resources, by title, with its
/// caption as tool and status tip and its thumbnail as icon. The list is the resource folder
/// ":/scenes" itself (resources/driftlab.qrc): adding a preset there adds it here, to the tests
/// and to resources/thumbnails/make_thumbnails.sh.
#include <QIcon>
#include <QList>
#include <QMenu>

#include "scene/scene_config.h"

namespace driftlab::ui {

/// One shipped preset.
struct ExampleScene {
  QString path;  ///< ":/scenes/<id>.json"
  QString id;    ///< the file's base name
  QString title;
  QString caption;
  QString thumbnailPath;  ///< ":/thumbnails/<id>.png" (may be missing)
};

/// Every preset in ":/scenes", sorted by file name. Presets that fail to parse are listed with
/// an empty title (the tests reject them).
QList<ExampleScene> exampleScenes();

/// Reads and validates a scene from a file or a Qt resource (":/scenes/..."); throws
/// InputError naming the field, as loadSceneFile does.
SceneConfig loadScenePath(const QString& path);

class ExamplesMenu : public QMenu {
  Q_OBJECT
 public:
  explicit ExamplesMenu(QWidget* parent = nullptr);

 signals:
  /// The user picked a preset (its resource path).
  void exampleChosen(const QString& path);
};

}  // namespace driftlab::ui
