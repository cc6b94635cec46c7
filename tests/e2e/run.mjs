// End-to-end tests across real origins, in one engine. Usage: node tests/e2e/run.mjs
// Env: UCB_ENGINE=chromium|firefox|webkit (default chromium), UCB_E2E_FILTER=substring to run
// a subset (`|` separates alternatives), UCB_JSC_TIERS=default|bbq-first (WebKit's wasm
// tiers, engines.mjs). Ends with `e2e: N passed, N failed` (and `skipped: N` when the
// engine's driver could not run some).
import { startSandbox, startStatic, launch, runAll, freePorts, ENGINE, TIERS } from './harness.mjs';
import { EVIL_PAGES } from './channel.test.mjs';
import './foundation.test.mjs';
import './channel.test.mjs';
import './rest.test.mjs';
import './bridge.test.mjs';
import './hostile.test.mjs';
import './settle.test.mjs';
import './listeners.test.mjs';
import './two-objects.test.mjs';
import './v6.test.mjs';
import './engine-stress.test.mjs';
import './log.test.mjs';
import './sandbox.test.mjs';
import './script.test.mjs';

// Free loopback ports, so a running sandbox or a parallel run never collides with this one.
const sandbox = await startSandbox({ exitAfter: 900 });
const { portalPort: PORTAL, crmPort: CRM, instancePort: INSTANCE } = sandbox;
const [EVIL] = await freePorts(1);
const evil = await startStatic(EVIL, EVIL_PAGES);
let result;
try {
  const browser = await launch();
  try {
    result = await runAll({
      engine: ENGINE,
      tiers: TIERS,
      portalPort: PORTAL,
      crmPort: CRM,
      instancePort: INSTANCE,
      evilPort: EVIL,
      browser,
      sandbox,
    });
  } finally {
    await browser.close();
  }
} finally {
  sandbox.stop();
  evil.stop();
}
if (result.skipped) console.log(`skipped: ${result.skipped} (${ENGINE}: see the skip lines)`);
console.log(`e2e: ${result.passed} passed, ${result.failed} failed`);
process.exit(result.failed ? 1 : 0);
