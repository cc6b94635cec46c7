#!/usr/bin/env bash
# Fails when a build grew past its committed gzip budget (.ci/size-budget). Run after
# scripts/build.sh. Prints one `figure: size …` line and `size-budget: N passed, M failed`.
source "$(dirname "$0")/lib.sh"

total() { echo $(( $(gz "$1") + $(gz "$2") )); }
declare -A built=(
  [web]=$(total target/pkg/web/ucontact_bridge_bg.wasm target/pkg/web/ucontact_bridge.js)
  [script]=$(total target/pkg/script/ucontact-bridge_bg.wasm target/pkg/script/ucontact-bridge.js)
)
pass=0; fail=0; figure="figure: size"
while read -r name budget _; do
  case "$name" in ''|'#'*) continue ;; esac
  size=${built[$name]:?"unknown build '$name' in .ci/size-budget"}
  figure+=" $name=$size/$budget"
  if [ "$size" -le "$budget" ]; then
    pass=$((pass + 1))
    echo "ok    $name: $size bytes gzip, budget $budget"
    # Say so when the budget has become loose, so it gets tightened.
    [ $((size * 100)) -lt $((budget * 97)) ] && echo "      $name is 3% or more under budget: lower it in .ci/size-budget"
  else
    fail=$((fail + 1))
    echo "FAIL  $name: $size bytes gzip, over the budget of $budget by $((size - budget))"
  fi
done < .ci/size-budget
echo "$figure"
echo "size-budget: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
