#pragma once
/// PNG files read as densities: libpng's simplified API decodes any PNG (gray, palette, RGB,
/// with or without alpha, 1 to 16 bits) to 8-bit gray + alpha; color becomes luminance.
#include <cstddef>
#include <string>
#include <vector>

namespace driftlab {

/// A density on a pixel grid, row 0 at the top; values >= 0 (not normalised).
struct GrayImage {
  int width = 0;
  int height = 0;
  std::vector<double> values;  ///< width * height, row-major
};

/// Most pixels an image may have (4096 x 4096).
inline constexpr long long kMaxImagePixels = 4096LL * 4096LL;

/// Decodes PNG bytes; density = gray * alpha (invert: (255 - gray) * alpha, for dark drawings
/// on a light background), both scaled to [0, 1]. Color becomes luminance (libpng: Rec. 709
/// weights on linear light, re-encoded as sRGB: pure red 0.49, green 0.86, blue 0.30). Throws
/// std::runtime_error with a short reason ("not a PNG file", "too large: 5000 x 5000 pixels") on
/// failure.
GrayImage decodePngDensity(const unsigned char* bytes, std::size_t size, bool invert);

}  // namespace driftlab
