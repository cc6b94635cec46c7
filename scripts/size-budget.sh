#!/usr/bin/env bash
# Fails when a build grew past its gzip budget in scripts/entries.tsv. Run after scripts/build.sh.
# Per entry, two figures (gzip -9 bytes):
#   <entry>          its .wasm + its ES module glue (<pkg>/esm/ucontact-bridge_bg.wasm + .js),
#                    against the `budget` column (`-`: not checked)
#   <entry>-single   its single-file script (<pkg>/script/ucontact-bridge.single.js), against the
#                    `single` column, for the entries that have one (`-`: no single file)
# Prints one `figure: size <name>=<size>/<budget> …` line and `size-budget: N passed, M failed`.
# Then checks that no shipped module uses wasm reference types (scripts/no-reference-types.mjs on
# every entry's ES module and script-tag .wasm and single file; .cargo/config.toml says why),
# which prints its own `no-reference-types: N passed, M failed`; the debug builds are checked
# for that too, and against the release builds (scripts/debug-build.mjs: they keep the function
# names, the release builds none, and the code is the same), which prints `debug-build: …`.
# Usage: scripts/size-budget.sh
source "$(dirname "$0")/lib.sh"

pass=0; fail=0; figure="figure: size"
# check NAME BUDGET FILE...: the files' gzip sizes added up against BUDGET.
check() {
  local name=$1 budget=$2; shift 2
  local size=0 f
  for f in "$@"; do
    if [ ! -f "$f" ]; then
      fail=$((fail + 1))
      figure+=" $name=missing/$budget"
      echo "FAIL  $name: $f is missing (build it: scripts/build.sh ${name%-single})"
      return
    fi
    size=$((size + $(gz "$f")))
  done
  figure+=" $name=$size/$budget"
  if [ "$size" -le "$budget" ]; then
    pass=$((pass + 1))
    echo "ok    $name: $size bytes gzip, budget $budget"
    # Say so when the budget has become loose, so it gets tightened.
    [ $((size * 100)) -lt $((budget * 97)) ] && echo "      $name is 3% or more under budget: lower it in scripts/entries.tsv"
  else
    fail=$((fail + 1))
    echo "FAIL  $name: $size bytes gzip, over the budget of $budget by $((size - budget))"
  fi
  return 0
}

modules=()
while read -r name _ _ budget single; do
  out=$(pkg_dir "$name")
  [ "$budget" = "-" ] || check "$name" "$budget" "$out/esm/ucontact-bridge_bg.wasm" "$out/esm/ucontact-bridge.js"
  [ "$single" = "-" ] || check "$name-single" "$single" "$out/script/ucontact-bridge.single.js"
  modules+=("$out/esm/ucontact-bridge_bg.wasm" "$out/ucontact-bridge_bg.wasm")
  [ "$single" = "-" ] || modules+=("$out/script/ucontact-bridge.single.js")
  dbg=$(debug_dir "$name")
  modules+=("$dbg/esm/ucontact-bridge_bg.wasm" "$dbg/ucontact-bridge_bg.wasm")
done < <(entries)
echo "$figure"
echo "size-budget: $pass passed, $fail failed"
node "$ROOT/scripts/no-reference-types.mjs" "${modules[@]}" || fail=$((fail + 1))
node "$ROOT/scripts/debug-build.mjs" || fail=$((fail + 1))
[ "$fail" -eq 0 ]
