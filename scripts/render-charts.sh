#!/usr/bin/env bash
# Renders the Kuaishou charts: the unit tree the day before and on the day of the
# reorganization of 2025-09-30, the reporting tree after it, and the before/after comparison,
# each as SVG and as its DOT source. Writes to Graphs/kuaishou/charts, or to the folder given.
#   bash scripts/render-charts.sh [FOLDER]
set -euo pipefail
source "$(dirname "$0")/setup.sh"
out=${1:-Graphs/kuaishou/charts}
mkdir -p "$out"
swift build -c release --product orggraph >&2
orggraph=$(swift build -c release --show-bin-path)/orggraph

render() {
  local name=$1; shift
  "$orggraph" "$@" --format dot -o "$out/$name.dot" 2>/dev/null
  "$orggraph" "$@" --format svg -o "$out/$name.svg" 2>/dev/null
  echo "$out/$name.svg"
}
render 2025-09-29-units render Graphs/kuaishou@2025-09-29 --view units
render 2025-09-30-units render Graphs/kuaishou@2025-09-30 --view units
render 2025-09-30-people render Graphs/kuaishou@2025-09-30 --view people
render compare compare Graphs/kuaishou@2025-09-29 Graphs/kuaishou@2025-09-30
