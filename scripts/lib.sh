# Shared shell helpers for scripts/*.sh (sourced, not run).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export CARGO_TERM_COLOR="${CARGO_TERM_COLOR:-never}"
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"
T0=$SECONDS
step() { printf '\n===== [%ss] %s\n' "$((SECONDS - T0))" "$*"; }
# The wasm-bindgen version the crate is locked to (the CLI must match it exactly).
wasm_bindgen_version() {
  awk '$0 == "name = \"wasm-bindgen\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}
# gzip -9 size of a file.
gz() { gzip -9 -c "$1" | wc -c | tr -d ' '; }

# The entries table (scripts/entries.tsv) without comments: `name features subpath budget single`.
entries() { grep -vE '^[[:space:]]*(#|$)' "$ROOT/scripts/entries.tsv"; }
# One column of an entry: `entry_field channel features`.
entry_field() {
  awk -v n="$1" -v f="$2" '
    BEGIN { split("name features subpath budget single", cols, " "); for (i in cols) idx[cols[i]] = i }
    !/^[[:space:]]*(#|$)/ && $1 == n { print $(idx[f]); found = 1 }
    END { if (!found) exit 1 }' "$ROOT/scripts/entries.tsv"
}
# Where an entry's builds go: target/pkg/<entry>/esm/ucontact-bridge{.js,_bg.wasm,.d.ts}, its
# script-tag build in <entry>/script/, and the .wasm that one loads in <entry>/ (build.sh).
# UCB_PKG_ROOT moves them elsewhere (a second build beside the first, e.g. for a comparison).
pkg_dir() { echo "${UCB_PKG_ROOT:-target/pkg}/$1"; }
# Where an entry's names-kept debug build goes: the same layout as pkg_dir's, under
# target/pkg-debug/ (UCB_PKG_DEBUG_ROOT moves it). scripts/package.sh packs it as a second tarball.
debug_dir() { echo "${UCB_PKG_DEBUG_ROOT:-target/pkg-debug}/$1"; }
# The release .wasm cargo writes (CARGO_TARGET_DIR is honoured).
release_wasm() { echo "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/ucontact_bridge.wasm"; }
