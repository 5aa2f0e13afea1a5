#!/usr/bin/env bash
# Builds OrgGraph and runs its whole test suite. The second of the README's two commands.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
swift build --build-tests
swift test
