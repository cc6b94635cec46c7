#!/usr/bin/env bash
# Builds the Integra API emulator for Node (the npm package's testing kit) into
#   target/pkg/testing/emulator/emulator.js + emulator_bg.wasm (+ .d.ts)
# from www/emulator-wasm: the emulator crate's transport-neutral core without its `server`
# feature (no axum, no tokio), through wasm-bindgen --target experimental-nodejs-module (an ES
# module that reads and instantiates the .wasm beside it synchronously when imported: no init
# call, no flags, any Node with global `crypto`, 19+) and wasm-opt -Oz with the library's flags.
# pkg-template/testing/emulator.mjs loads it; scripts/package.sh packs it. The module is checked
# for reference types like every shipped module (scripts/no-reference-types.mjs).
# Usage: scripts/build-emulator.sh
source "$(dirname "$0")/lib.sh"
OUT=$(pkg_dir testing)/emulator
WASM=${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/integra_emulator_wasm.wasm
step "emulator: cargo build -p integra-emulator-wasm --release --target wasm32-unknown-unknown -> $OUT"
cargo build --quiet -p integra-emulator-wasm --release --target wasm32-unknown-unknown
rm -rf "$OUT" && mkdir -p "$OUT/tmp"
wasm-bindgen --target experimental-nodejs-module --out-dir "$OUT/tmp" --out-name emulator "$WASM"
wasm-opt -Oz --converge --low-memory-unused "$OUT/tmp/emulator_bg.wasm" -o "$OUT/emulator_bg.wasm"
mv "$OUT/tmp/emulator.js" "$OUT/tmp/emulator.d.ts" "$OUT/"
rm -rf "$OUT/tmp"
node "$ROOT/scripts/no-reference-types.mjs" "$OUT/emulator_bg.wasm" >/dev/null
printf '%-44s %10s %10s\n' "testing/emulator/emulator_bg.wasm" "$(wc -c <"$OUT/emulator_bg.wasm")" "$(gz "$OUT/emulator_bg.wasm")"
printf '%-44s %10s %10s\n' "testing/emulator/emulator.js" "$(wc -c <"$OUT/emulator.js")" "$(gz "$OUT/emulator.js")"
