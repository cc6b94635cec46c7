#!/usr/bin/env bash
# Checks the TypeScript declarations of every entry of scripts/entries.tsv and the README code
# blocks. Four checks per entry and one per block, one summary line `types: N passed, M failed`
# (N + M = 4 × entries + the blocks not skipped), non-zero exit on any failure:
#   1. golden   the entry's built <pkg>/esm/ucontact-bridge.d.ts is tests/types/<entry>/
#               ucontact-bridge.d.ts, byte for byte but for the symbol hashes of closure shims
#               in `InitOutput` (a unified diff is printed when not; `--bless` rewrites the golden
#               copies with the built files)
#   2. tsc      tsc --noEmit --strict -p tests/types/<entry>: the entry's consumer.ts, which
#               imports the entry as a package user would (`ucontact-bridge`,
#               `ucontact-bridge/channel`) and uses every export, method and getter it has,
#               compiles against the golden copy, and its `@ts-expect-error` lines (wrong usages,
#               and names the entry does not have) are all rejected
#   3. default-lib  the same consumer under the `lib` of the Vite templates, without
#               `ESNext.Disposable` (the declarations declare `Symbol.dispose` themselves)
#   4. no-any   no `any` in the entry's public declarations (tests/types/no-any.mjs; the raw wasm
#               exports of `InitOutput`, written by wasm-bindgen itself, are exempt)
# Then every TypeScript / JavaScript code block of README.md and pkg-template/README.md, one check
# each, compiled against the entries as a user's project installs them, under `strict`,
# `skipLibCheck: false` and the options of the Vite `vanilla-ts` template and of `tsc --init`
# (tests/types/readme.mjs; a block it cannot compile yet is printed as skipped, with its reason).
# It reads the declarations scripts/build.sh wrote and builds nothing: run it after the build.
# Usage: scripts/types.sh [--bless]
source "$(dirname "$0")/lib.sh"

BLESS=0
for arg in "$@"; do
  case "$arg" in
    --bless) BLESS=1 ;;
    -h|--help) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "types.sh: unknown argument: $arg" >&2; exit 2 ;;
  esac
done

mapfile -t ENTRIES < <(entries | awk '{ print $1 }')
PASSED=0 FAILED=0
pass() { PASSED=$((PASSED + 1)); echo "ok    $1"; }
fail() { FAILED=$((FAILED + 1)); echo "FAIL  $1"; }
summary() {
  echo "types: $PASSED passed, $FAILED failed"
  [ "$FAILED" -eq 0 ]
}

TSC=node_modules/.bin/tsc
if [ ! -x "$TSC" ]; then
  echo "missing $TSC: run scripts/setup.sh --no-browser first"
  FAILED=$((3 * ${#ENTRIES[@]}))
  summary
  exit 1
fi

# The raw wasm exports listed in `InitOutput` include closure shims named with a symbol hash
# (`…invoke__h0123456789abcdef`, plus a `_N` suffix for duplicates) that changes with unrelated
# code and with the Rust compiler version: the hashes are masked before comparing.
unhash() { sed -E 's/__h[0-9a-f]{16}(_[0-9]+)?\b/__h<hash>/g' "$1"; }

for entry in "${ENTRIES[@]}"; do
  dts=$(pkg_dir "$entry")/esm/ucontact-bridge.d.ts
  golden=tests/types/$entry/ucontact-bridge.d.ts
  built=1
  if [ ! -f "$dts" ]; then
    built=0
    echo "$dts is missing: build the entry first (scripts/build.sh $entry)"
  else
    # A fragment edited after the build is not in the built file yet: say so, since the golden
    # comparison then checks the previous declarations.
    newer=$(find src/api/ts -name '*.d.ts' -newer "$dts" 2>/dev/null | tr '\n' ' ')
    [ -n "$newer" ] && echo "note: ${newer% } changed after $dts was built; rebuild to check the change (scripts/build.sh $entry)"
  fi

  step "$entry golden: $dts vs $golden"
  if [ "$built" -eq 0 ]; then
    fail "$entry golden: no built declarations to compare"
  else
    if [ "$BLESS" -eq 1 ] && ! cmp -s "$dts" "$golden"; then
      mkdir -p "$(dirname "$golden")"
      cp "$dts" "$golden"
      echo "blessed: $golden rewritten; review and commit it"
    fi
    if [ -f "$golden" ] && diff -u --label "$golden (golden)" --label "$dts (built)" <(unhash "$golden") <(unhash "$dts"); then
      if cmp -s "$golden" "$dts"; then
        pass "$entry golden: the built declarations match $golden"
      else
        pass "$entry golden: the built declarations match $golden (closure shim hashes in InitOutput differ; ignored)"
      fi
    elif [ ! -f "$golden" ]; then
      fail "$entry golden: $golden is missing (scripts/types.sh --bless writes it from the build)"
    else
      fail "$entry golden: the built declarations differ from $golden (if intended: scripts/types.sh --bless)"
    fi
  fi

  step "$entry tsc --noEmit --strict -p tests/types/$entry"
  if [ ! -f "tests/types/$entry/tsconfig.json" ]; then
    fail "$entry tsc: tests/types/$entry/tsconfig.json is missing (every entry needs a typed consumer)"
  elif "$TSC" --noEmit --strict -p "tests/types/$entry"; then
    pass "$entry tsc: tests/types/$entry/consumer.ts compiles against $golden"
  else
    fail "$entry tsc: tests/types/$entry/consumer.ts does not compile"
  fi

  # The same consumer under the `lib` users start with, which lacks `ESNext.Disposable`: the
  # Vite `vanilla-ts` templates' (ES2022, and ES2020 in older ones, with DOM and DOM.Iterable).
  step "$entry tsc without ESNext.Disposable (the Vite templates' lib)"
  if "$TSC" --noEmit --strict -p "tests/types/$entry" --lib ES2022,DOM,DOM.Iterable \
    && "$TSC" --noEmit --strict -p "tests/types/$entry" --target ES2020 --lib ES2020,DOM,DOM.Iterable; then
    pass "$entry default-lib: compiles with no \`lib\` change"
  else
    fail "$entry default-lib: needs ESNext.Disposable in \`lib\`"
  fi

  step "$entry no any: $dts"
  if [ "$built" -eq 0 ]; then
    fail "$entry no-any: no built declarations to read"
  elif node tests/types/no-any.mjs "$dts"; then
    pass "$entry no-any"
  else
    fail "$entry no-any"
  fi
done

step "README code blocks: tsc --strict, skipLibCheck false, the Vite template's and tsc --init's options"
rc=0
out=$(node tests/types/readme.mjs 2>&1) || rc=$?
echo "$out"
counts=$(sed -nE 's/^readme blocks: ([0-9]+) ok, ([0-9]+) not ok, ([0-9]+) skipped.*/\1 \2/p' <<<"$out")
if [ -z "$counts" ]; then
  fail "readme: tests/types/readme.mjs did not finish"
else
  read -r ok notok <<<"$counts"
  PASSED=$((PASSED + ok)) FAILED=$((FAILED + notok))
  [ "$rc" -eq 0 ] || [ "$notok" -gt 0 ] || fail "readme: tests/types/readme.mjs exited $rc"
fi

echo
summary
