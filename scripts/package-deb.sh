#!/usr/bin/env bash
# Builds orggraph_VERSION_amd64.deb in OUTDIR (default: the current folder): the release binary
# with the Swift runtime linked in, a manual page for orggraph and each subcommand (from the
# ArgumentParser definitions, checked with groff for warnings), completions for bash, zsh and
# fish, and the JSON Schemas. Its run-time dependencies are the packages that hold the shared
# libraries the binary loads (ldd, then dpkg -S), and a CJK font for PNG and PDF charts.
#   bash scripts/package-deb.sh [OUTDIR]
set -euo pipefail
source "$(dirname "$0")/setup.sh"
install_missing_packages groff-base man-db
outdir=$(realpath "${1:-.}")
scratch=.build-deb
swift build -c release --static-swift-stdlib --scratch-path "$scratch" --product orggraph >&2
swift build -c release --scratch-path "$scratch" --product generate-manual >&2
bin=$(swift build -c release --static-swift-stdlib --scratch-path "$scratch" --show-bin-path)
version=$("$bin/orggraph" --version)
arch=$(dpkg --print-architecture)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root=$work/orggraph_${version}_$arch

install -D -m 0755 "$bin/orggraph" "$root/usr/bin/orggraph"
strip --strip-unneeded "$root/usr/bin/orggraph"

# Manual pages; any warning groff gives stops the build.
mkdir -p "$work/man" "$root/usr/share/man/man1"
"$bin/generate-manual" "$bin/orggraph" --multi-page --output-directory "$work/man" >&2
for page in "$work"/man/*.1; do
  warnings=$(LC_ALL=C.UTF-8 groff -mdoc -ww -z -K utf8 "$page" 2>&1)
  if [ -n "$warnings" ]; then
    echo "error: $(basename "$page"): $warnings" >&2
    exit 1
  fi
  gzip -9n -c "$page" > "$root/usr/share/man/man1/$(basename "$page").gz"
done

# Completions, where each shell looks for them.
install -d "$root/usr/share/bash-completion/completions" "$root/usr/share/zsh/vendor-completions" "$root/usr/share/fish/vendor_completions.d"
"$bin/orggraph" --generate-completion-script bash > "$root/usr/share/bash-completion/completions/orggraph"
"$bin/orggraph" --generate-completion-script zsh > "$root/usr/share/zsh/vendor-completions/_orggraph"
"$bin/orggraph" --generate-completion-script fish > "$root/usr/share/fish/vendor_completions.d/orggraph.fish"

install -d "$root/usr/share/orggraph/schemas" "$root/usr/share/doc/orggraph"
install -m 0644 Graphs/schemas/*.schema.json "$root/usr/share/orggraph/schemas/"
install -m 0644 README.md "$root/usr/share/doc/orggraph/README.md"

# The packages of the libraries it loads, each at least the version built against.
depends=()
for library in $(ldd "$root/usr/bin/orggraph" | awk '$2 == "=>" && $3 ~ /^\// { print $3 }'); do
  real=$(realpath "$library")
  owner=$(dpkg -S "$library" 2>/dev/null || dpkg -S "$real" 2>/dev/null || true)
  [ -n "$owner" ] || { echo "error: no package holds $library" >&2; exit 1; }
  name=${owner%%:*}
  name=${name%%,*}
  upstream=$(dpkg-query -W -f='${Version}' "$name" | sed 's/-[^-]*$//')
  depends+=("$name (>= $upstream)")
done
# Graphviz loads its layout and render plugins at run time (they are in libgvc6); the font is
# the one charts measure text with.
depends+=("fonts-wqy-zenhei")
depends_line=$(printf '%s\n' "${depends[@]}" | sort -u | paste -sd, | sed 's/,/, /g')

mkdir -p "$root/DEBIAN"
cat > "$root/DEBIAN/control" <<CONTROL
Package: orggraph
Version: $version
Architecture: $arch
Maintainer: OrgGraph developers <orggraph@localhost>
Installed-Size: $(du -sk "$root/usr" | cut -f1)
Depends: $depends_line
Section: utils
Priority: optional
Description: organisations as plain-text graphs: query, diff and draw them
 OrgGraph keeps an organisation (units, posts, people, solid and dotted lines,
 dates and sources) in YAML files under version control, answers reporting
 questions about it, shows how it changed between versions, and draws org
 charts through Graphviz.
CONTROL
dpkg-deb --root-owner-group --build "$root" "$outdir/orggraph_${version}_$arch.deb" >&2
echo "$outdir/orggraph_${version}_$arch.deb"
