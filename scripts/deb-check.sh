#!/usr/bin/env bash
# Builds the Debian package and checks it on this machine: apt installs it with its
# dependencies; the installed orggraph reports its version, validates and draws Kuaishou, and
# its manual page and completions are where man and the shells look; apt then removes it and
# nothing of it is left. (A clean root made with debootstrap would show the dependencies are
# complete; installing on the build machine, which has them, shows less.) .ci/run runs it.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
if [ -e /usr/bin/orggraph ] && ! dpkg -S /usr/bin/orggraph >/dev/null 2>&1; then
  echo "error: /usr/bin/orggraph exists and no package owns it; not installing over it" >&2
  exit 1
fi
out=$(mktemp -d)
work=$(mktemp -d)
trap 'rm -rf "$out" "$work"' EXIT
deb=$(bash scripts/package-deb.sh "$out")
dpkg-deb --info "$deb" | sed -n '/Package:/,$p'
dpkg-deb --contents "$deb" | awk '{ print $6 }' | grep -E '^\./usr/(bin|share/man/man1/orggraph(\.validate)?\.1\.gz|share/bash-completion|share/orggraph/schemas/org)' 
DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$deb" > "$work/apt.log" 2>&1 || { cat "$work/apt.log" >&2; exit 1; }
fail() { echo "error: $*" >&2; apt-get remove -y -q orggraph >/dev/null 2>&1 || true; exit 1; }
[ "$(command -v orggraph)" = /usr/bin/orggraph ] || fail "orggraph is not on PATH after installing"
version=$(orggraph --version)
[ "$deb" != "${deb%_${version}_*.deb}" ] || fail "the installed orggraph says version $version, the package is $deb"
# It needs no Swift toolchain: no library it loads comes from one.
ldd /usr/bin/orggraph | grep -q swift && fail "the installed binary loads Swift's libraries: $(ldd /usr/bin/orggraph | grep swift)"
orggraph validate Graphs/kuaishou || fail "the installed orggraph does not validate Kuaishou"
orggraph render Graphs/kuaishou -o "$work/kuaishou.png" || fail "the installed orggraph does not draw Kuaishou"
[ "$(head -c 8 "$work/kuaishou.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || fail "the chart is not a PNG"
page=$(MANWIDTH=80 man -P cat orggraph 2>&1) || fail "man orggraph: $page"
grep -q 'validate' <<<"$page" || fail "man orggraph does not list validate"
MANWIDTH=80 man -P cat orggraph.validate 2>&1 | grep -q -- '--format' || fail "man orggraph.validate has no --format"
[ -f /usr/share/bash-completion/completions/orggraph ] || fail "no bash completion"
DEBIAN_FRONTEND=noninteractive apt-get remove -y -q orggraph > "$work/apt.log" 2>&1 || { cat "$work/apt.log" >&2; exit 1; }
left=$(ls /usr/bin/orggraph /usr/share/man/man1/orggraph*.1.gz /usr/share/orggraph 2>/dev/null || true)
[ -z "$left" ] || { echo "error: left after removing: $left" >&2; exit 1; }
echo "deb: $(basename "$deb") installs, validates and draws Kuaishou, has its manual pages, and removes cleanly"
