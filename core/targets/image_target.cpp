#include "targets/image_target.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <list>
#include <mutex>
#include <stdexcept>

#include "targets/gray_image.h"
#include "targets/shipped_images.h"
#include "targets/target.h"

namespace driftlab {

namespace {

constexpr const char* kField = "target.file";

/// Walker's alias table over the non-zero pixels: pick = the column's pixel with probability
/// prob, else its alias.
struct PixelTable {
  int width = 0, height = 0;
  std::vector<std::uint32_t> pixel;  ///< non-zero pixel indices (row-major)
  std::vector<double> prob;
  std::vector<std::uint32_t> alias;  ///< positions in `pixel`
};

PixelTable buildTable(const GrayImage& image) {
  PixelTable t;
  t.width = image.width;
  t.height = image.height;
  std::vector<double> w;
  for (std::size_t i = 0; i < image.values.size(); ++i)
    if (image.values[i] > 0.0) {
      t.pixel.push_back(static_cast<std::uint32_t>(i));
      w.push_back(image.values[i]);
    }
  const std::size_t n = w.size();
  if (n == 0) return t;
  double total = 0.0;
  for (double x : w) total += x;
  t.prob.assign(n, 1.0);
  t.alias.resize(n);
  std::vector<double> scaled(n);
  std::vector<std::uint32_t> small, large;
  for (std::size_t i = 0; i < n; ++i) {
    scaled[i] = w[i] * double(n) / total;
    t.alias[i] = static_cast<std::uint32_t>(i);
    (scaled[i] < 1.0 ? small : large).push_back(static_cast<std::uint32_t>(i));
  }
  while (!small.empty() && !large.empty()) {
    const std::uint32_t s = small.back(), l = large.back();
    small.pop_back();
    t.prob[s] = scaled[s];
    t.alias[s] = l;
    scaled[l] -= 1.0 - scaled[s];
    if (scaled[l] < 1.0) {
      large.pop_back();
      small.push_back(l);
    }
  }
  // Left-overs (rounding) keep probability 1: every entry is a non-zero pixel.
  return t;
}

class ImageTarget final : public Target {
 public:
  ImageTarget(std::shared_ptr<const PixelTable> table, double size)
      : m_table(std::move(table)),
        m_side(size / std::max(m_table->width, m_table->height)),
        m_left(-0.5 * m_side * m_table->width),
        m_top(0.5 * m_side * m_table->height) {}
  int dim() const override { return 2; }
  void sampleOne(RandomStream& rng, double* out) const override {
    const PixelTable& t = *m_table;
    const std::size_t column = rng.below(t.pixel.size());
    const std::size_t k = rng.uniform() < t.prob[column] ? column : t.alias[column];
    const std::uint32_t p = t.pixel[k];
    const int row = static_cast<int>(p / static_cast<std::uint32_t>(t.width));
    const int col = static_cast<int>(p % static_cast<std::uint32_t>(t.width));
    out[0] = m_left + m_side * (col + rng.uniform());
    out[1] = m_top - m_side * (row + rng.uniform());
  }
  Bounds bounds() const override { return {{m_left, -m_top}, {-m_left, m_top}}; }

 private:
  std::shared_ptr<const PixelTable> m_table;
  double m_side, m_left, m_top;
};

std::string allowedFiles() {
  return "a readable PNG file with some non-zero pixels (relative paths: to the scene's "
         "folder, then the working directory) or a shipped image: " +
         shippedImageList();
}

/// A key naming `file`'s current content (path, modification time and size; or the shipped
/// image's name), without reading it. Throws when `file` is neither a file nor shipped.
std::string sourceKey(const std::string& file) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path path(file);
  if (!file.empty() && fs::is_regular_file(path, ec)) {
    const auto size = fs::file_size(path, ec);
    if (!ec && size > (std::uintmax_t(256) << 20))
      throw InputError(kField, "'" + quoteForMessage(file) + "' is larger than 256 MiB",
                       allowedFiles());
    const auto stamp = fs::last_write_time(path, ec).time_since_epoch().count();
    return "file:" + fs::absolute(path, ec).string() + ":" + std::to_string(stamp) + ":" +
           std::to_string(size);
  }
  if (findShippedImage(file)) return "shipped:" + file;
  throw InputError(kField, "cannot read '" + quoteForMessage(file) + "'", allowedFiles());
}

/// The bytes `file` names (sourceKey found it).
std::vector<unsigned char> readBytes(const std::string& file) {
  std::error_code ec;
  if (const ShippedImage* shipped = findShippedImage(file);
      shipped && !std::filesystem::is_regular_file(file, ec))
    return {shipped->bytes, shipped->bytes + shipped->size};
  std::ifstream in(file, std::ios::binary);
  std::vector<unsigned char> bytes((std::istreambuf_iterator<char>(in)),
                                   std::istreambuf_iterator<char>());
  if (!in && !in.eof())
    throw InputError(kField, "cannot read '" + quoteForMessage(file) + "'", allowedFiles());
  return bytes;
}

/// Decoded tables of the last few images: scenes are validated and built often (each GUI
/// edit), the file is read and decoded once while it does not change.
std::shared_ptr<const PixelTable> loadTable(const std::string& file, bool invert) {
  static std::mutex mutex;
  static std::list<std::pair<std::string, std::shared_ptr<const PixelTable>>> cache;
  const std::string key = sourceKey(file) + (invert ? ":invert" : ":plain");
  {
    std::lock_guard lock(mutex);
    for (const auto& [k, table] : cache)
      if (k == key) return table;
  }
  const std::vector<unsigned char> bytes = readBytes(file);
  GrayImage image;
  try {
    image = decodePngDensity(bytes.data(), bytes.size(), invert);
  } catch (const std::runtime_error& e) {
    throw InputError(kField, "'" + quoteForMessage(file) + "': " + e.what(), allowedFiles());
  }
  auto table = std::make_shared<const PixelTable>(buildTable(image));
  if (table->pixel.empty())
    throw InputError(kField,
                     "'" + quoteForMessage(file) + "' has no " +
                         (invert ? "non-white" : "non-black") + " pixels (zero density)",
                     allowedFiles());
  std::lock_guard lock(mutex);
  cache.emplace_front(key, table);
  if (cache.size() > 4) cache.pop_back();
  return table;
}

}  // namespace

TargetInfo imageTargetInfo() {
  return {
      "image",
      "a grayscale PNG read as a density (bright = dense), sampled exactly from its pixels",
      2,
      {ParamSpec::text("file", kDefaultTargetImage,
                       "PNG image (relative: to the scene's folder, the working directory, "
                       "or a shipped image: " +
                           shippedImageList() + ")",
                       true),
       ParamSpec::flag("invert", false, "dark pixels are dense (ink on white paper)"),
       ParamSpec::number("size", 6.0, 0.0, 1e4, "the image's longer side in target units", true)},
      [](const ParamSet& p, int) -> std::unique_ptr<Target> {
        return std::make_unique<ImageTarget>(loadTable(p.text("file"), p.flag("invert")),
                                             p.number("size"));
      }};
}

}  // namespace driftlab
