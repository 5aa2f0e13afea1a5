#!/usr/bin/env bash
# Makes .venv-pyyaml, a Python virtual environment holding PyYAML at a pinned version: the
# tests load the YAML the writer writes with it, as a YAML 1.1 reader, and fail without it.
# Installs python3-venv when it is missing; keeps an environment that already has the pin.
# scripts/test.sh runs it before the tests.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
venv=.venv-pyyaml
version=6.0.2
if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "import sys, yaml; sys.exit(yaml.__version__ != '$version')" 2>/dev/null; then
  exit 0
fi
install_missing_packages python3-venv
rm -rf "$venv"
/usr/bin/python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "PyYAML==$version"
"$venv/bin/python" -c "import yaml; print('PyYAML', yaml.__version__, 'in $venv')" >&2
