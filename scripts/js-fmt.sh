#!/usr/bin/env bash
# Formats the repository's JavaScript with Prettier: every .js, .mjs and .cjs file and every HTML
# page with its inline scripts, as .prettierrc.json says (Prettier's defaults but 120 columns, as
# rustfmt.toml, and single quotes, as the code was written); what it leaves alone: .prettierignore.
# One step and idempotent: run it after editing or merging; a second run changes nothing.
# Usage: scripts/js-fmt.sh [--check]   (--check changes nothing: it lists what is not formatted
#                                       and fails; the lint layer's `js-format`)
source "$(dirname "$0")/lib.sh"
mode=--write
[ "${1:-}" = --check ] && mode=--check
exec prettier "$mode" --log-level warn '**/*.{js,mjs,cjs,html}'
