#!/usr/bin/env bash
# Builds what is needed and runs the sandbox: a fake uContact portal on http://127.0.0.1:8700
# framing a CRM page on http://127.0.0.1:8701. The sandbox is the npm package's own
# (pkg-template/bin/ucontact-sandbox.mjs, `npx ucontact-sandbox` once installed), run here on the
# repository's builds (target/pkg). Extra arguments go to it (see --help, which answers at once,
# without building).
source "$(dirname "$0")/lib.sh"
SANDBOX=("node" "$ROOT/pkg-template/bin/ucontact-sandbox.mjs")
for arg in "$@"; do
  case "$arg" in -h|--help) exec "${SANDBOX[@]}" --help ;; esac
done
"$ROOT/scripts/build.sh"
step "starting the sandbox (Ctrl-C stops it)"
exec "${SANDBOX[@]}" "$@"
