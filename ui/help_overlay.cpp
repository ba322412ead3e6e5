#include "help_overlay.h"

#include <QAction>
#include <QKeyEvent>
#include <QPainter>

namespace driftlab::ui {

HelpOverlay::HelpOverlay(QWidget* parent) : QWidget(parent) {
  setAttribute(Qt::WA_TranslucentBackground);
  setFocusPolicy(Qt::StrongFocus);
  setObjectName("help.overlay");
  hide();
}

void HelpOverlay::setActions(const QList<QAction*>& actions) {
  m_actions = actions;
  update();
}

QStringList HelpOverlay::lines() const {
  QStringList out;
  for (QAction* a : m_actions) {
    if (a->isSeparator() || a->shortcut().isEmpty()) continue;
    QString text = a->text();
    text.remove('&');
    out << a->shortcut().toString(QKeySequence::NativeText) + "\t" + text;
  }
  // Presenter mode (F5) takes these keys itself; they are not window shortcuts.
  out << tr("Right, PageDown") + "\t" + tr("presenter mode: next (one step, or the tour's next)");
  out << tr("Left, PageUp") + "\t" + tr("presenter mode: previous (one step back)");
  out << tr("B") + "\t" + tr("presenter mode: blank the view (B again shows it)");
  out << tr("Esc") + "\t" + tr("presenter mode: leave it");
  out << tr("Left drag") + "\t" + tr("pan (2D) / orbit (3D)");
  out << tr("Wheel, right drag") + "\t" + tr("zoom");
  out << tr("Ctrl+click") + "\t" + tr("inspect a particle or point (Esc clears)");
  return out;
}

void HelpOverlay::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  p.fillRect(rect(), QColor(8, 10, 14, 170));
  const QStringList rows = lines();
  QFont font = p.font();
  font.setPointSizeF(font.pointSizeF() * 1.15);
  p.setFont(font);
  QFont bold = font;
  bold.setBold(true);
  const QFontMetrics fm(font), fmBold(bold);
  const int lineH = fm.height() + 6;
  int keyW = 0, textW = fmBold.horizontalAdvance(tr("Keyboard shortcuts (F1 to close)"));
  for (const QString& r : rows) {
    keyW = std::max(keyW, fmBold.horizontalAdvance(r.section('\t', 0, 0)));
    textW = std::max(textW, fm.horizontalAdvance(r.section('\t', 1)));
  }
  const int boxW = keyW + textW + 80, boxH = lineH * (int(rows.size()) + 2) + 20;
  const QRect box((width() - boxW) / 2, std::max(10, (height() - boxH) / 2), boxW, boxH);
  p.setPen(QColor(90, 100, 120));
  p.setBrush(QColor(24, 27, 34, 235));
  p.drawRoundedRect(box, 10, 10);
  p.setPen(QColor(235, 238, 245));
  p.setFont(bold);
  p.drawText(box.adjusted(20, 14, -20, 0), Qt::AlignLeft | Qt::AlignTop,
             tr("Keyboard shortcuts (F1 to close)"));
  int y = box.top() + 14 + 2 * lineH;
  for (const QString& r : rows) {
    p.setFont(bold);
    p.setPen(QColor(250, 205, 110));
    p.drawText(box.left() + 20, y, r.section('\t', 0, 0));
    p.setFont(font);
    p.setPen(QColor(220, 225, 235));
    p.drawText(box.left() + 40 + keyW, y, r.section('\t', 1));
    y += lineH;
  }
}

void HelpOverlay::mousePressEvent(QMouseEvent*) {
  hide();
}

void HelpOverlay::keyPressEvent(QKeyEvent* event) {
  if (event->key() == Qt::Key_Escape)
    hide();
  else
    QWidget::keyPressEvent(event);
}

}  // namespace driftlab::ui
