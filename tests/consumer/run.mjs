// Consumer tests: the packed npm tarball (not the source tree) used the two ways users use it,
// each framed by the sandbox portal, same-site and cross-site:
//   vite    a modern CRM page: `npm install <tarball>`, `vite build`, served as static files
//   webpack the same page bundled by webpack 5
//   legacy  a legacy form: the tarball's script-tag build, one <script src>, global CTI string
// Each does a call, a CTI read and a respool. Prints `consumer: N passed, M failed`.
// Usage: node tests/consumer/run.mjs   (after scripts/package.sh)
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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

// The package README's three quick starts, run as written except for the instance's origin
// and credentials, which become the sandbox's.
const readme = readFileSync(join(ROOT, 'pkg-template', 'README.md'), 'utf8');
const quick = (n, lang) => {
  const m = readme.match(new RegExp('## Quick start ' + n + '[^\\n]*\\n+```' + lang + '\\n([\\s\\S]*?)```'));
  if (!m) throw new Error(`README quick start ${n} (${lang}) not found`);
  return m[1];
};
const page = (script) => `<!doctype html><meta charset="utf-8"><script src="/config.js"></script><script type="module" src="${script}"></script>`;

// The Vite app, installed from the tarball and built.
const app = join(work, 'vite-app');
cpSync(join(ROOT, 'tests', 'consumer', 'vite-app'), app, { recursive: true });
writeFileSync(join(app, 'readme-portal.js'), quick(1, 'js').replace("['https://acme.ucontactcloud.com']", 'window.SANDBOX.portalOrigins')
  + '\nwindow.readmeDone = true;\n');
writeFileSync(join(app, 'readme-portal.html'), page('./readme-portal.js'));
writeFileSync(join(app, 'readme-rest.js'), quick(2, 'js').replace("'https://acme.ucontactcloud.com'", 'window.SANDBOX.portalOrigins[0]')
  .replaceAll("'ana'", "'agent1'").replace("'secret'", "'secret1'") + '\nwindow.readmeDone = guid;\n');
writeFileSync(join(app, 'readme-rest.html'), page('./readme-rest.js'));
run('npm', ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=error', tgz], app);
run(join(ROOT, 'node_modules', '.bin', 'vite'), ['build', '--outDir', join(site, 'vite'), '--emptyOutDir'], app);

// The same page bundled by webpack 5, also from the tarball.
const wp = join(work, 'webpack-app');
cpSync(join(ROOT, 'tests', 'consumer', 'webpack-app'), wp, { recursive: true });
cpSync(join(app, 'main.js'), join(wp, 'main.js'));
run('npm', ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=error', tgz], wp);
execFileSync(join(ROOT, 'node_modules', '.bin', 'webpack'), ['--config', 'webpack.config.mjs'], {
  cwd: wp, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', env: { ...process.env, UCB_OUT_DIR: join(site, 'webpack') },
});
cpSync(join(wp, 'index.html'), join(site, 'webpack', 'index.html'));

// The legacy form, with the script-tag build taken out of the tarball.
const unpacked = join(work, 'unpacked');
mkdirSync(unpacked);
run('tar', ['-xzf', tgz, '-C', unpacked], ROOT);
mkdirSync(join(site, 'legacy', 'vendor'), { recursive: true });
cpSync(join(unpacked, 'package', 'script'), join(site, 'legacy', 'vendor'), { recursive: true });
cpSync(join(ROOT, 'tests', 'consumer', 'legacy', 'index.html'), join(site, 'legacy', 'index.html'));
const cti = readFileSync(join(ROOT, 'tests', 'consumer', 'legacy', 'index.html'), 'utf8').match(/<script>\s*\/\/ What uContact v5 injects[\s\S]*?<\/script>/)[0];
writeFileSync(join(site, 'legacy', 'readme.html'), '<!doctype html><meta charset="utf-8">' + cti
  + quick(3, 'html').replace('/vendor/ucontact-bridge.js', 'vendor/ucontact-bridge.js').replace("['https://acme.ucontactcloud.com']", 'SANDBOX.portalOrigins')
    .replace('<script src="vendor', '<script src="/config.js"></script>\n<script src="vendor'));

/** Opens the sandbox portal (PortalHost, whose CTI reply has a dialer row) framing `page`. */
async function portalWith(ctx, page, crmHost, { ready = true } = {}) {
  const tab = await ctx.browser.context.newPage();
  const errors = [];
  tab.on('pageerror', (e) => errors.push(String(e)));
  await tab.goto(`http://127.0.0.1:${ctx.portalPort}/?crmHost=${crmHost}&crm=${encodeURIComponent(page)}`);
  await tab.waitForFunction(() => document.body.dataset.ready === 'wasm');
  const origin = `http://${crmHost}:${ctx.crmPort}/`;
  if (!ready) {
    // A page that does not announce readiness (the README's examples): just find its frame.
    await tab.waitForFunction((o) => [...document.querySelectorAll('iframe')].some((f) => f.src.startsWith(o)), origin);
    for (let i = 0; i < 100 && !tab.frames().some((f) => f.url().startsWith(origin)); i++) await tab.waitForTimeout(50);
    return { tab, frame: tab.frames().find((f) => f.url().startsWith(origin)), errors };
  }
  const frame = await crmFrame(tab, origin);
  return { tab, frame, errors };
}

for (const crmHost of ['127.0.0.1', 'localhost']) {
  const kind = crmHost === 'localhost' ? 'cross-site' : 'same-site';

  for (const [bundler, dir, asset] of [['Vite', 'vite', /\/vite\/assets\/.+\.wasm$/], ['webpack', 'webpack', /\/webpack\/[0-9a-f]+\.wasm$/]]) test(`consumer/${kind}: a ${bundler} app built from the tarball calls, reads CTI and respools inside the portal`, async (ctx) => {
    const { tab, frame, errors } = await portalWith(ctx, `/${dir}/index.html`, crmHost);
    try {
      // The bundler turned the package's .wasm into a hashed asset of the build.
      const wasm = await frame.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.endsWith('.wasm')));
      assert(wasm.length === 1 && asset.test(wasm[0]), `wasm served from the build: ${wasm}`);
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

test('consumer: the README quick starts run as written (portal, REST, legacy form)', async (ctx) => {
  await fetch(`http://127.0.0.1:${ctx.portalPort}/__emulator/reset`, { method: 'POST' });
  // 1: a CRM page inside the portal.
  const one = await portalWith(ctx, '/vite/readme-portal.html', '127.0.0.1', { ready: false });
  try {
    await one.frame.waitForFunction(() => window.readmeDone === true, null, { timeout: 10000 });
    const got = await one.tab.evaluate(() => window.actions.map((a) => a.data.action));
    for (const a of ['call', 'tag', 'CTI', 'respool']) assert(got.includes(a), `quick start 1 sent ${a}: ${got}`);
    assertEq(one.errors, [], 'no page errors');
  } finally { await one.tab.close(); }
  // 2: REST only, top-level on the CRM origin against the emulator.
  const tab = await ctx.browser.context.newPage();
  try {
    await tab.goto(`http://127.0.0.1:${ctx.crmPort}/vite/readme-rest.html`);
    await tab.waitForFunction(() => typeof window.readmeDone === 'string', null, { timeout: 10000 });
    assert(GUID.test(await tab.evaluate(() => window.readmeDone)), 'quick start 2 got a guid');
    const n = await (await fetch(`http://127.0.0.1:${ctx.portalPort}/__emulator/counters`)).json();
    assertEq([n['Agents/AgentCall'], n['api/DispositionCall']], [1, 1], 'quick start 2 reached the API');
  } finally { await tab.close(); }
  // 3: the legacy form.
  const three = await portalWith(ctx, '/legacy/readme.html', '127.0.0.1', { ready: false });
  try {
    await three.tab.waitForFunction(() => window.actions.some((a) => a.data.action === 'respool'), null, { timeout: 10000 });
    const sent = await three.tab.evaluate(() => window.actions.find((a) => a.data.action === 'respool').data.objetoRespool);
    assertEq([sent.destination, sent.alternatives], ['098124484', '098344484'], 'quick start 3 promoted and respooled');
    assertEq(three.errors, [], 'no page errors');
  } finally { await three.tab.close(); }
});

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
