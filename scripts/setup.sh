#!/usr/bin/env bash
# Installs what building and testing need, idempotently (a warm re-run takes about a second):
#   the wasm32 target, nightly with Miri (for the allocator's Miri layer only), wasm-bindgen-cli
#   at the Cargo.lock version, wasm-pack, npm dev dependencies from package-lock.json, and (for
#   browser tests, if missing) the three engines with their drivers: Debian's chromium +
#   chromium-driver, firefox-esr (+ geckodriver from crates.io, for wasm-bindgen-test), and
#   WebKitGTK's webkit2gtk-driver (WebKitWebDriver and its MiniBrowser) + xvfb, since
#   MiniBrowser has no headless mode; and WPE WebKit's wpewebkit-driver + cog (headless), the
#   older JavaScriptCore the engine-stress test also runs in.
# Only package registries are used; nothing downloads binaries of its own.
# Usage: scripts/setup.sh [--no-browser]
source "$(dirname "$0")/lib.sh"

if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  step "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# Nightly, for Miri only (scripts/miri.sh, the miri test layer): a minimal profile plus Miri.
if ! rustup component list --toolchain nightly --installed 2>/dev/null | grep -q '^miri'; then
  step "rustup toolchain install nightly --profile minimal --component miri (once)"
  rustup toolchain install nightly --profile minimal --component miri
fi

[ -f Cargo.lock ] || cargo generate-lockfile
WB=$(wasm_bindgen_version)
if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$WB" ] \
   || [ "$(wasm-bindgen-test-runner --version 2>/dev/null | awk '{print $2}')" != "$WB" ]; then
  step "cargo install wasm-bindgen-cli $WB (about 2.5 min, once)"
  # --locked first; the registry mirror may lack one locked dependency, then resolve afresh.
  cargo install wasm-bindgen-cli --version "$WB" --locked --force \
    || cargo install wasm-bindgen-cli --version "$WB" --force
fi

# wasm-pack builds the npm package; with wasm-bindgen and wasm-opt on PATH it downloads nothing.
if ! command -v wasm-pack >/dev/null; then
  step "cargo install wasm-pack (about 2 min, once)"
  cargo install wasm-pack --locked || cargo install wasm-pack
fi

# npm ci only when package-lock.json changed since the last install.
STAMP=node_modules/.ucb-lock
if [ ! -f "$STAMP" ] || ! cmp -s package-lock.json "$STAMP"; then
  step "npm ci"
  # The registry mirror lacks some other-platform optional packages (rollup's android builds),
  # so the lock has no entries for them and `npm ci` refuses; `npm install --no-save` installs
  # the same locked versions and skips what this platform does not need.
  npm ci --no-audit --no-fund --loglevel=error 2>/dev/null \
    || npm install --no-save --no-audit --no-fund --loglevel=error
  cp package-lock.json "$STAMP"
fi

if [ "${1:-}" != "--no-browser" ]; then
  # Each engine's command and the Debian packages that bring it.
  missing=()
  for pair in chromium:chromium chromedriver:chromium-driver firefox-esr:firefox-esr \
              WebKitWebDriver:webkit2gtk-driver xvfb-run:xvfb WPEWebDriver:wpewebkit-driver cog:cog; do
    command -v "${pair%%:*}" >/dev/null || missing+=("${pair#*:}")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    step "apt-get install ${missing[*]} (about a minute, once)"
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
  fi
  # geckodriver (wasm-bindgen-test's way into Firefox) has no Debian package.
  if ! command -v geckodriver >/dev/null; then
    step "cargo install geckodriver (about 4 min, once)"
    cargo install geckodriver --locked || cargo install geckodriver
  fi
fi
# Never Debian's `binaryen` (108): its wasm-opt breaks wasm-bindgen's externref table.
# wasm-opt comes from npm binaryen@132 (node_modules/.bin, first on PATH in lib.sh).
