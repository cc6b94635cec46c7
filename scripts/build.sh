#!/usr/bin/env bash
# Builds the wasm package: cargo (release, size profile) -> wasm-bindgen --target web ->
# wasm-opt -Oz (npm binaryen), into target/pkg/web, and prints the sizes (raw and gzip -9).
# Usage: scripts/build.sh            (runs scripts/setup.sh --no-browser first)
source "$(dirname "$0")/lib.sh"
"$ROOT/scripts/setup.sh" --no-browser

OUT=target/pkg/web
step "cargo build --release --target wasm32-unknown-unknown"
cargo build --release --target wasm32-unknown-unknown -p ucontact-bridge --lib
step "wasm-bindgen --target web -> $OUT"
rm -rf "$OUT"
wasm-bindgen --target web --out-dir "$OUT" target/wasm32-unknown-unknown/release/ucontact_bridge.wasm
step "wasm-opt -Oz"
wasm-opt -Oz "$OUT/ucontact_bridge_bg.wasm" -o "$OUT/ucontact_bridge_bg.wasm"

W="$OUT/ucontact_bridge_bg.wasm"; J="$OUT/ucontact_bridge.js"
printf '\n%-28s %10s %10s\n' "file" "raw" "gzip -9"
printf '%-28s %10s %10s\n' "ucontact_bridge_bg.wasm" "$(wc -c <"$W")" "$(gz "$W")"
printf '%-28s %10s %10s\n' "ucontact_bridge.js" "$(wc -c <"$J")" "$(gz "$J")"
printf '%-28s %10s %10s\n' "total" "$(( $(wc -c <"$W") + $(wc -c <"$J") ))" "$(( $(gz "$W") + $(gz "$J") ))"
