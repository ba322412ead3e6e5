#!/usr/bin/env bash
# Every flow's preset (FlowInfo::preset; tst_flow_presets checks the list is complete) on
# 8gaussians and 25gaussians, N = 2000, 500 steps (pf-ode: its own time grid), one table.
#   bash resources/experiments/family/compare.sh [build/bin/driftlab] [extra compare options]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
cli="${1:-$root/build/bin/driftlab}"
shift || true
scenes=(default laplace-8gaussians gaussian-meanshift sharp-laplace mmd-8gaussians
        f-divergence-mixed svgd-8gaussians pf-ode-vp)
args=()
for s in "${scenes[@]}"; do args+=("$root/resources/scenes/$s.json"); done
exec "$cli" compare "${args[@]}" --targets 8gaussians,25gaussians --steps 500 --particles 2000 \
  --csv "$here/family.csv" "$@"
