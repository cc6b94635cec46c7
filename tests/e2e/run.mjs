// End-to-end tests in headless Chromium across real origins. Usage: node tests/e2e/run.mjs
// Env: UCB_E2E_FILTER=substring to run a subset.
import { startSandbox, launch, runAll } from './harness.mjs';
import './foundation.test.mjs';

const PORTAL = 8710, CRM = 8711;
const sandbox = await startSandbox({ portalPort: PORTAL, crmPort: CRM, exitAfter: 900 });
let result = { passed: 0, failed: 1 };
try {
  const browser = await launch();
  const browser3p = await launch({ allowThirdPartyStorage: true });
  try {
    result = await runAll({ portalPort: PORTAL, crmPort: CRM, browser, browser3p, sandbox });
  } finally {
    await browser.close();
    await browser3p.close();
  }
} finally {
  sandbox.stop();
}
console.log(`e2e: ${result.passed} passed, ${result.failed} failed`);
process.exit(result.failed ? 1 : 0);
