#!/usr/bin/env bash
# Builds the Debian package and checks it twice. In a clean Debian 12 root made with debootstrap
# (minbase), apt installs it with only what its Depends pull in, and the installed orggraph
# reports its version, validates Kuaishou and draws it as PNG: the dependencies are complete.
# (When debootstrap cannot reach a mirror, that part is skipped with a warning.) Then on this
# machine: apt installs it, the same commands and its manual pages and completions work, and
# apt removes it leaving nothing of it. .ci/run runs it.
set -euo pipefail
source "$(dirname "$0")/setup.sh"
if [ -e /usr/bin/orggraph ] && ! dpkg -S /usr/bin/orggraph >/dev/null 2>&1; then
  echo "error: /usr/bin/orggraph exists and no package owns it; not installing over it" >&2
  exit 1
fi
out=$(mktemp -d)
work=$(mktemp -d)
# The clean root's /proc is mounted while it is used (Swift reads its arguments there); it is
# unmounted before anything is removed.
trap 'umount "$work/root/proc" 2>/dev/null || true; rm -rf --one-file-system "$out" "$work"' EXIT
deb=$(bash scripts/package-deb.sh "$out")
dpkg-deb --info "$deb" | sed -n '/Package:/,$p'
dpkg-deb --contents "$deb" | awk '{ print $6 }' | grep -E '^\./usr/(bin|share/man/man1/orggraph(\.validate)?\.1\.gz|share/bash-completion|share/orggraph/schemas/org)'

# A clean root: only the package's own dependencies.
install_missing_packages debootstrap
root=$work/root
if debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian > "$work/debootstrap.log" 2>&1; then
  cp "$deb" "$root/tmp/" && cp -r Graphs/kuaishou "$root/tmp/kuaishou"
  mount -t proc proc "$root/proc"
  chroot "$root" /bin/sh -c "export DEBIAN_FRONTEND=noninteractive LC_ALL=C.UTF-8
    apt-get update -q > /tmp/apt.log 2>&1 && apt-get install -y -q --no-install-recommends /tmp/$(basename "$deb") >> /tmp/apt.log 2>&1 || { cat /tmp/apt.log; exit 1; }
    [ \"\$(orggraph --version)\" = $(dpkg-deb -f "$deb" Version) ] && orggraph validate /tmp/kuaishou && orggraph render /tmp/kuaishou -o /tmp/kuaishou.png --quiet" \
    || { echo "error: the package does not install and run in a clean root" >&2; exit 1; }
  umount "$root/proc"
  [ "$(head -c 8 "$root/tmp/kuaishou.png" | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] || { echo "error: no PNG drawn in the clean root" >&2; exit 1; }
  echo "deb: installs and runs in a clean Debian 12 root (debootstrap minbase) with its Depends alone"
else
  tail -5 "$work/debootstrap.log" >&2
  echo "warning: debootstrap could not make a clean root; checking on this machine only" >&2
fi
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
