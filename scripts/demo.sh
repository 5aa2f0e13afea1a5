#!/usr/bin/env bash
# Builds OrgGraph and runs its main job on the shipped Kuaishou timeline: validate every
# snapshot, show reporting chains before and after the reorganization of 2025-09-30, what
# changed, Wang Jianwei's record across the timeline, and the charts before, after and compared
# (written to out/kuaishou/, whose paths it prints).
set -euo pipefail
source "$(dirname "$0")/setup.sh"
swift build -c release --product orggraph
orggraph=$(swift build -c release --show-bin-path)/orggraph

run() {
  echo
  echo "\$ orggraph $*"
  "$orggraph" "$@"
}
run validate Graphs/kuaishou
run chain Graphs/kuaishou@2025-09-29 笑古
run chain Graphs/kuaishou@2025-09-29 "Liu Xiao"
run chain Graphs/kuaishou 刘逍
run chain Graphs/kuaishou liu-xiao --json
run diff Graphs/kuaishou@2025-09-29 Graphs/kuaishou@2025-09-30
run history Graphs/kuaishou wang-jianwei

echo
echo "\$ bash scripts/render-charts.sh out/kuaishou"
bash scripts/render-charts.sh out/kuaishou 2>/dev/null | sed 's/^/chart: /'
run render Graphs/kuaishou -o out/kuaishou/kuaishou.html
echo "Open out/kuaishou/kuaishou.html in a browser: search, zoom, click a card, step through the dates."
