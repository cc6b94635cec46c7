#!/usr/bin/env bash
# The soak layer (tests/soak/, see its README): long runs, churn of every class released with
# destroy() only, bursts of timeouts against a silent portal, thousands of concurrent REST
# requests; on the sandbox, same-site and cross-site, in one engine: headless Chromium (gc()
# exposed, exact heap figures) by default, Firefox or WebKit with UCB_ENGINE (a short form).
# Prints one `figure: soak-…` line per case and ends with `soak: N passed, N failed`; exits
# non-zero if anything failed.
#
# Env: UCB_ENGINE=chromium|firefox|webkit (default chromium),
#      SOAK_SCALE multiplies every count (default 1 in Chromium, 0.1 in Firefox and WebKit;
#      10: a long night), SOAK_FILTER=substring runs a subset, SOAK_TRACE=k prints a churn
#      snapshot every k rounds, UCB_LOG_NAME names the console log (target/test-logs/).
# Needs the built packages (scripts/build.sh); the sandbox runs in the test's process
# (pkg-template/testing/, the package's testing API).
source "$(dirname "$0")/lib.sh"

if [ ! -f "$(pkg_dir full)/esm/ucontact-bridge.js" ]; then
  echo "soak: no build in $(pkg_dir full)/esm (run scripts/build.sh first)"
  echo "soak: 0 passed, 1 failed"
  exit 1
fi
exec node tests/soak/run.mjs
