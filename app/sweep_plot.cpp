// Log-log plot of a rate sweep, drawn with QPainter into a PNG (paper-ready, 1200 x 800).
#include "sweep_plot.h"

#include <QFont>
#include <QGuiApplication>
#include <QImage>
#include <QPainter>
#include <QPainterPath>
#include <cmath>
#include <memory>
#include <stdexcept>

namespace {

struct Axes {
  QRectF area;
  double x0, x1, y0, y1;  // log10 ranges
  QPointF map(double n, double r) const {
    const double tx = (std::log10(n) - x0) / (x1 - x0), ty = (std::log10(r) - y0) / (y1 - y0);
    return {area.left() + tx * area.width(), area.bottom() - ty * area.height()};
  }
};

Axes makeAxes(const std::vector<driftlab::SweepPoint>& pts, QRectF area) {
  double x0 = 1e300, x1 = -1e300, y0 = 1e300, y1 = -1e300;
  for (const auto& p : pts) {
    x0 = std::min(x0, std::log10(double(p.particles)));
    x1 = std::max(x1, std::log10(double(p.particles)));
    y0 = std::min(y0, std::log10(p.meanRootResidual));
    y1 = std::max(y1, std::log10(p.meanRootResidual));
  }
  const double px = 0.08 * std::max(x1 - x0, 0.1), py = 0.15 * std::max(y1 - y0, 0.1);
  return {area, x0 - px, x1 + px, y0 - py, y1 + py};
}

void drawFrame(QPainter& p, const Axes& a, const driftlab::SlopeFit& fit,
               const std::vector<driftlab::SweepPoint>& pts) {
  p.setPen(QPen(Qt::black, 2));
  p.setBrush(Qt::NoBrush);
  p.drawRect(a.area);
  p.setFont(QFont("DejaVu Sans", 14));
  // x ticks at the swept N; y ticks at "nice" mantissas x 10^e (denser within a decade).
  for (const auto& q : pts) {
    const QPointF t = a.map(double(q.particles), std::pow(10.0, a.y0));
    p.drawLine(t, t + QPointF(0, -8));
    p.drawText(QRectF(t.x() - 50, t.y() + 6, 100, 24), Qt::AlignCenter,
               QString::number(q.particles));
  }
  const std::vector<double> mantissas =
      a.y1 - a.y0 < 1.0 ? std::vector<double>{1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8}
                        : std::vector<double>{1, 2, 5};
  for (int e = int(std::floor(a.y0)) - 1; e <= int(std::ceil(a.y1)); ++e) {
    for (double m : mantissas) {
      const double v = m * std::pow(10.0, e), lv = std::log10(v);
      if (lv >= a.y0 && lv <= a.y1) {
        const QPointF t = a.map(std::pow(10.0, a.x0), v);
        p.drawLine(t, t + QPointF(8, 0));
        p.drawText(QRectF(t.x() - 110, t.y() - 12, 100, 24), Qt::AlignRight | Qt::AlignVCenter,
                   QString::number(v, 'g', 3));
      }
    }
  }
  p.drawText(QRectF(a.area.left(), a.area.bottom() + 34, a.area.width(), 30), Qt::AlignCenter,
             "particles N");
  p.save();
  p.translate(a.area.left() - 120, a.area.center().y());
  p.rotate(-90);
  p.drawText(QRectF(-200, -15, 400, 30), Qt::AlignCenter, "time-averaged root residual");
  p.restore();
  p.setFont(QFont("DejaVu Sans", 16, QFont::Bold));
  p.drawText(QRectF(a.area.left(), 10, a.area.width(), 40), Qt::AlignCenter,
             QString("fitted slope %1  [95%: %2, %3]   theory -1/(d+4) = %4")
                 .arg(fit.slope, 0, 'f', 3)
                 .arg(fit.slopeLow, 0, 'f', 3)
                 .arg(fit.slopeHigh, 0, 'f', 3)
                 .arg(fit.theory, 0, 'f', 3));
}

void drawData(QPainter& p, const Axes& a, const std::vector<driftlab::SweepPoint>& pts,
              const driftlab::SlopeFit& fit) {
  p.setClipRect(a.area);
  const double nLo = std::pow(10.0, a.x0), nHi = std::pow(10.0, a.x1);
  auto line = [&](double slope, double intercept, QColor c, Qt::PenStyle style) {
    p.setPen(QPen(c, 3, style));
    p.drawLine(a.map(nLo, std::exp(intercept + slope * std::log(nLo))),
               a.map(nHi, std::exp(intercept + slope * std::log(nHi))));
  };
  line(fit.slope, fit.intercept, QColor(200, 60, 40), Qt::SolidLine);
  // The theory line goes through the fit's centre of mass.
  double mx = 0, my = 0;
  for (const auto& q : pts) mx += std::log(double(q.particles)), my += std::log(q.meanRootResidual);
  mx /= pts.size();
  my /= pts.size();
  line(fit.theory, my - fit.theory * mx, QColor(40, 90, 200), Qt::DashLine);
  p.setPen(QPen(Qt::black, 1.5));
  p.setBrush(QColor(30, 30, 30, 160));
  for (const auto& q : pts) p.drawEllipse(a.map(double(q.particles), q.meanRootResidual), 6, 6);
  p.setClipping(false);
}

}  // namespace

void writeSweepPlot(const std::vector<driftlab::SweepPoint>& points, const driftlab::SlopeFit& fit,
                    const std::string& path) {
  std::unique_ptr<QGuiApplication> app;
  if (!QGuiApplication::instance()) {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    static int argc = 1;
    static char name[] = "driftlab";
    static char* argv[] = {name, nullptr};
    app = std::make_unique<QGuiApplication>(argc, argv);
  }
  QImage image(1200, 800, QImage::Format_ARGB32);
  image.fill(Qt::white);
  {
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    const Axes axes = makeAxes(points, QRectF(170, 70, 990, 620));
    drawData(p, axes, points, fit);
    drawFrame(p, axes, fit, points);
    p.setFont(QFont("DejaVu Sans", 13));
    p.setPen(QColor(200, 60, 40));
    p.drawText(QPointF(190, 100), "least-squares fit");
    p.setPen(QColor(40, 90, 200));
    p.drawText(QPointF(190, 124), "theory slope");
  }
  if (!image.save(QString::fromStdString(path), "PNG"))
    throw std::runtime_error("cannot write PNG '" + path + "'");
}
