// Log-log plot of a rate sweep, drawn with QPainter into a PNG (paper-ready, 1200 x 800).
#include "sweep_plot.h"

#include <QFont>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <cmath>
#include <memory>
#include <stdexcept>

namespace {

using driftlab::SweepGroup;
using driftlab::SweepSummary;

struct Axes {
  QRectF area;
  double x0, x1, y0, y1;  // log10 ranges
  QPointF map(double x, double r) const {
    const double tx = (std::log10(x) - x0) / (x1 - x0), ty = (std::log10(r) - y0) / (y1 - y0);
    return {area.left() + tx * area.width(), area.bottom() - ty * area.height()};
  }
};

Axes makeAxes(const SweepSummary& s, QRectF area) {
  double x0 = 1e300, x1 = -1e300, y0 = 1e300, y1 = -1e300;
  for (const auto& g : s.groups)
    for (const auto& l : g.levels) {
      x0 = std::min(x0, std::log10(l.x)), x1 = std::max(x1, std::log10(l.x));
      y0 = std::min(y0, std::log10(std::max(l.low, 0.5 * l.mean)));
      y1 = std::max(y1, std::log10(l.high));
    }
  const double px = 0.08 * std::max(x1 - x0, 0.1), py = 0.15 * std::max(y1 - y0, 0.1);
  return {area, x0 - px, x1 + px, y0 - py, y1 + py};
}

void drawTicks(QPainter& p, const Axes& a, const SweepSummary& s) {
  p.setFont(QFont("DejaVu Sans", 14));
  for (const auto& g : s.groups)
    for (const auto& l : g.levels) {
      const QPointF t = a.map(l.x, std::pow(10.0, a.y0));
      p.drawLine(t, t + QPointF(0, -8));
      p.drawText(QRectF(t.x() - 50, t.y() + 6, 100, 24), Qt::AlignCenter,
                 QString::number(l.x, 'g', 4));
    }
  const std::vector<double> mantissas =
      a.y1 - a.y0 < 1.0 ? std::vector<double>{1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8}
                        : std::vector<double>{1, 2, 5};
  for (int e = int(std::floor(a.y0)) - 1; e <= int(std::ceil(a.y1)); ++e)
    for (double m : mantissas) {
      const double v = m * std::pow(10.0, e), lv = std::log10(v);
      if (lv < a.y0 || lv > a.y1) continue;
      const QPointF t = a.map(std::pow(10.0, a.x0), v);
      p.drawLine(t, t + QPointF(8, 0));
      p.drawText(QRectF(t.x() - 110, t.y() - 12, 100, 24), Qt::AlignRight | Qt::AlignVCenter,
                 QString::number(v, 'g', 3));
    }
}

QString title(const SweepSummary& s) {
  if (s.groups.size() == 1 && s.groups[0].fitted) {
    const auto& f = s.groups[0].fit;
    QString t = QString("fitted slope %1  [95%: %2, %3]")
                    .arg(f.slope, 0, 'f', 3)
                    .arg(f.slopeLow, 0, 'f', 3)
                    .arg(f.slopeHigh, 0, 'f', 3);
    if (s.axis == driftlab::SweepAxis::Particles)
      t += QString("   theory -1/(d+4) = %1").arg(f.theory, 0, 'f', 3);
    return t;
  }
  return QString("%1 series, stationary root residual (mean, 95% t interval over seeds)")
      .arg(s.groups.size());
}

void drawFrame(QPainter& p, const Axes& a, const SweepSummary& s) {
  p.setPen(QPen(Qt::black, 2));
  p.setBrush(Qt::NoBrush);
  p.drawRect(a.area);
  drawTicks(p, a, s);
  p.drawText(QRectF(a.area.left(), a.area.bottom() + 34, a.area.width(), 30), Qt::AlignCenter,
             s.axis == driftlab::SweepAxis::Particles ? "particles N" : "bandwidth h");
  p.save();
  p.translate(a.area.left() - 120, a.area.center().y());
  p.rotate(-90);
  p.drawText(QRectF(-200, -15, 400, 30), Qt::AlignCenter, "stationary root residual");
  p.restore();
  p.setFont(QFont("DejaVu Sans", 16, QFont::Bold));
  p.drawText(QRectF(a.area.left(), 10, a.area.width(), 40), Qt::AlignCenter, title(s));
}

QString label(const SweepGroup& g, const SweepSummary& s) {
  QString t = QString("%1, d=%2").arg(QString::fromStdString(g.flow)).arg(g.dim);
  if (s.axis == driftlab::SweepAxis::Bandwidth)
    t += QString(", N=%1").arg(g.fixed);
  else if (g.fixed > 0)
    t += QString(", h=%1").arg(g.fixed);
  if (g.fitted) t += QString(": slope %1").arg(g.fit.slope, 0, 'f', 3);
  if (g.fitted && s.axis == driftlab::SweepAxis::Particles)
    t += QString(" (theory %1)").arg(g.fit.theory, 0, 'f', 3);
  return t;
}

/// dodge: factor on x for the markers and bars, so that groups at the same N stay apart.
void drawGroup(QPainter& p, const Axes& a, const SweepGroup& g, const SweepSummary& s, QColor c,
               double dodge) {
  const double lo = std::pow(10.0, a.x0), hi = std::pow(10.0, a.x1);
  auto line = [&](double slope, double intercept, Qt::PenStyle style) {
    p.setPen(QPen(c, 2.5, style));
    p.drawLine(a.map(lo, std::exp(intercept + slope * std::log(lo))),
               a.map(hi, std::exp(intercept + slope * std::log(hi))));
  };
  if (g.fitted) line(g.fit.slope, g.fit.intercept, Qt::SolidLine);
  if (s.axis == driftlab::SweepAxis::Particles && !g.levels.empty()) {
    // The theory's line goes through the centre of the level means.
    double mx = 0, my = 0;
    for (const auto& l : g.levels) mx += std::log(l.x), my += std::log(l.mean);
    mx /= g.levels.size(), my /= g.levels.size();
    const double theory = -1.0 / (g.dim + 4);
    line(theory, my - theory * mx, Qt::DashLine);
  }
  p.setPen(QPen(c, 2));
  p.setBrush(c);
  for (const auto& l : g.levels) {
    const double x = l.x * dodge;
    const QPointF m = a.map(x, l.mean);
    if (l.high > l.low) {
      // A lower end at or below 0 (few seeds, wide spread) runs off the log axis: the bar
      // goes to the frame's bottom without a cap.
      const QPointF top = a.map(x, l.high);
      const QPointF bottom = l.low > 0 ? a.map(x, l.low) : QPointF(m.x(), a.area.bottom());
      p.drawLine(top, bottom);
      p.drawLine(top - QPointF(7, 0), top + QPointF(7, 0));
      if (l.low > 0) p.drawLine(bottom - QPointF(7, 0), bottom + QPointF(7, 0));
    }
    p.drawEllipse(m, 6, 6);
  }
}

}  // namespace

void writeSweepPlot(const SweepSummary& summary, const std::string& path) {
  std::unique_ptr<QGuiApplication> app;
  if (!QGuiApplication::instance()) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    static int argc = 1;
    static char name[] = "driftlab";
    static char* argv[] = {name, nullptr};
    app = std::make_unique<QGuiApplication>(argc, argv);
  }
  static const QColor colours[] = {{200, 60, 40},  {40, 90, 200},  {30, 150, 70},   {160, 60, 170},
                                   {220, 140, 20}, {20, 160, 170}, {120, 120, 120}, {90, 50, 20}};
  QImage image(1200, 800, QImage::Format_ARGB32);
  image.fill(Qt::white);
  {
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    const Axes axes = makeAxes(summary, QRectF(170, 70, 990, 620));
    p.setClipRect(axes.area);
    for (size_t i = 0; i < summary.groups.size(); ++i)
      drawGroup(p, axes, summary.groups[i], summary, colours[i % 8],
                std::exp(0.012 * (double(i) - 0.5 * double(summary.groups.size() - 1))));
    p.setClipping(false);
    drawFrame(p, axes, summary);
    p.setFont(QFont("DejaVu Sans", 12));
    double y = 96;
    for (size_t i = 0; i < summary.groups.size(); ++i, y += 20) {
      p.setPen(colours[i % 8]);
      p.drawText(QPointF(190, y), label(summary.groups[i], summary));
    }
    p.setPen(Qt::black);
    p.drawText(QPointF(190, y), "solid: least-squares fit   dashed: theory -1/(d+4)");
  }
  if (!image.save(QString::fromStdString(path), "PNG"))
    throw std::runtime_error("cannot write PNG '" + path + "'");
}
