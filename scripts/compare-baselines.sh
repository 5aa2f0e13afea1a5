#!/usr/bin/env bash
# Builds OrgGraph in release mode, makes a virtual environment with the pinned Python packages
# the baselines need (from PyPI), and runs Benchmarks/compare.py, passing its arguments on.
#   bash scripts/compare-baselines.sh [--people N] [--chart N] [--runs N] [--skip-dot]
set -euo pipefail
source "$(dirname "$0")/setup.sh"
swift build -c release --product orggraph >&2
venv=.build-venv
pinned="networkx==3.6.1 pandas==2.3.3 numpy==2.4.6 polars==2.1.0 duckdb==1.5.6 igraph==1.0.0"
# Made again when the pins change.
if [ ! -x "$venv/bin/python" ] || [ "$(cat "$venv/.pinned" 2>/dev/null)" != "$pinned" ]; then
  rm -rf "$venv"
  python3 -m venv "$venv"
  # shellcheck disable=SC2086
  "$venv/bin/pip" install --quiet $pinned
  echo "$pinned" > "$venv/.pinned"
fi
command -v /usr/bin/time >/dev/null || { apt-get update -qq && apt-get install -y -qq time >/dev/null; }
"$venv/bin/python" Benchmarks/compare.py --python "$venv/bin/python" "$@"
