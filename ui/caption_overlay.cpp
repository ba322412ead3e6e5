#include "caption_overlay.h"

#include <QPainter>
#include <QTextLayout>
#include <cmath>

#include "engine/snapshot.h"

namespace driftlab::ui {

QString stepCaption(const Snapshot& snap) {
  QString text = QObject::tr("step %1").arg(snap.step);
  if (std::isfinite(snap.diffusionTime))
    text += QObject::tr("  t = %1").arg(snap.diffusionTime, 0, 'g', 3);
  if (snap.finished) text += QObject::tr(" (t_min reached)");
  return text;
}

namespace {
constexpr int kMargin = 16;
constexpr int kPadding = 14;
}  // namespace

CaptionOverlay::CaptionOverlay(QWidget* parent) : QWidget(parent) {
  setObjectName("caption.overlay");
  setAttribute(Qt::WA_TransparentForMouseEvents);
  setFocusPolicy(Qt::NoFocus);
  hide();
}

void CaptionOverlay::setText(const QString& title, const QString& caption) {
  m_title = title.trimmed();
  m_caption = caption.trimmed();
  refresh();
}

void CaptionOverlay::setCaptionShown(bool shown) {
  m_captionShown = shown;
  refresh();
}

void CaptionOverlay::setStepText(const QString& text) {
  if (text == m_stepText) return;
  m_stepText = text;
  refresh();
}

void CaptionOverlay::setBlanked(bool blanked) {
  m_blanked = blanked;
  refresh();
}

void CaptionOverlay::setScale(double scale) {
  m_scale = scale;
  refresh();
}

void CaptionOverlay::refresh() {
  const bool wanted = m_blanked || !m_stepText.isEmpty() || (m_captionShown && hasText());
  if (wanted != isVisible()) setVisible(wanted);
  if (wanted) raise();  // above the view (the stack keeps the view current)
  update();
}

void CaptionOverlay::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  if (m_blanked) {
    p.fillRect(rect(), Qt::black);
    return;
  }
  if (m_captionShown && hasText()) paintCaption(p);
  if (!m_stepText.isEmpty()) paintStep(p);
}

void CaptionOverlay::paintCaption(QPainter& p) {
  QFont body = font();
  body.setPointSizeF(body.pointSizeF() * 1.1 * m_scale);
  QFont head = body;
  head.setBold(true);
  head.setPointSizeF(body.pointSizeF() * 1.25);
  // At most ~70 characters a line and about half the view: the particles stay visible.
  const int textW = std::min({width() * 11 / 20 - 2 * kPadding, width() - 2 * (kMargin + kPadding),
                              QFontMetrics(body).averageCharWidth() * 70});
  if (textW < 40) return;
  const QFontMetrics fmHead(head), fmBody(body);
  const QRect titleRect = fmHead.boundingRect(QRect(0, 0, textW, 10000), Qt::TextWordWrap, m_title);
  const QRect bodyRect =
      fmBody.boundingRect(QRect(0, 0, textW, 10000), Qt::TextWordWrap, m_caption);
  const int gap = m_title.isEmpty() || m_caption.isEmpty() ? 0 : fmBody.height() / 2;
  const int boxH = titleRect.height() + gap + bodyRect.height() + 2 * kPadding;
  const int boxW = std::max(titleRect.width(), bodyRect.width()) + 2 * kPadding;
  // Top left: the colour bars sit top right and the view's own caption line bottom left.
  const QRect box(kMargin, kMargin, boxW, boxH);
  p.setPen(QColor(90, 100, 120));
  p.setBrush(QColor(16, 18, 24, 215));
  p.drawRoundedRect(box, 8, 8);
  const QRect inner = box.adjusted(kPadding, kPadding, -kPadding, -kPadding);
  p.setFont(head);
  p.setPen(QColor(250, 205, 110));
  p.drawText(inner, Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, m_title);
  p.setFont(body);
  p.setPen(QColor(228, 232, 240));
  p.drawText(inner.adjusted(0, titleRect.height() + gap, 0, 0),
             Qt::AlignLeft | Qt::AlignTop | Qt::TextWordWrap, m_caption);
}

void CaptionOverlay::paintStep(QPainter& p) {
  QFont f = font();
  f.setPointSizeF(f.pointSizeF() * 1.2 * m_scale);
  f.setBold(true);
  p.setFont(f);
  const QFontMetrics fm(f);
  const QRect text = fm.boundingRect(m_stepText);
  const int boxW = text.width() + 2 * kPadding, boxH = fm.height() + kPadding;
  const QRect box(width() - kMargin - boxW, height() - kMargin - boxH, boxW, boxH);
  p.setPen(Qt::NoPen);
  p.setBrush(QColor(16, 18, 24, 200));
  p.drawRoundedRect(box, 6, 6);
  p.setPen(QColor(235, 238, 245));
  p.drawText(box, Qt::AlignCenter, m_stepText);
}

}  // namespace driftlab::ui
