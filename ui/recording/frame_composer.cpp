#include "recording/frame_composer.h"

#include <QFont>
#include <QPainter>
#include <algorithm>

namespace driftlab::ui {

namespace {

int even(int v) {
  return std::max(2, v - v % 2);
}

QFont fontOfHeight(int pixels, bool bold = false) {
  QFont font("DejaVu Sans");
  font.setPixelSize(std::max(8, pixels));
  font.setBold(bold);
  font.setStyleStrategy(QFont::PreferAntialias);
  return font;
}

}  // namespace

FrameLayout frameLayout(const RecordSettings& s) {
  FrameLayout l;
  l.frame = QSize(s.width, s.height);
  int bottom = s.height;
  if (s.caption) {
    const int band = even(std::max(18, s.height / 24));
    l.caption = QRect(0, s.height - band, s.width, band);
    bottom -= band;
  }
  if (s.progress) {
    const int bar = std::max(3, s.height / 180);
    l.progress = QRect(0, s.height - bar, s.width, bar);
    if (!s.caption) bottom -= bar;
  }
  if (s.curves == "right") {
    const int w = even(s.width * 36 / 100);
    l.curves = QRect(s.width - w, 0, w, bottom);
    l.view = QRect(0, 0, even(s.width - w), even(bottom));
  } else if (s.curves == "below") {
    const int h = even(bottom * 34 / 100);
    l.view = QRect(0, 0, even(s.width), even(bottom - h));
    l.curves = QRect(0, l.view.height(), s.width, bottom - l.view.height());
  } else {
    l.view = QRect(0, 0, even(s.width), even(bottom));
  }
  return l;
}

namespace {
int standardBand(int height) {
  return even(std::max(18, height / 24));
}
}  // namespace

FrameLayout withCaptionLines(FrameLayout l, int lines) {
  if (l.caption.isEmpty() || lines <= 1) return l;
  const int extra = even(standardBand(l.frame.height()) * (lines - 1));
  l.caption.setTop(l.caption.top() - extra);
  l.view.setHeight(even(std::max(2, l.view.height() - extra)));
  if (!l.curves.isEmpty() && l.curves.bottom() >= l.caption.top())
    l.curves.setBottom(l.caption.top() - 1);
  return l;
}

QImage composeFrame(const FrameLayout& l, const QImage& view, const QImage& curves,
                    const QString& caption, double progress) {
  QImage frame(l.frame, QImage::Format_RGB32);
  frame.fill(QColor(Qt::white));
  QPainter p(&frame);
  p.setRenderHint(QPainter::SmoothPixmapTransform);
  if (!view.isNull()) p.drawImage(l.view, view);
  if (!l.curves.isEmpty() && !curves.isNull()) p.drawImage(l.curves, curves);
  if (!l.caption.isEmpty()) {
    p.fillRect(l.caption, QColor::fromRgb(kBandColor));
    p.setPen(QColor(235, 235, 240));
    // A band taller than one standard band (withCaptionLines) wraps its text at that size.
    const int line = std::min(l.caption.height(), standardBand(l.frame.height()));
    const int wrap = l.caption.height() > line * 3 / 2 ? Qt::TextWordWrap : 0;
    p.setFont(fontOfHeight(line * 55 / 100));
    p.setRenderHint(QPainter::TextAntialiasing);
    const int pad = line / 2;
    p.drawText(l.caption.adjusted(pad, 0, -pad, 0), Qt::AlignVCenter | Qt::AlignLeft | wrap,
               caption);
  }
  if (!l.progress.isEmpty()) {
    p.fillRect(l.progress, QColor(60, 60, 68));
    const double f = std::clamp(progress, 0.0, 1.0);
    QRect done = l.progress;
    done.setWidth(int(f * l.progress.width() + 0.5));
    p.fillRect(done, QColor::fromRgb(kProgressColor));
  }
  return frame;
}

QImage drawCard(QSize size, const QString& title, const QStringList& lines) {
  QImage card(size, QImage::Format_RGB32);
  card.fill(QColor::fromRgb(kBandColor));
  QPainter p(&card);
  p.setRenderHint(QPainter::TextAntialiasing);
  const int h = size.height();
  QRect titleBox(size.width() / 12, h / 4, size.width() * 10 / 12, h / 4);
  p.setPen(QColor(245, 245, 250));
  p.setFont(fontOfHeight(h / 12, true));
  p.drawText(titleBox, Qt::AlignCenter | Qt::TextWordWrap, title);
  p.setPen(QColor(190, 200, 215));
  p.setFont(fontOfHeight(h / 30));
  QRect linesBox(size.width() / 12, h / 2 + h / 24, size.width() * 10 / 12, h / 2 - h / 12);
  p.drawText(linesBox, Qt::AlignHCenter | Qt::AlignTop | Qt::TextWordWrap, lines.join("\n"));
  return card;
}

}  // namespace driftlab::ui
