#!/usr/bin/env bash
# Builds every entry of scripts/entries.tsv (or the ones named) and prints their sizes. Per entry,
# one release compile with the entry's features, then:
#   target/pkg/<entry>/esm/     ucontact-bridge.js + _bg.wasm + .d.ts (wasm-pack --target web;
#                               wasm-opt -Oz from npm binaryen; import names shortened by
#                               scripts/minify-imports.mjs, catching imports made plain
#                               try/catch by scripts/direct-catch.mjs, free() made to
#                               destroy() first by scripts/free-destroys.mjs, errors made
#                               UContactError values by scripts/error-values.mjs): what npm and
#                               the sandbox serve
#   target/pkg/<entry>/script/  ucontact-bridge.js, the script-tag build for legacy forms: one
#                               classic script that sets the global `UContactBridge` and loads
#                               ../ucontact-bridge_bg.wasm (relative to itself); entries with a
#                               single-file budget also get ucontact-bridge.single.js, the .wasm
#                               inlined (as text: scripts/inline-wasm.mjs)
#   target/pkg/<entry>/ucontact-bridge_bg.wasm  that .wasm: the script build's module is
#                               byte-identical to the ES module's (checked here), so the package
#                               ships it once, beside the ES module, and this copy gives the
#                               script build the package's relative layout
#   target/pkg-debug/<entry>/   the names-kept debug build, same layout and same steps from the
#                               same cargo compile, except that wasm-opt keeps the name section
#                               (`-g`: a trap names its Rust function) and the glue is not
#                               minified; scripts/package.sh packs it as a second tarball
#                               (docs/decisions/debug-build.md). UCB_NO_DEBUG_BUILD=1 skips it.
# Every build is made without wasm reference types (.cargo/config.toml says how and why), and
# each module is checked for that here (scripts/no-reference-types.mjs) before sizes are printed.
# With no ENTRY (or with `emulator` or `testing` among them: an entry's build starts by emptying
# its directory, target/pkg/testing/ for one named `testing`) it then builds the testing kit's
# Integra API emulator for Node (scripts/build-emulator.sh: target/pkg/testing/emulator/).
# Usage: scripts/build.sh [ENTRY...|emulator]   (runs scripts/setup.sh --no-browser first)
source "$(dirname "$0")/lib.sh"
"$ROOT/scripts/setup.sh" --no-browser
VERSION=$(awk -F'"' '/^version = /{print $2; exit}' Cargo.toml)
WANT=("$@")

# minify FILE [--module]: terser in place, keeping class names and the first-line banner.
minify() {
  local f=$1; shift
  terser "$f" "$@" --compress --mangle --keep-classnames --comments '/@ts-self-types|ucontact-bridge /' -o "$f.min"
  mv "$f.min" "$f"
}

# eager FILE: V8's explicit compile hint as the file's first line. Chromium then compiles every
# function of the file while it loads it (off the main thread when it streams the script)
# instead of on first call: the first `new PortalChannel(...)` no longer waits for the glue's
# functions to compile (BENCHMARKS.md has the A/B). Other engines read a comment.
eager() {
  local f=$1
  { echo '//# allFunctionsCalledOnLoad'; cat "$f"; } > "$f.hint"
  mv "$f.hint" "$f"
}

# build_entry NAME FEATURES SINGLE [debug]: the release build, or (`debug`) the names-kept one,
# made from the same cargo compile (so it must follow the release build of the same entry).
build_entry() {
  local name=$1 features=$2 single=$3 variant=${4:-release}
  local out profile tag=
  if [ "$variant" = debug ]; then
    # wasm-pack's `profiling` profile: cargo --release (already built), wasm-opt with Cargo.toml's
    # [package.metadata.wasm-pack.profile.profiling] flags: the release ones and `-g`.
    out=$(debug_dir "$name") profile=--profiling tag=", debug"
  else
    out=$(pkg_dir "$name") profile=--release
  fi
  local esm=$out/esm script=$out/script
  step "$name: wasm-pack build $profile --target web (features: $features) -> $esm"
  rm -rf "$out"
  # --no-pack: the package.json is hand-kept in pkg-template/ (scripts/package.sh).
  wasm-pack --log-level warn build "$profile" --target web --no-pack --out-dir "$esm" --out-name ucontact-bridge . \
    -- --no-default-features --features "$features" >/dev/null
  rm -f "$esm/.gitignore"
  # The optimized module before its imports are renamed: wasm-bindgen gives both targets the same
  # .wasm, so the debug script-tag build takes this one instead of running wasm-opt again.
  [ "$variant" = release ] || cp "$esm/ucontact-bridge_bg.wasm" "$out/optimized.wasm"
  # The import names the .wasm and its glue share, shortened in both (scripts/minify-imports.mjs).
  node "$ROOT/scripts/minify-imports.mjs" "$esm/ucontact-bridge_bg.wasm" "$esm/ucontact-bridge.js"
  # Catching imports as plain try/catch functions, not closures through `apply` (see the script).
  node "$ROOT/scripts/direct-catch.mjs" "$esm/ucontact-bridge.js"
  # free() (and `using`) tears a listening object down before releasing it (see the script).
  node "$ROOT/scripts/free-destroys.mjs" "$esm/ucontact-bridge.js"
  # Errors as a class, a guard and codes; NOT_INITIALIZED and WASM_BLOCKED (see the script).
  node "$ROOT/scripts/error-values.mjs" "$esm/ucontact-bridge.js" esm
  # The glue's doc comments are for readers of the .d.ts (which keeps them); the shipped
  # JavaScript is minified (about half the gzip bytes of the glue). Class names are kept.
  [ "$variant" = debug ] || minify "$esm/ucontact-bridge.js" --module
  eager "$esm/ucontact-bridge.js"

  step "$name: wasm-bindgen --target no-modules -> $script"
  mkdir -p "$script/tmp"
  wasm-bindgen --target no-modules --no-typescript --out-dir "$script/tmp" --out-name ucontact-bridge \
    "$(release_wasm)"
  # The flags of Cargo.toml's [package.metadata.wasm-pack.profile.release] (see there).
  if [ "$variant" = release ]; then
    wasm-opt -Oz --converge --low-memory-unused "$script/tmp/ucontact-bridge_bg.wasm" -o "$script/ucontact-bridge_bg.wasm"
  else
    mv "$out/optimized.wasm" "$script/ucontact-bridge_bg.wasm"
  fi
  node "$ROOT/scripts/minify-imports.mjs" "$script/ucontact-bridge_bg.wasm" "$script/tmp/ucontact-bridge.js"
  node "$ROOT/scripts/direct-catch.mjs" "$script/tmp/ucontact-bridge.js"
  node "$ROOT/scripts/free-destroys.mjs" "$script/tmp/ucontact-bridge.js"
  node "$ROOT/scripts/error-values.mjs" "$script/tmp/ucontact-bridge.js" script
  # The glue defines `wasm_bindgen`; wrapped in a function it stays private, and the loader
  # publishes it as `UContactBridge` with a `ready` promise.
  {
    echo "/* ucontact-bridge $VERSION ($name$tag) - script-tag build. Sets window.UContactBridge; await UContactBridge.ready. */"
    echo "(function () {"
    cat "$script/tmp/ucontact-bridge.js"
    cat "$ROOT/pkg-template/script-loader.js"
    echo "})();"
  } > "$script/ucontact-bridge.js"
  [ "$variant" = debug ] || minify "$script/ucontact-bridge.js"
  eager "$script/ucontact-bridge.js"
  if [ "$single" != "-" ]; then
    # One file: the same glue and loader, with the .wasm inlined as text (scripts/inline-wasm.mjs
    # says how; about a quarter smaller after gzip than base64), spliced in after minifying.
    {
      echo "/* ucontact-bridge $VERSION ($name$tag) - single-file script-tag build. Sets window.UContactBridge; await UContactBridge.ready. */"
      echo "(function () {"
      cat "$ROOT/pkg-template/single-inflate.js"
      cat "$script/tmp/ucontact-bridge.js"
      cat "$ROOT/pkg-template/script-loader.js"
      echo "})();"
    } > "$script/ucontact-bridge.single.js"
    [ "$variant" = debug ] || minify "$script/ucontact-bridge.single.js"
    node "$ROOT/scripts/inline-wasm.mjs" "$script/ucontact-bridge_bg.wasm" "$script/ucontact-bridge.single.js"
    eager "$script/ucontact-bridge.single.js"
  fi
  rm -rf "$script/tmp"
  # One .wasm for both builds: the no-modules glue must instantiate the very module the ES
  # module glue does (same imports, same names), or the package could not ship it once.
  if ! cmp -s "$script/ucontact-bridge_bg.wasm" "$esm/ucontact-bridge_bg.wasm"; then
    echo "$name: the script-tag build's .wasm differs from the ES module's; the package ships one" >&2
    exit 1
  fi
  mv "$script/ucontact-bridge_bg.wasm" "$out/ucontact-bridge_bg.wasm"

  local modules=("$esm/ucontact-bridge_bg.wasm")
  [ "$single" = "-" ] || modules+=("$script/ucontact-bridge.single.js")
  local report
  if ! report=$(node "$ROOT/scripts/no-reference-types.mjs" "${modules[@]}"); then
    echo "$report"
    echo "$name: a module uses reference types; RUSTFLAGS or CARGO_ENCODED_RUSTFLAGS in the" \
      "environment replace .cargo/config.toml's flags, which remove them" >&2
    exit 1
  fi
}

row() { printf '%-44s %10s %10s\n' "$1" "$(wc -c <"$2")" "$(gz "$2")"; }
while read -r name features _ _ single; do
  if [ ${#WANT[@]} -gt 0 ] && [[ ! " ${WANT[*]} " == *" $name "* ]]; then continue; fi
  build_entry "$name" "$features" "$single"
  [ "${UCB_NO_DEBUG_BUILD:-}" = 1 ] || build_entry "$name" "$features" "$single" debug
done < <(entries)

if [ ${#WANT[@]} -eq 0 ] || [[ " ${WANT[*]} " == *" emulator "* ]] || [[ " ${WANT[*]} " == *" testing "* ]]; then
  "$ROOT/scripts/build-emulator.sh"
fi

printf '\n%-44s %10s %10s\n' "file" "raw" "gzip -9"
while read -r name _ _ budget single; do
  out=$(pkg_dir "$name")
  [ -d "$out" ] || continue
  row "$name/esm/ucontact-bridge_bg.wasm" "$out/esm/ucontact-bridge_bg.wasm"
  row "$name/esm/ucontact-bridge.js" "$out/esm/ucontact-bridge.js"
  printf '%-44s %10s %10s   (budget %s)\n' "$name total (ES module)" \
    "$(( $(wc -c <"$out/esm/ucontact-bridge_bg.wasm") + $(wc -c <"$out/esm/ucontact-bridge.js") ))" \
    "$(( $(gz "$out/esm/ucontact-bridge_bg.wasm") + $(gz "$out/esm/ucontact-bridge.js") ))" "$budget"
  printf '%-44s %10s %10s\n' "$name total (script tag)" \
    "$(( $(wc -c <"$out/ucontact-bridge_bg.wasm") + $(wc -c <"$out/script/ucontact-bridge.js") ))" \
    "$(( $(gz "$out/ucontact-bridge_bg.wasm") + $(gz "$out/script/ucontact-bridge.js") ))"
  if [ "$single" != "-" ]; then
    printf '%-44s %10s %10s   (budget %s)\n' "$name single file" \
      "$(wc -c <"$out/script/ucontact-bridge.single.js")" "$(gz "$out/script/ucontact-bridge.single.js")" "$single"
  fi
done < <(entries)
# The debug builds: not budgeted (they are not what pages load), printed for the record.
while read -r name _ _ _ single; do
  out=$(debug_dir "$name")
  [ -d "$out" ] || continue
  row "$name debug/esm/ucontact-bridge_bg.wasm" "$out/esm/ucontact-bridge_bg.wasm"
  row "$name debug/esm/ucontact-bridge.js" "$out/esm/ucontact-bridge.js"
done < <(entries)
