#pragma once
/// Image comparison for the render tests (baselines with a stated tolerance).
///
/// Tolerance (8-bit channels): a pixel "differs" when any channel differs by more than 48;
/// a comparison passes when at most 1.5% of the pixels differ and the mean absolute channel
/// difference is at most 3.0. That absorbs rasterisation and float-rounding noise between Mesa
/// versions and CPUs (a few edge pixels of sprites, lines and glyphs) but not a missing layer,
/// a wrong camera, wrong colours, a panel in the wrong place or an empty view.
#include <QImage>
#include <QRect>
#include <algorithm>
#include <cmath>

namespace driftlab::test {

inline constexpr int kChannelTolerance = 48;
inline constexpr double kMaxDifferingFraction = 0.015;
inline constexpr double kMaxMeanDifference = 3.0;

struct Comparison {
  double differingFraction = 1.0;
  double meanDifference = 255.0;
  QImage diff;  ///< grey = largest channel difference; red = a differing pixel
  bool passes() const {
    return differingFraction <= kMaxDifferingFraction && meanDifference <= kMaxMeanDifference;
  }
};

/// Compares `a` and `b` (same size) over `region` (default: the whole image).
inline Comparison compareImages(const QImage& a, const QImage& b, QRect region = {}) {
  Comparison c;
  const QImage x = a.convertToFormat(QImage::Format_RGB32);
  const QImage y = b.convertToFormat(QImage::Format_RGB32);
  if (region.isNull()) region = x.rect();
  region &= x.rect() & y.rect();
  c.diff = QImage(x.size(), QImage::Format_RGB32);
  c.diff.fill(Qt::black);
  qint64 differing = 0;
  double sum = 0.0;
  for (int row = region.top(); row <= region.bottom(); ++row) {
    const QRgb* p = reinterpret_cast<const QRgb*>(x.constScanLine(row));
    const QRgb* q = reinterpret_cast<const QRgb*>(y.constScanLine(row));
    QRgb* d = reinterpret_cast<QRgb*>(c.diff.scanLine(row));
    for (int col = region.left(); col <= region.right(); ++col) {
      const int dr = std::abs(qRed(p[col]) - qRed(q[col]));
      const int dg = std::abs(qGreen(p[col]) - qGreen(q[col]));
      const int db = std::abs(qBlue(p[col]) - qBlue(q[col]));
      sum += dr + dg + db;
      const int worst = std::max({dr, dg, db});
      if (worst > kChannelTolerance) ++differing;
      d[col] = worst > kChannelTolerance ? qRgb(255, 40, 40) : qRgb(worst, worst, worst);
    }
  }
  const double pixels = std::max(1.0, double(region.width()) * region.height());
  c.differingFraction = differing / pixels;
  c.meanDifference = sum / (3.0 * pixels);
  return c;
}

/// Standard deviation of the grey level over `region`: a blank or uniform area has almost none.
inline double contrast(const QImage& image, QRect region = {}) {
  const QImage g = image.convertToFormat(QImage::Format_Grayscale8);
  if (region.isNull()) region = g.rect();
  double s = 0, s2 = 0;
  for (int row = region.top(); row <= region.bottom(); ++row)
    for (int col = region.left(); col <= region.right(); ++col) {
      const double v = g.constScanLine(row)[col];
      s += v;
      s2 += v * v;
    }
  const double n = std::max(1.0, double(region.width()) * region.height());
  return std::sqrt(std::max(0.0, s2 / n - (s / n) * (s / n)));
}

}  // namespace driftlab::test
