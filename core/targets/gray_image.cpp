#include "targets/gray_image.h"

#include <png.h>

#include <cstring>
#include <stdexcept>

namespace driftlab {

GrayImage decodePngDensity(const unsigned char* bytes, std::size_t size, bool invert) {
  if (size < 8 || png_sig_cmp(bytes, 0, 8) != 0) throw std::runtime_error("not a PNG file");
  png_image image;
  std::memset(&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&image, bytes, size)) {
    const std::string reason = image.message;
    png_image_free(&image);
    throw std::runtime_error("cannot decode the PNG (" + reason + ")");
  }
  if (image.width == 0 || image.height == 0 ||
      static_cast<long long>(image.width) * image.height > kMaxImagePixels) {
    const std::string shape = std::to_string(image.width) + " x " + std::to_string(image.height);
    png_image_free(&image);
    throw std::runtime_error("an image of " + shape + " pixels, more than 4096 x 4096");
  }
  image.format = PNG_FORMAT_GA;
  std::vector<png_byte> pixels(PNG_IMAGE_SIZE(image));
  if (!png_image_finish_read(&image, nullptr, pixels.data(), 0, nullptr)) {
    const std::string reason = image.message;
    png_image_free(&image);
    throw std::runtime_error("cannot decode the PNG (" + reason + ")");
  }
  GrayImage out;
  out.width = static_cast<int>(image.width);
  out.height = static_cast<int>(image.height);
  out.values.resize(static_cast<std::size_t>(out.width) * out.height);
  for (std::size_t i = 0; i < out.values.size(); ++i) {
    const double gray = pixels[2 * i], alpha = pixels[2 * i + 1];
    out.values[i] = (invert ? 255.0 - gray : gray) * alpha / (255.0 * 255.0);
  }
  return out;
}

}  // namespace driftlab
