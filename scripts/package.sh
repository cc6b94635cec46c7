#!/usr/bin/env bash
# Assembles the npm package and packs it:
#   target/pkg/npm/                     the package directory (what `npm publish` would send)
#   target/pkg/ucontact-bridge-<v>.tgz  the tarball (`npm pack`), what consumers install
# Content: the ES module build (target/pkg/web), the script-tag build under script/
# (target/pkg/script), and the hand-kept package.json and README.md from pkg-template/.
# Usage: scripts/package.sh [--no-build]   (--no-build: reuse target/pkg/web and target/pkg/script)
source "$(dirname "$0")/lib.sh"
[ "${1:-}" = "--no-build" ] || "$ROOT/scripts/build.sh"

CRATE_VERSION=$(awk -F'"' '/^version = /{print $2; exit}' Cargo.toml)
PKG_VERSION=$(node -p "require('./pkg-template/package.json').version")
if [ "$CRATE_VERSION" != "$PKG_VERSION" ]; then
  echo "pkg-template/package.json version $PKG_VERSION differs from Cargo.toml $CRATE_VERSION" >&2
  exit 1
fi

NPM=target/pkg/npm
step "assemble $NPM"
rm -rf "$NPM" && mkdir -p "$NPM/script"
cp target/pkg/web/ucontact_bridge.js target/pkg/web/ucontact_bridge.d.ts \
   target/pkg/web/ucontact_bridge_bg.wasm target/pkg/web/ucontact_bridge_bg.wasm.d.ts "$NPM/"
cp target/pkg/script/ucontact-bridge.js target/pkg/script/ucontact-bridge_bg.wasm "$NPM/script/"
cp pkg-template/package.json pkg-template/README.md "$NPM/"

step "npm pack"
rm -f target/pkg/ucontact-bridge-*.tgz
(cd target/pkg && npm pack ./npm --loglevel=warn >/dev/null)
TGZ=target/pkg/ucontact-bridge-$CRATE_VERSION.tgz
echo "$TGZ ($(wc -c <"$TGZ") bytes)"
tar -tzf "$TGZ" | sed 's/^/  /'
