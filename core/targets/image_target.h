#pragma once
/// The `image` target (2D): a grayscale PNG read as a density and sampled exactly from its
/// pixels. A pixel is chosen with probability proportional to its value (Walker's alias table:
/// O(1) per sample), then a point uniform in its square. The image fills a box centred at 0
/// whose longer side is `size`, keeping the aspect ratio; bounds() is that box.
///
/// `file`: a PNG path. A relative path is tried against the working directory, then as the
/// name of a shipped image (resources/images/, compiled in); scene files first resolve it
/// against their own folder (parseScene). Default: the shipped "smiley.png".
/// Density: brightness (gray * alpha); `invert` uses darkness instead (drawings in ink on
/// white paper). Color becomes luminance. Unreadable, non-PNG and all-zero images are an
/// InputError naming target.file.
#include "registry/registry.h"

namespace driftlab {

/// The shipped image used when a scene names no file.
inline constexpr const char* kDefaultTargetImage = "smiley.png";

TargetInfo imageTargetInfo();

}  // namespace driftlab
