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
