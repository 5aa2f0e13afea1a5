#!/usr/bin/env bash
# Builds OrgGraph and runs its whole test suite, then each fuzzer briefly. The second of the
# README's two commands; CI runs it through .ci/run.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
swift build --build-tests
# The tests read the writer's YAML with PyYAML, from a virtual environment this makes.
bash scripts/yaml-check-venv.sh
swift test
# The interactive HTML chart in a real browser (headless chromium, Selenium).
bash scripts/browser-test.sh
# The JSON Schemas against the shipped and written files, with a real validator (jsonschema).
bash scripts/schema-check.sh
# The fuzzers, 20 seconds each, from the corpus of known inputs (bash scripts/fuzz.sh 600 for longer).
bash scripts/fuzz.sh 20
