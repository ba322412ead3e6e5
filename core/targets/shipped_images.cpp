#include "targets/shipped_images.h"

namespace driftlab {

const ShippedImage* findShippedImage(const std::string& name) {
  for (const auto& image : shippedImages())
    if (name == image.name) return &image;
  return nullptr;
}

std::string shippedImageList() {
  std::string s;
  for (const auto& image : shippedImages()) s += (s.empty() ? "" : ", ") + std::string(image.name);
  return s;
}

}  // namespace driftlab
