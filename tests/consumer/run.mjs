// Consumer tests: the packed npm tarball (not the source tree) used the two ways users use it,
// each framed by the sandbox portal, same-site and cross-site:
//   vite    a modern CRM page: `npm install <tarball>`, `vite build`, served as static files
//   legacy  a legacy form: the tarball's script-tag build, one <script src>, global CTI string
// Each does a call, a CTI read and a respool. Prints `consumer: N passed, M failed`.
// Usage: node tests/consumer/run.mjs   (after scripts/package.sh)
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, startSandbox, launch, freePorts, crmFrame, test, runAll, assert, assertEq } from '../e2e/harness.mjs';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const version = JSON.parse(readFileSync(join(ROOT, 'pkg-template', 'package.json'), 'utf8')).version;
const tgz = join(ROOT, 'target', 'pkg', `ucontact-bridge-${version}.tgz`);
if (!existsSync(tgz)) throw new Error(`${tgz} is missing: run scripts/package.sh first`);

const work = join(ROOT, 'target', 'consumer');
const site = join(work, 'site');
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
rmSync(work, { recursive: true, force: true });
mkdirSync(site, { recursive: true });

// The Vite app, installed from the tarball and built.
const app = join(work, 'vite-app');
cpSync(join(ROOT, 'tests', 'consumer', 'vite-app'), app, { recursive: true });
run('npm', ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=error', tgz], app);
run(join(ROOT, 'node_modules', '.bin', 'vite'), ['build', '--outDir', join(site, 'vite'), '--emptyOutDir'], app);

// The legacy form, with the script-tag build taken out of the tarball.
const unpacked = join(work, 'unpacked');
mkdirSync(unpacked);
run('tar', ['-xzf', tgz, '-C', unpacked], ROOT);
mkdirSync(join(site, 'legacy', 'vendor'), { recursive: true });
cpSync(join(unpacked, 'package', 'script'), join(site, 'legacy', 'vendor'), { recursive: true });
cpSync(join(ROOT, 'tests', 'consumer', 'legacy', 'index.html'), join(site, 'legacy', 'index.html'));

/** Opens the sandbox portal (PortalHost, whose CTI reply has a dialer row) framing `page`. */
async function portalWith(ctx, page, crmHost) {
  const tab = await ctx.browser.context.newPage();
  const errors = [];
  tab.on('pageerror', (e) => errors.push(String(e)));
  await tab.goto(`http://127.0.0.1:${ctx.portalPort}/?crmHost=${crmHost}&crm=${encodeURIComponent(page)}`);
  await tab.waitForFunction(() => document.body.dataset.ready === 'wasm');
  const frame = await crmFrame(tab, `http://${crmHost}:${ctx.crmPort}/`);
  return { tab, frame, errors };
}

for (const crmHost of ['127.0.0.1', 'localhost']) {
  const kind = crmHost === 'localhost' ? 'cross-site' : 'same-site';

  test(`consumer/${kind}: a Vite app built from the tarball calls, reads CTI and respools inside the portal`, async (ctx) => {
    const { tab, frame, errors } = await portalWith(ctx, '/vite/index.html', crmHost);
    try {
      // Vite turned the package's .wasm into a hashed asset of the build.
      const wasm = await frame.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.endsWith('.wasm')));
      assert(wasm.length === 1 && /\/vite\/assets\/.+\.wasm$/.test(wasm[0]), `wasm served from the build: ${wasm}`);
      const r = await frame.evaluate(() => window.app.callCtiRespool());
      assertEq(r.mode, 'portal', 'bridge mode');
      assert(GUID.test(r.guid), `guid ${r.guid}`);
      assertEq(r.campaign, 'Ventas->', 'CTI campaign');
      await tab.waitForFunction(() => window.actions.some((a) => a.data.action === 'respool'));
      const sent = await tab.evaluate(() => window.actions.find((a) => a.data.action === 'respool').data.objetoRespool);
      assertEq(sent, r.respool, 'the portal received the edited row');
      assert(sent.data.endsWith('outcome=callback'), sent.data);
      assertEq(errors, [], 'no page errors');
    } finally { await tab.close(); }
  });

  test(`consumer/${kind}: a legacy form with the script tag calls, reads the global CTI and respools`, async (ctx) => {
    const { tab, frame, errors } = await portalWith(ctx, '/legacy/index.html', crmHost);
    try {
      assertEq(await frame.evaluate(() => typeof window.wasm_bindgen), 'undefined', 'the glue leaves no global but UContactBridge');
      const r = await frame.evaluate(() => window.app.callCtiRespool());
      assert(GUID.test(r.guid), `guid ${r.guid}`);
      assertEq(r.campaign, 'Ventas->', 'CTI from the global string');
      assertEq([r.respool.destination, r.respool.alternatives, r.respool.retries], ['098124484', '098344484', 0], 'promoted row');
      await tab.waitForFunction(() => window.actions.some((a) => a.data.action === 'respool'));
      const sent = await tab.evaluate(() => window.actions.find((a) => a.data.action === 'respool').data.objetoRespool);
      assertEq(sent, r.respool, 'the portal received the edited row');
      assertEq(errors, [], 'no page errors');
    } finally { await tab.close(); }
  });
}

const [PORTAL, CRM] = await freePorts(2);
const sandbox = await startSandbox({ portalPort: PORTAL, crmPort: CRM, exitAfter: 600, args: ['--crm-dir', site] });
let result = { passed: 0, failed: 1 };
try {
  const browser = await launch();
  try {
    result = await runAll({ portalPort: PORTAL, crmPort: CRM, browser });
  } finally { await browser.close(); }
} finally { sandbox.stop(); }
console.log(`consumer: ${result.passed} passed, ${result.failed} failed`);
process.exit(result.failed ? 1 : 0);
