#!/usr/bin/env bash
# Runs every test layer and ends with one line `total: N passed, N failed`:
#   0. lint        cargo fmt --check; clippy -D warnings natively and for wasm32 per entry
#   1. native      cargo test --workspace (the pure core, the sandbox and the emulator)
#   2. fuzz        a short pass of every fuzz target (scripts/fuzz.sh; the long run is separate)
#      miri        the allocator crate's tests (heap/) under Miri, on nightly (scripts/miri.sh)
#   3. wasm-node   wasm-bindgen-test in node
#   4. wasm-web    wasm-bindgen-test in headless Chromium
#   5. size        the built package against its gzip budget (scripts/size-budget.sh)
#   6. types       the generated .d.ts against its golden copy; tsc --strict on a typed consumer
#   7. e2e         the sandbox on two origins, driven through Playwright in headless Chromium
#   8. consumer    the packed npm tarball in Vite and webpack apps and a script-tag legacy form
#   9. secret-scan every log of this run (layers' output, the browsers' console logs) grepped
#                  for every secret the tests used (scripts/secret-scan.sh); so it runs last
# Installs what is missing first (scripts/setup.sh). Exits non-zero if anything failed.
# After the summary it repeats every `figure:` line of the layers' logs (hostile frames,
# settling, secrets) and the fuzz total, so they can be read off a CI log.
source "$(dirname "$0")/lib.sh"
"$ROOT/scripts/setup.sh"

# Fresh logs: the secret scan reads every file here, and must see this run's only.
LOGS=target/test-logs; rm -rf "$LOGS"; mkdir -p "$LOGS"
TOTAL_P=0; TOTAL_F=0; SUMMARY=()

# layer NAME COMMAND...: runs it (output shown and kept in target/test-logs/NAME.log), adds up
# the runner's own `N passed; N failed` / `N passed, N failed` lines; a command that fails
# without reporting a failed test counts as one failure (e.g. it did not compile).
layer() {
  local name=$1; shift
  step "layer $name: $*"
  local log="$LOGS/$name.log" rc=0
  "$@" 2>&1 | tee "$log" || rc=$?
  local p f
  p=$(grep -aoE '[0-9]+ passed[;,]' "$log" | awk '{s += $1} END {print s + 0}')
  f=$(grep -aoE '[0-9]+ failed' "$log" | awk '{s += $1} END {print s + 0}')
  # e2e prints per-test lines and its own total; count only its total line.
  # A missing total line means the run died: one failure.
  if [ "$name" = e2e ]; then
    p=$(sed -nE 's/^e2e: ([0-9]+) passed, [0-9]+ failed$/\1/p' "$log" | tail -n 1)
    f=$(sed -nE 's/^e2e: [0-9]+ passed, ([0-9]+) failed$/\1/p' "$log" | tail -n 1)
    p=${p:-0}; f=${f:-1}
  fi
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  TOTAL_P=$((TOTAL_P + p)); TOTAL_F=$((TOTAL_F + f))
  SUMMARY+=("$(printf '%-11s %4d passed, %d failed' "$name" "$p" "$f")")
}

export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export WASM_BINDGEN_TEST_WEBDRIVER_JSON="$ROOT/tests/webdriver.json"
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}"

layer lint scripts/lint.sh
layer native cargo test --workspace
layer fuzz scripts/fuzz.sh
layer miri scripts/miri.sh
layer wasm-node env WASM_BINDGEN_TEST_ONLY_NODE=1 cargo test -p ucontact-bridge --target wasm32-unknown-unknown --test node
layer wasm-web env WASM_BINDGEN_TEST_ONLY_WEB=1 cargo test -p ucontact-bridge --target wasm32-unknown-unknown --test browser
step "build the wasm package and the sandbox for e2e"
if scripts/build.sh && cargo build -p ucontact-sandbox; then
  layer size scripts/size-budget.sh
  layer types scripts/types.sh
  layer e2e node tests/e2e/run.mjs
  layer soak scripts/soak.sh
  step "pack the npm tarball for the consumer tests"
  if scripts/package.sh --no-build; then
    layer consumer node tests/consumer/run.mjs
  else
    TOTAL_F=$((TOTAL_F + 1)); SUMMARY+=("consumer   packaging failed")
  fi
else
  TOTAL_F=$((TOTAL_F + 1)); SUMMARY+=("e2e        build failed")
fi

# Last: it scans what every layer above wrote.
layer secret-scan scripts/secret-scan.sh

echo
echo "===== summary ($((SECONDS - T0)) s)"
printf '%s\n' "${SUMMARY[@]}"
FIGURES=$(grep -ahE '^(figure: |fuzz: total [0-9]+ inputs)' "$LOGS"/*.log 2>/dev/null || true)
if [ -n "$FIGURES" ]; then
  echo "----- figures"
  printf '%s\n' "$FIGURES"
fi
echo "total: $TOTAL_P passed, $TOTAL_F failed"
[ "$TOTAL_F" -eq 0 ]
