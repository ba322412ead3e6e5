#pragma once
/// Colour maps shared by the layers: piecewise-linear RGB ramps, sampled into byte tables
/// (for per-point colours computed without VTK's scalar mapping) or vtkLookupTables.
#include <vtkSmartPointer.h>
#include <array>
#include <vector>

class vtkLookupTable;

namespace driftlab::ui {

using Rgb = std::array<float, 3>;

class ColorMap {
 public:
  /// stops: evenly spaced colours from t = 0 to t = 1.
  explicit ColorMap(std::vector<Rgb> stops);
  /// t in [0, 1] (clamped) -> RGB in [0, 1].
  Rgb at(double t) const;
  /// 256 entries of 3 bytes.
  const std::array<unsigned char, 768>& table() const { return m_table; }
  /// A lookup table over [lo, hi]; `alpha` for every entry.
  vtkSmartPointer<vtkLookupTable> lookupTable(double lo, double hi, double alpha = 1.0) const;
  /// The same ramp blended towards white by `amount` (for lines drawn over the ramp itself).
  ColorMap lightened(float amount) const;

  /// Particle speed: cyan -> pale yellow -> orange-red (all readable on the dark background).
  static const ColorMap& speed();
  /// Densities p_h and q_h: magma-like, dark at 0.
  static const ColorMap& density();
  /// p_h - q_h: blue (q above p) -> background -> red (p above q).
  static const ColorMap& diverging();
  /// Field glyphs: slate -> white by magnitude.
  static const ColorMap& field();
  /// Trails: from the background (oldest position) to pale blue (newest).
  static const ColorMap& trail();

 private:
  std::vector<Rgb> m_stops;
  std::array<unsigned char, 768> m_table{};
};

/// HSV (all in [0, 1]) to RGB bytes.
std::array<unsigned char, 3> hsvToRgb(double h, double s, double v);

}  // namespace driftlab::ui
