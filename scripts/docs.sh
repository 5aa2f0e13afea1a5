#!/usr/bin/env bash
# Builds the library's documentation (the DocC catalog: file formats, queries, changesets, the
# Kuaishou walkthrough, and every public symbol) as a static site in OUTDIR (default out/docs),
# with swift-docc-plugin. Any DocC warning (a broken link, an undocumented parameter) fails the
# build, and so does a public symbol declared in the sources without a summary (those Swift
# makes itself, such as a synthesized ==, have no source and are not counted). .ci/run runs it.
#   bash scripts/docs.sh [OUTDIR]
set -euo pipefail
source "$(dirname "$0")/setup.sh"
out=$(realpath -m "${1:-out/docs}")
mkdir -p "$out"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
swift package --allow-writing-to-directory "$out" generate-documentation --target OrgGraph --disable-indexing \
  --transform-for-static-hosting --hosting-base-path orggraph --output-path "$out" \
  --experimental-documentation-coverage --coverage-summary-level brief > "$log" 2>&1 || { cat "$log" >&2; exit 1; }
if grep -q '^warning:' "$log"; then
  grep -A6 '^warning:' "$log" >&2
  echo "error: DocC gave $(grep -c '^warning:' "$log") warnings" >&2
  exit 1
fi
for page in kuaishouwalkthrough orgfileformat changesetformat queries orgcore timeline; do
  [ -f "$out/data/documentation/orggraph/$page.json" ] || { echo "error: the site has no page '$page'" >&2; exit 1; }
done
# Every public symbol written in the sources has a doc comment.
graph=$(find .build -path '*extracted-symbols*' -name OrgGraph.symbols.json | head -1)
[ -n "$graph" ] || { echo "error: no symbol graph of OrgGraph under .build" >&2; exit 1; }
python3 - "$graph" <<'PY'
import json, sys
symbols = json.load(open(sys.argv[1]))["symbols"]
public = [s for s in symbols if s.get("accessLevel") in ("public", "open") and "location" in s]
bare = [s for s in public if not s.get("docComment")]
for s in bare:
    where = s["location"]["uri"].split("/Sources/", 1)[-1]
    print(f"Sources/{where}:{s['location']['position']['line'] + 1}: {'.'.join(s['pathComponents'])} has no summary", file=sys.stderr)
print(f"public symbols with a summary: {len(public) - len(bare)} of {len(public)}")
sys.exit(1 if bare else 0)
PY
sed -n '/Abstract/,/^$/p' "$log"
echo "docs: $out (open documentation/orggraph/index.html through a web server at /orggraph/)"
