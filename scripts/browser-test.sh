#!/usr/bin/env bash
# The interactive HTML chart tested in a real browser: Debian's chromium, headless, driven by
# Selenium from a pinned virtual environment (.venv-browser), with Debian's chromedriver.
# Installs what is missing, renders the Kuaishou timeline and a generated 20,000-person org as
# HTML with the build in .build (debug unless ORGGRAPH is set), and runs
# Tests/Browser/test_html_chart.py on them. scripts/test.sh runs it after the Swift tests.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
install_missing_packages chromium chromium-driver python3-venv
venv=.venv-browser
version=4.27.1
if ! { [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "import sys, selenium; sys.exit(selenium.__version__ != '$version')" 2>/dev/null; }; then
  rm -rf "$venv"
  /usr/bin/python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "selenium==$version"
fi
bin=${ORGGRAPH:-.build/debug/orggraph}
[ -x "$bin" ] || swift build --product orggraph
pages=$(mktemp -d)
trap 'rm -rf "$pages"' EXIT
"$bin" render Graphs/kuaishou -o "$pages/kuaishou.html" --quiet
"$bin" generate --people 20000 --seed 3 -o "$pages/big.csv" --quiet
"$bin" render "$pages/big.csv" -o "$pages/big.html" --quiet
"$venv/bin/python" Tests/Browser/test_html_chart.py "$pages"
