#!/usr/bin/env bash
# Builds what is needed and runs the sandbox: a fake uContact portal on http://127.0.0.1:8700
# framing a CRM page on http://127.0.0.1:8701. Extra arguments go to the server (see --help,
# which answers at once, without building).
source "$(dirname "$0")/lib.sh"
for arg in "$@"; do
  case "$arg" in -h|--help) exec cargo run -q -p ucontact-sandbox -- --help ;; esac
done
"$ROOT/scripts/build.sh"
step "starting the sandbox (Ctrl-C stops it)"
exec cargo run -q -p ucontact-sandbox -- "$@"
