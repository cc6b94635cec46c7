// End-to-end tests in headless Chromium across real origins. Usage: node tests/e2e/run.mjs
// Env: UCB_E2E_FILTER=substring to run a subset.
import { startSandbox, startStatic, launch, runAll, freePorts } from './harness.mjs';
import { EVIL_PAGES } from './channel.test.mjs';
import './foundation.test.mjs';
import './channel.test.mjs';
import './rest.test.mjs';
import './bridge.test.mjs';
import './hostile.test.mjs';
import './settle.test.mjs';
import './v6.test.mjs';

// Free loopback ports, so a running sandbox or a parallel run never collides with this one.
const [PORTAL, CRM, EVIL, INSTANCE] = await freePorts(4);
const sandbox = await startSandbox({ portalPort: PORTAL, crmPort: CRM, instancePort: INSTANCE, exitAfter: 900 });
const evil = await startStatic(EVIL, EVIL_PAGES);
let result = { passed: 0, failed: 1 };
try {
  const browser = await launch();
  const browser3p = await launch({ allowThirdPartyStorage: true });
  try {
    result = await runAll({ portalPort: PORTAL, crmPort: CRM, instancePort: INSTANCE, evilPort: EVIL, browser, browser3p, sandbox });
  } finally {
    await browser.close();
    await browser3p.close();
  }
} finally {
  sandbox.stop();
  evil.stop();
}
console.log(`e2e: ${result.passed} passed, ${result.failed} failed`);
process.exit(result.failed ? 1 : 0);
