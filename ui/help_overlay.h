#pragma once
/// HelpOverlay: a translucent panel over the view listing every keyboard shortcut (F1 shows
/// and hides it; a click or Escape hides it). The list is read from the window's actions, so
/// it cannot go stale.
#include <QList>
#include <QWidget>

class QAction;

namespace driftlab::ui {

class HelpOverlay : public QWidget {
  Q_OBJECT
 public:
  explicit HelpOverlay(QWidget* parent = nullptr);
  /// Actions whose text and shortcut are listed, in order; separators start new groups.
  void setActions(const QList<QAction*>& actions);
  /// The lines shown, "shortcut<TAB>description" (for tests).
  QStringList lines() const;

 protected:
  void paintEvent(QPaintEvent* event) override;
  void mousePressEvent(QMouseEvent* event) override;
  void keyPressEvent(QKeyEvent* event) override;

 private:
  QList<QAction*> m_actions;
};

}  // namespace driftlab::ui
