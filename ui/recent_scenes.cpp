#include "recent_scenes.h"

#include <QFileInfo>
#include <QMenu>
#include <QSettings>

namespace driftlab::ui {

RecentScenes::RecentScenes(QMenu* menu, bool persist, std::function<bool(const QString&)> open,
                           QObject* parent)
    : QObject(parent), m_menu(menu), m_persist(persist), m_open(std::move(open)) {
  if (m_persist) m_paths = QSettings().value("scene/recent").toStringList().mid(0, kMaxEntries);
  rebuild();
}

void RecentScenes::add(const QString& path) {
  // Resources (":/scenes/...") stay as they are; files are kept by absolute path.
  const QString key = path.startsWith(":/") ? path : QFileInfo(path).absoluteFilePath();
  m_paths.removeAll(key);
  m_paths.prepend(key);
  while (m_paths.size() > kMaxEntries) m_paths.removeLast();
  save();
  rebuild();
}

void RecentScenes::rebuild() {
  m_menu->clear();
  for (int i = 0; i < m_paths.size(); ++i) {
    const QString path = m_paths[i];
    QAction* a =
        m_menu->addAction(QString("&%1 %2").arg((i + 1) % 10).arg(QFileInfo(path).fileName()));
    a->setObjectName(QString("action.recent.%1").arg(i));
    a->setStatusTip(path);
    a->setToolTip(path);
    connect(a, &QAction::triggered, this, [this, path] {
      if (m_open(path)) return;
      m_paths.removeAll(path);  // it no longer opens: the message said why
      save();
      rebuild();
    });
  }
  if (m_paths.isEmpty()) m_menu->addAction(tr("(none yet)"))->setEnabled(false);
  m_menu->setEnabled(true);
}

void RecentScenes::save() const {
  if (m_persist) QSettings().setValue("scene/recent", m_paths);
}

}  // namespace driftlab::ui
