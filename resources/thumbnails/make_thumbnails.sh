#!/usr/bin/env bash
# Regenerates the File > Examples thumbnails: one 160x100 PNG per preset listed in
# resources/driftlab.qrc (the one list of presets), rendered by the real application at twice
# that size after the first K steps of the preset and scaled down.
# Usage: resources/thumbnails/make_thumbnails.sh [BUILD_DIR] (default: build); needs a display
# (xvfb-run -a is used when DISPLAY is unset) and Python 3 with numpy and matplotlib.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
build="${1:-$root/build}"
gui="$build/bin/driftlab-gui"
steps="${THUMBNAIL_STEPS:-60}"
[[ -x "$gui" ]] || { echo "make_thumbnails: $gui not built" >&2; exit 1; }
export QT_QPA_PLATFORM="${QT_QPA_PLATFORM:-xcb}"
run=()
[[ -n "${DISPLAY:-}" ]] || run=(xvfb-run -a -s "-screen 0 1920x1080x24")
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
ids=$(sed -n 's|.*<file alias="scenes/\(.*\)\.json">.*|\1|p' "$root/resources/driftlab.qrc")
for id in $ids; do
  "${run[@]}" "$gui" "$root/resources/scenes/$id.json" --steps "$steps" \
    --screenshot "$tmp/$id.png" --view-only --size 320x200
  # Area-averaged 2x downscale (crisper than letting the menu scale a large icon).
  /usr/bin/python3 - "$tmp/$id.png" "$root/resources/thumbnails/$id.png" <<'PY'
import sys
import matplotlib.image as mpimg
import numpy as np
a = mpimg.imread(sys.argv[1])[..., :3]
h, w = a.shape[0] // 2 * 2, a.shape[1] // 2 * 2
a = a[:h, :w].reshape(h // 2, 2, w // 2, 2, 3).mean(axis=(1, 3))
mpimg.imsave(sys.argv[2], np.clip(a, 0, 1))
PY
  echo "thumbnail: $id"
done
