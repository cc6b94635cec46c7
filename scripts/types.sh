#!/usr/bin/env bash
# Checks the TypeScript declarations of the package. Three checks, one summary line
# `types: N passed, M failed`, non-zero exit on any failure:
#   1. golden   the generated ucontact_bridge.d.ts is tests/types/ucontact_bridge.d.ts, byte for
#               byte but for the symbol hashes of closure shims in `InitOutput` (a unified diff
#               is printed when not; `--bless` rewrites the golden copy with the generated file)
#   2. tsc      tsc --noEmit --strict -p tests/types: tests/types/consumer.ts, which uses every
#               public function, class, method and getter, compiles against the golden copy, and
#               its `@ts-expect-error` lines (wrong usages) are all rejected
#   3. no-any   no `any` in the public declarations (tests/types/no-any.mjs; the raw wasm exports
#               of `InitOutput`, written by wasm-bindgen itself, are exempt)
# The declarations are built into target/pkg/types: target/pkg/web/ucontact_bridge.d.ts
# (scripts/build.sh) is reused when it is newer than the release wasm; otherwise this runs the
# release build and wasm-bindgen --target web.
# Usage: scripts/types.sh [--bless]
source "$(dirname "$0")/lib.sh"

BLESS=0
for arg in "$@"; do
  case "$arg" in
    --bless) BLESS=1 ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "types.sh: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

OUT=target/pkg/types
WASM=target/wasm32-unknown-unknown/release/ucontact_bridge.wasm
WEB_DTS=target/pkg/web/ucontact_bridge.d.ts
GOLDEN=tests/types/ucontact_bridge.d.ts
DTS=$OUT/ucontact_bridge.d.ts
PASSED=0 FAILED=0
pass() { PASSED=$((PASSED + 1)); echo "ok    $1"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL  $1"; }
summary() {
  echo "types: $PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ]
}

for tool in node_modules/.bin/tsc "$(command -v wasm-bindgen || true)"; do
  if [ -z "$tool" ] || [ ! -x "$tool" ]; then
    echo "missing ${tool:-wasm-bindgen}: run scripts/setup.sh --no-browser first"
    echo "types: 0 passed, 3 failed"
    exit 1
  fi
done

step "declarations -> $OUT"
rm -rf "$OUT" && mkdir -p "$OUT"
# The release build is a no-op when nothing changed, and then keeps the wasm's mtime, so a
# declaration file written after it by scripts/build.sh is still current.
built=1
cargo build --release --target wasm32-unknown-unknown -p ucontact-bridge --lib || built=0
if [ "$built" -eq 1 ] && [ -f "$WEB_DTS" ] && [ "$WEB_DTS" -nt "$WASM" ]; then
  echo "reusing $WEB_DTS (newer than $WASM)"
  cp "$WEB_DTS" "$DTS"
elif [ "$built" -eq 1 ]; then
  wasm-bindgen --target web --out-dir "$OUT" "$WASM" || built=0
fi
if [ "$built" -eq 0 ] || [ ! -f "$DTS" ]; then
  echo "could not build the declarations"
  FAILED=3
  summary
  exit 1
fi

step "golden: $DTS vs $GOLDEN"
if [ "$BLESS" -eq 1 ] && ! cmp -s "$DTS" "$GOLDEN"; then
  cp "$DTS" "$GOLDEN"
  echo "blessed: $GOLDEN rewritten; review and commit it"
fi
# The raw wasm exports listed in `InitOutput` include closure shims named with a symbol hash
# (`…invoke__h0123456789abcdef`, plus a `_N` suffix for duplicates) that changes with unrelated
# code and with the Rust compiler version: the hashes are masked before comparing.
unhash() { sed -E 's/__h[0-9a-f]{16}(_[0-9]+)?\b/__h<hash>/g' "$1"; }
if [ -f "$GOLDEN" ] && diff -u --label "$GOLDEN (golden)" --label "$DTS (generated)" <(unhash "$GOLDEN") <(unhash "$DTS"); then
  if cmp -s "$GOLDEN" "$DTS"; then
    pass "golden: the generated declarations match $GOLDEN"
  else
    pass "golden: the generated declarations match $GOLDEN (closure shim hashes in InitOutput differ; ignored)"
  fi
else
  fail "golden: the generated declarations differ from $GOLDEN (if intended: scripts/types.sh --bless)"
fi

step "tsc --noEmit --strict -p tests/types"
if node_modules/.bin/tsc --noEmit --strict -p tests/types; then
  pass "tsc: tests/types/consumer.ts compiles against the golden declarations"
else
  fail "tsc: tests/types/consumer.ts does not compile"
fi

step "no any: $DTS"
if node tests/types/no-any.mjs "$DTS"; then
  pass "no-any"
else
  fail "no-any"
fi

echo
summary
