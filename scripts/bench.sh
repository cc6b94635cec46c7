#!/usr/bin/env bash
# Benchmarks (issue #8): builds the release packages of every entry (scripts/entries.tsv), then
# measures them against references measured in the same run, and prints one table (see
# BENCHMARKS.md for what each figure means). Per entry, "the builds" are its ES module and its
# script-tag build (the single file, .wasm inlined, where the entry has one):
#   1. size        gzip -9 of each build (.wasm + JS glue, or the single file), against the
#                  entry's budget, vs porthole.js 1.0.0 and Penpal 7 minified (npm tarballs)
#   2. round trip  `call` -> guid, p50/p99, each entry's ES module, vs porthole.js + plain JS and
#                  vs a raw postMessage echo, with the CRM frame same-site (127.0.0.1) and
#                  cross-site (localhost) to the portal
#   3. throughput  fire-and-forget `tag`s per second, counted at the portal, each entry's ES
#                  module vs porthole.js (both sites)
#                  2 and 3 twice: driven through Playwright (a DevTools session attached), and
#                  in Chromiums started with no DevTools session, as a user's browser runs
#                  (bench/launch.mjs; BENCHMARKS.md says why both)
#   4. cold init   script start -> PortalChannel constructed, every build, vs porthole.js; and
#                  constructing the PortalChannel alone, vs new Porthole.WindowProxy; and an
#                  empty ES module imported the same way (the floor of the ES-module path)
#   5. CTI         decrypt + parse + Respool per record (full build), vs WebCrypto + JSON.parse
#   6. base file   100k rows built + checked + base64 (full build), vs naive join + btoa; memory
# The pages are served on two loopback origins (127.0.0.1, two ports the OS picks, the second
# also reached as localhost for the cross-site figures; the servers live inside the runner and
# stop with it) and driven in headless Chromium (playwright-core,
# /usr/bin/chromium or $CHROMIUM). About 6-8 minutes on 2 cores after the build. Nothing here
# asserts on time; it exits non-zero only when a figure could not be measured.
#
# Usage: scripts/bench.sh [--no-build] [--json [FILE]] [--sizes] [--calls N] [--tags N]
#                         [--loads N] [--cti N] [--rows N] [--launches N] [--no-isolate]
#   --no-build     measure target/pkg as it is (default: run scripts/build.sh first); with
#                  UCB_PKG_ROOT set, the builds are read from there instead (as scripts/lib.sh)
#   --json         record the run: bench/results/chromium.json (every figure, with its spread)
#                  and bench/results/sizes.json (scripts/sizes.mjs), both overwritten (git keeps
#                  the history), then the tables of BENCHMARKS.md and the package README
#                  rewritten from them (scripts/bench-table.mjs). Commit the three together.
#   --json FILE    save every figure as JSON in FILE instead, and record nothing
#   --sizes        record the sizes only (bench/results/sizes.json and the tables), no browser
#   --calls N      sequential calls per round-trip variant (default 5000)
#   --tags N       tags per throughput sample (default 20000)
#   --loads N      page loads per cold-init build (default 20)
#   --cti N        sealed records per CTI sample (default 2000)
#   --rows N       base-file rows (default 100000)
#   --launches N   browser launches per contender and site without DevTools (default 7)
#   --no-isolate   serve without COOP/COEP: real-portal conditions, but performance.now() then
#                  steps in 100 µs and round-trip percentiles become coarse
source "$(dirname "$0")/lib.sh"

BUILD=1 RECORD=0 SIZES_ONLY=0 ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) BUILD=0 ;;
    --sizes) SIZES_ONLY=1 RECORD=1 ;;
    # `--json` alone records into bench/results/; `--json FILE` keeps the old meaning.
    --json) if [ $# -gt 1 ] && [[ "$2" != --* ]]; then ARGS+=(--json "$2"); shift; else RECORD=1; fi ;;
    -h|--help) sed -n '2,/^source/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
    *) ARGS+=("$1") ;;
  esac
  shift
done
RESULTS="$ROOT/bench/results"

if [ "$BUILD" = 1 ]; then
  step "scripts/build.sh (release)"
  "$ROOT/scripts/build.sh"
fi
[ "$SIZES_ONLY" = 1 ] || [ -x "${CHROMIUM:-/usr/bin/chromium}" ] || { echo "bench: no Chromium at ${CHROMIUM:-/usr/bin/chromium} (scripts/setup.sh installs it)" >&2; exit 1; }
if [ "$SIZES_ONLY" = 0 ]; then
  step "benchmarks"
  if [ "$RECORD" = 1 ]; then ARGS+=(--json "$RESULTS/chromium.json"); fi
  node "$ROOT/bench/run.mjs" "${ARGS[@]}"
fi
if [ "$RECORD" = 1 ]; then
  step "recording: bench/results/, the tables in BENCHMARKS.md and pkg-template/README.md"
  node "$ROOT/scripts/sizes.mjs" --out "$RESULTS/sizes.json"
  node "$ROOT/scripts/bench-table.mjs"
fi
