#!/usr/bin/env bash
# Rebuilds repro.wasm from src/lib.rs (unoptimized, as the bug needs). The committed repro.wasm
# is the one the README's figures were measured with; a newer rustc may emit other code.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
target=$(cd "$here/../../.." && pwd)/target/engine-bugs
CARGO_TARGET_DIR=$target cargo build --manifest-path "$here/Cargo.toml" --target wasm32-unknown-unknown
cp "$target/wasm32-unknown-unknown/debug/jsc_bbq_tierup_aes.wasm" "$here/repro.wasm"
sha256sum "$here/repro.wasm"
