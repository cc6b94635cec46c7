#!/usr/bin/env bash
# Builds the two browser builds from one release compile, and prints their sizes:
#   target/pkg/web     ES module + .d.ts (wasm-pack --target web; wasm-opt -Oz from npm
#                      binaryen): the npm package's content, and what the sandbox serves
#   target/pkg/script  the script-tag build for legacy forms: one classic script that sets the
#                      global `UContactBridge` and finds its .wasm next to itself
# Usage: scripts/build.sh            (runs scripts/setup.sh --no-browser first)
source "$(dirname "$0")/lib.sh"
"$ROOT/scripts/setup.sh" --no-browser

WEB=target/pkg/web SCRIPT=target/pkg/script
step "wasm-pack build --release --target web -> $WEB"
rm -rf "$WEB"
# --no-pack: the package.json is hand-kept in pkg-template/ (scripts/package.sh).
wasm-pack --log-level warn build --release --target web --no-pack --out-dir "$WEB" --out-name ucontact_bridge . >/dev/null
rm -f "$WEB/.gitignore"

step "wasm-bindgen --target no-modules -> $SCRIPT"
rm -rf "$SCRIPT" && mkdir -p "$SCRIPT/tmp"
wasm-bindgen --target no-modules --no-typescript --out-dir "$SCRIPT/tmp" target/wasm32-unknown-unknown/release/ucontact_bridge.wasm
wasm-opt -Oz --converge "$SCRIPT/tmp/ucontact_bridge_bg.wasm" -o "$SCRIPT/ucontact-bridge_bg.wasm"
# The glue defines `wasm_bindgen`; wrapped in a function it stays private, and the loader below
# publishes it as `UContactBridge` with a `ready` promise.
{
  echo "/* ucontact-bridge $(awk -F'"' '/^version = /{print $2; exit}' Cargo.toml) - script-tag build. Sets window.UContactBridge; await UContactBridge.ready. */"
  echo "(function () {"
  cat "$SCRIPT/tmp/ucontact_bridge.js"
  cat "$ROOT/pkg-template/script-loader.js"
  echo "})();"
} > "$SCRIPT/ucontact-bridge.js"
rm -rf "$SCRIPT/tmp"

row() { printf '%-36s %10s %10s\n' "$1" "$(wc -c <"$2")" "$(gz "$2")"; }
printf '\n%-36s %10s %10s\n' "file" "raw" "gzip -9"
row "web/ucontact_bridge_bg.wasm" "$WEB/ucontact_bridge_bg.wasm"
row "web/ucontact_bridge.js" "$WEB/ucontact_bridge.js"
printf '%-36s %10s %10s\n' "web total" "$(( $(wc -c <"$WEB/ucontact_bridge_bg.wasm") + $(wc -c <"$WEB/ucontact_bridge.js") ))" \
  "$(( $(gz "$WEB/ucontact_bridge_bg.wasm") + $(gz "$WEB/ucontact_bridge.js") ))"
row "script/ucontact-bridge_bg.wasm" "$SCRIPT/ucontact-bridge_bg.wasm"
row "script/ucontact-bridge.js" "$SCRIPT/ucontact-bridge.js"
