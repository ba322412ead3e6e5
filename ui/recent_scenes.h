#pragma once
/// RecentScenes: File > Open Recent (issue 16 "scene management"): the last 10 scene (and
/// tour) files opened or saved, newest first, kept in QSettings ("scene/recent") when the
/// window persists its settings. A file that no longer opens shows its one-line error (the
/// window keeps its state) and leaves the list.
#include <QObject>
#include <QStringList>
#include <functional>

class QMenu;

namespace driftlab::ui {

class RecentScenes : public QObject {
  Q_OBJECT
 public:
  static constexpr int kMaxEntries = 10;
  /// open: opens a path, returning false (after showing why) when it cannot.
  RecentScenes(QMenu* menu, bool persist, std::function<bool(const QString&)> open,
               QObject* parent = nullptr);
  /// Puts `path` first (absolute; no duplicates; at most kMaxEntries).
  void add(const QString& path);
  QStringList paths() const { return m_paths; }

 private:
  void rebuild();
  void save() const;

  QMenu* m_menu;
  bool m_persist;
  std::function<bool(const QString&)> m_open;
  QStringList m_paths;
};

}  // namespace driftlab::ui
