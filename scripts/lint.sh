#!/usr/bin/env bash
# The lint layer: the JavaScript formatted (scripts/js-fmt.sh), linted (ESLint,
# eslint.config.mjs) and type-checked (tsc --checkJs, tsconfig.js.json; HTML pages' inline scripts
# too: scripts/js-types.mjs); `cargo fmt` and clippy
# with warnings as errors, natively (the whole workspace, every target) and for wasm32 per entry
# of scripts/entries.tsv: the library with exactly that entry's features (what the entry ships:
# `no_std` unless they include `std`), and its wasm tests with them plus `std` (the test harness
# links std, which brings its own panic handler); the allocator crate (heap/) for wasm32, where
# its pages come from `memory.grow`; the Integra API emulator's WebAssembly build
# (www/emulator-wasm); and the docs: generated tables against the result files, each size
# figure in one file.
# Prints `lint: N passed, M failed`.
source "$(dirname "$0")/lib.sh"
PASSED=0 FAILED=0
check() {
  local name=$1; shift
  step "lint $name: $*"
  if "$@"; then PASSED=$((PASSED + 1)); echo "ok    $name"; else FAILED=$((FAILED + 1)); echo "FAIL  $name"; fi
}
check js-format scripts/js-fmt.sh --check
check js-lint eslint --max-warnings 0 .
check js-types node scripts/js-types.mjs
check fmt cargo fmt --all --check
check clippy-native cargo clippy --workspace --all-targets --quiet -- -D warnings
# The allocator crate's wasm-only code (its pages from `memory.grow`) builds only for wasm32.
check clippy-wasm-heap cargo clippy -p ucb-heap --target wasm32-unknown-unknown --quiet --lib -- -D warnings
# The Integra API emulator for Node (www/emulator-wasm: wasm32-only code) and the emulator's
# core without its `server` feature, as that build compiles it.
check clippy-wasm-emulator cargo clippy -p integra-emulator-wasm --target wasm32-unknown-unknown --quiet -- -D warnings
while read -r name features _; do
  check "clippy-wasm-$name" cargo clippy -p ucontact-bridge --target wasm32-unknown-unknown --quiet \
    --no-default-features --features "$features" --lib -- -D warnings
  check "clippy-wasm-$name-tests" cargo clippy -p ucontact-bridge --target wasm32-unknown-unknown --quiet \
    --no-default-features --features "$features,std" --test node --test browser -- -D warnings
done < <(entries)
# The docs' tables of measured figures match bench/results/*.json (scripts/bench-table.mjs), and
# no size figure is written in two hand-written files (scripts/figures-once.mjs), and README.md and
# BENCHMARKS.md stay within their lengths (scripts/doc-limits.mjs).
check docs-tables node scripts/bench-table.mjs --check
check docs-figures-once node scripts/figures-once.mjs
check docs-limits node scripts/doc-limits.mjs
echo "lint: $PASSED passed, $FAILED failed"
[ "$FAILED" -eq 0 ]
