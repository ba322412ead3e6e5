#include "layers/color_maps.h"

#include <vtkLookupTable.h>
#include <algorithm>
#include <cmath>

namespace driftlab::ui {

ColorMap::ColorMap(std::vector<Rgb> stops) : m_stops(std::move(stops)) {
  for (int i = 0; i < 256; ++i) {
    const Rgb c = at(i / 255.0);
    for (int k = 0; k < 3; ++k)
      m_table[3 * i + k] = static_cast<unsigned char>(std::lround(255.0f * c[k]));
  }
}

Rgb ColorMap::at(double t) const {
  t = std::clamp(std::isfinite(t) ? t : 0.0, 0.0, 1.0);
  const double x = t * double(m_stops.size() - 1);
  const std::size_t i = std::min<std::size_t>(std::size_t(x), m_stops.size() - 2);
  const float f = float(x - double(i));
  Rgb c;
  for (int k = 0; k < 3; ++k) c[k] = (1 - f) * m_stops[i][k] + f * m_stops[i + 1][k];
  return c;
}

vtkSmartPointer<vtkLookupTable> ColorMap::lookupTable(double lo, double hi, double alpha) const {
  auto lut = vtkSmartPointer<vtkLookupTable>::New();
  lut->SetNumberOfTableValues(256);
  lut->SetTableRange(lo, hi > lo ? hi : lo + 1e-12);
  for (int i = 0; i < 256; ++i) {
    const Rgb c = at(i / 255.0);
    lut->SetTableValue(i, c[0], c[1], c[2], alpha);
  }
  lut->Build();
  return lut;
}

ColorMap ColorMap::lightened(float amount) const {
  std::vector<Rgb> stops = m_stops;
  for (auto& c : stops)
    for (auto& v : c) v = v + amount * (1.0f - v);
  return ColorMap(std::move(stops));
}

const ColorMap& ColorMap::speed() {
  static const ColorMap m({{0.25f, 0.75f, 0.95f},
                           {0.55f, 0.90f, 0.80f},
                           {0.98f, 0.93f, 0.55f},
                           {1.00f, 0.62f, 0.25f},
                           {0.95f, 0.28f, 0.22f}});
  return m;
}

const ColorMap& ColorMap::density() {
  static const ColorMap m({{0.05f, 0.05f, 0.09f},
                           {0.23f, 0.06f, 0.44f},
                           {0.55f, 0.16f, 0.51f},
                           {0.87f, 0.29f, 0.41f},
                           {0.99f, 0.64f, 0.40f},
                           {0.99f, 0.99f, 0.75f}});
  return m;
}

const ColorMap& ColorMap::diverging() {
  static const ColorMap m({{0.20f, 0.55f, 1.00f},
                           {0.16f, 0.30f, 0.55f},
                           {0.09f, 0.10f, 0.13f},
                           {0.58f, 0.22f, 0.16f},
                           {1.00f, 0.45f, 0.25f}});
  return m;
}

const ColorMap& ColorMap::field() {
  static const ColorMap m({{0.26f, 0.32f, 0.42f}, {0.50f, 0.58f, 0.70f}, {0.80f, 0.84f, 0.90f}});
  return m;
}

const ColorMap& ColorMap::trail() {
  static const ColorMap m(
      {{22 / 255.f, 24 / 255.f, 30 / 255.f}, {150 / 255.f, 190 / 255.f, 235 / 255.f}});
  return m;
}

std::array<unsigned char, 3> hsvToRgb(double h, double s, double v) {
  h = (h - std::floor(h)) * 6.0;
  const int i = int(h) % 6;
  const double f = h - std::floor(h);
  const double p = v * (1 - s), q = v * (1 - s * f), t = v * (1 - s * (1 - f));
  double r = v, g = t, b = p;
  switch (i) {
    case 0:
      r = v;
      g = t;
      b = p;
      break;
    case 1:
      r = q;
      g = v;
      b = p;
      break;
    case 2:
      r = p;
      g = v;
      b = t;
      break;
    case 3:
      r = p;
      g = q;
      b = v;
      break;
    case 4:
      r = t;
      g = p;
      b = v;
      break;
    default:
      r = v;
      g = p;
      b = q;
      break;
  }
  auto byte = [](double x) { return static_cast<unsigned char>(std::lround(255.0 * x)); };
  return {byte(r), byte(g), byte(b)};
}

}  // namespace driftlab::ui
