#!/usr/bin/env bash
# Builds OrgGraph and runs its main job on the shipped Kuaishou timeline: validate every
# snapshot, show reporting chains before and after the reorganization of 2025-09-30, what
# changed, and Wang Jianwei's record across the timeline.
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
