// The soak layer: long runs, churn, timeouts against a silent portal, concurrent REST, on the
// sandbox, in one engine. Usage: node tests/soak/run.mjs (or scripts/soak.sh).
// Env: UCB_ENGINE=chromium|firefox|webkit (default chromium); SOAK_SCALE scales every count
// (default 1 in Chromium, 0.1 in Firefox and WebKit); SOAK_FILTER=substring runs a subset.
// Prints one `figure: soak-…` line per case and ends with `soak: N passed, N failed`.
import { startSandbox } from '../e2e/harness.mjs';
import { launchSoak, runAll, SCALE, ENGINE, INSTRUMENT_FILE, say } from './lib.mjs';
import './long.mjs';
import './churn.mjs';
import './timeouts.mjs';
import './rest.mjs';
import './memory.mjs';

const t0 = Date.now();
// WebKit's pages carry the instrumentation (its driver runs no script before a page's own).
const sandbox = await startSandbox({ exitAfter: 1800, preload: INSTRUMENT_FILE });
const { portalPort: PORTAL, crmPort: CRM } = sandbox;
let result;
try {
  const browser = await launchSoak();
  try {
    say(`soak: ${ENGINE}, scale ${SCALE}, sandbox portal http://127.0.0.1:${PORTAL}/ crm :${CRM}`);
    result = await runAll({ portalPort: PORTAL, crmPort: CRM, browser, sandbox });
  } finally {
    await browser.close();
  }
} finally {
  sandbox.stop();
}
say(`figure: soak-layer scale=${SCALE} seconds=${Math.round((Date.now() - t0) / 1000)}`);
console.log(`soak: ${result.passed} passed, ${result.failed} failed`);
process.exit(result.failed ? 1 : 0);
