#!/usr/bin/env bash
# Runs every test layer and ends with one line `total: N passed, N failed`:
#   0. lint        cargo fmt --check; clippy -D warnings natively and for wasm32 per entry
#   1. native      cargo test --workspace (the pure core and the emulator)
#   2. fuzz        a short pass of every fuzz target (scripts/fuzz.sh; the long run is separate)
#      miri        the allocator crate's tests (heap/) under Miri, on nightly (scripts/miri.sh)
#      emitter     src/web/emitter.js, the subscriber lists, in Node (tests/emitter/, node:test):
#                  as written and as the build minifies it; needs no build
#   3. wasm-node   wasm-bindgen-test in node
#   4. wasm-web    wasm-bindgen-test in headless Chromium; wasm-web-firefox and wasm-web-webkit
#                  the same in Firefox ESR (geckodriver) and WebKitGTK (WebKitWebDriver under
#                  a virtual display)
#   5. sandbox     the sandbox server itself (tests/sandbox/, node:test): flags, --help, free
#                  ports, what each origin serves, close()
#      size        the built package against its gzip budget (scripts/size-budget.sh)
#   6. types       the generated .d.ts against its golden copy; tsc --strict on a typed consumer
#      testing     the npm package's testing kit in Node (tests/testing/): the Integra API
#                  emulator's WebAssembly build over real HTTP, and its parity with the axum one
#   7. e2e         the sandbox on two origins in headless Chromium; e2e-firefox, e2e-webkit the
#                  same tests in Firefox and WebKit (tests/e2e/engines.mjs is the driver layer);
#                  e2e-webkit-bbq the engine-stress test with JavaScriptCore's BBQ tier first;
#                  e2e-wpe, e2e-wpe-bbq the same in WPE WebKit 2.38 (Safari 16's generation)
#      soak        long runs and churn (tests/soak/); soak-firefox, soak-webkit a short form
#   8. consumer    the packed npm tarball in Vite and webpack apps and a script-tag legacy form,
#                  in each engine (consumer, consumer-firefox, consumer-webkit)
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
  local log="$LOGS/$name.log" rc=0 t0=$SECONDS
  "$@" 2>&1 | tee "$log" || rc=$?
  local p f
  p=$(grep -aoE '[0-9]+ passed[;,]' "$log" | awk '{s += $1} END {print s + 0}')
  f=$(grep -aoE '[0-9]+ failed' "$log" | awk '{s += $1} END {print s + 0}')
  # e2e prints per-test lines and its own total; count only its total line.
  # A missing total line means the run died: one failure.
  if [[ "$name" == e2e* ]]; then
    p=$(sed -nE 's/^e2e: ([0-9]+) passed, [0-9]+ failed$/\1/p' "$log" | tail -n 1)
    f=$(sed -nE 's/^e2e: [0-9]+ passed, ([0-9]+) failed$/\1/p' "$log" | tail -n 1)
    p=${p:-0}; f=${f:-1}
  fi
  if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; fi
  # Tests an engine's driver cannot run say so (`skipped: N`); never counted as passed.
  local s; s=$(sed -nE 's/^skipped: ([0-9]+).*/\1/p' "$log" | awk '{s += $1} END {print s + 0}')
  TOTAL_P=$((TOTAL_P + p)); TOTAL_F=$((TOTAL_F + f))
  SUMMARY+=("$(printf '%-17s %4d passed, %d failed%-13s %5d s' "$name" "$p" "$f" "$([ "$s" -gt 0 ] && echo ", $s skipped")" "$((SECONDS - t0))")")
}

export CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner
export CHROMEDRIVER="${CHROMEDRIVER:-/usr/bin/chromedriver}"
export WASM_BINDGEN_TEST_WEBDRIVER_JSON="$ROOT/tests/webdriver.json"
export WASM_BINDGEN_TEST_TIMEOUT="${WASM_BINDGEN_TEST_TIMEOUT:-120}"

layer lint scripts/lint.sh
layer native cargo test --workspace
layer fuzz scripts/fuzz.sh
layer miri scripts/miri.sh
layer emitter node tests/emitter/run.mjs
layer wasm-node env WASM_BINDGEN_TEST_ONLY_NODE=1 cargo test -p ucontact-bridge --target wasm32-unknown-unknown --test node
layer wasm-web env WASM_BINDGEN_TEST_ONLY_WEB=1 cargo test -p ucontact-bridge --target wasm32-unknown-unknown --test browser
layer wasm-web-firefox env -u CHROMEDRIVER WASM_BINDGEN_TEST_ONLY_WEB=1 GECKODRIVER="$(command -v geckodriver)" \
  cargo test -p ucontact-bridge --target wasm32-unknown-unknown --test browser
# MiniBrowser has no headless mode: a virtual X display. JavaScriptCore's BBQ tier computes
# wrong AES blocks in this unoptimized test build now and then (tests/engine-bugs/
# jsc-bbq-tierup-aes), so this layer runs with BBQ off; the release builds, which ship, are
# stressed in WebKit's default tiers and with BBQ first by the engine-stress test (e2e-webkit).
layer wasm-web-webkit env -u CHROMEDRIVER WASM_BINDGEN_TEST_ONLY_WEB=1 SAFARIDRIVER=/usr/bin/WebKitWebDriver JSC_useBBQJIT=0 \
  xvfb-run -a -s "-screen 0 1280x1024x24" cargo test -p ucontact-bridge --target wasm32-unknown-unknown --test browser
step "build the wasm package for the sandbox and e2e"
if scripts/build.sh; then
  layer sandbox node tests/sandbox/run.mjs
  layer size scripts/size-budget.sh
  layer types scripts/types.sh
  layer testing node tests/testing/run.mjs
  layer e2e node tests/e2e/run.mjs
  layer e2e-firefox env UCB_ENGINE=firefox UCB_LOG_NAME=e2e-firefox node tests/e2e/run.mjs
  layer e2e-webkit env UCB_ENGINE=webkit UCB_LOG_NAME=e2e-webkit node tests/e2e/run.mjs
  # The engine-stress test again, with JavaScriptCore's wasm interpreter off (BBQ first).
  layer e2e-webkit-bbq env UCB_ENGINE=webkit UCB_JSC_TIERS=bbq-first UCB_E2E_FILTER=engine-stress \
    UCB_LOG_NAME=e2e-webkit-bbq node tests/e2e/run.mjs
  # And in WPE WebKit 2.38, the JavaScriptCore of Safari 16's generation, whose BBQ tier traps
  # on an externref table (docs/decisions/no-reference-types.md): default tiers and BBQ first.
  layer e2e-wpe env UCB_ENGINE=wpe UCB_E2E_FILTER=engine-stress UCB_LOG_NAME=e2e-wpe node tests/e2e/run.mjs
  layer e2e-wpe-bbq env UCB_ENGINE=wpe UCB_JSC_TIERS=bbq-first UCB_E2E_FILTER=engine-stress \
    UCB_LOG_NAME=e2e-wpe-bbq node tests/e2e/run.mjs
  layer soak scripts/soak.sh
  # A short form in the other two engines (tests/soak/README.md says what is measured there).
  layer soak-firefox env UCB_ENGINE=firefox UCB_LOG_NAME=soak-firefox scripts/soak.sh
  layer soak-webkit env UCB_ENGINE=webkit UCB_LOG_NAME=soak-webkit scripts/soak.sh
  step "pack the npm tarball for the consumer tests"
  if scripts/package.sh --no-build; then
    layer consumer node tests/consumer/run.mjs
    layer consumer-firefox env UCB_ENGINE=firefox UCB_LOG_NAME=consumer-firefox node tests/consumer/run.mjs
    layer consumer-webkit env UCB_ENGINE=webkit UCB_LOG_NAME=consumer-webkit node tests/consumer/run.mjs
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
