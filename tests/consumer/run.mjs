// Consumer tests: the packed npm tarball (not the source tree) used the ways users use it, each
// framed by the sandbox's porthole.js portal (porthole.html: real porthole.js 1.0.0, like the
// uContact portal), same-site and cross-site:
//   vite     modern CRM pages: `npm install <tarball>`, `vite build`, served as static files; one
//            page imports `ucontact-bridge` (Bridge), one `ucontact-bridge/channel` (PortalChannel),
//            one `ucontact-bridge/v6` (UPhone: top level, embedding the sandbox instance's uPhone)
//   webpack  the same three pages bundled by webpack 5
//   legacy   legacy forms, one <script src> and the global CTI string: the full script-tag build
//            (script/, .js + .wasm) and the channel's single file (channel/script/…single.js)
// Each does a call, a CTI read and a respool. Then the package README's quick starts run as
// written, and the tarball's declarations are compiled with TypeScript's three package
// resolutions. Prints `consumer: N passed, M failed`.
// Usage: node tests/consumer/run.mjs   (after scripts/package.sh)
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, ALL_ENTRIES, SITES, startSandbox, launch, freePorts, crmFrame, test, runAll, assert, assertEq } from '../e2e/harness.mjs';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const version = JSON.parse(readFileSync(join(ROOT, 'pkg-template', 'package.json'), 'utf8')).version;
const tgz = join(ROOT, 'target', 'pkg', `ucontact-bridge-${version}.tgz`);
if (!existsSync(tgz)) throw new Error(`${tgz} is missing: run scripts/package.sh first`);
// The pages below import the three entries by name; a new entry needs its own pages here.
assertEq(ALL_ENTRIES.map((e) => e.name).sort(), ['channel', 'full', 'v6'], 'the entries of scripts/entries.tsv these tests cover');

const work = join(ROOT, 'target', 'consumer');
const site = join(work, 'site');
const run = (cmd, args, cwd) => execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
rmSync(work, { recursive: true, force: true });
mkdirSync(site, { recursive: true });

// The tarball's files, to compare with what the built pages load.
const unpacked = join(work, 'unpacked');
mkdirSync(unpacked);
run('tar', ['-xzf', tgz, '-C', unpacked], ROOT);
const pkgFile = (path) => readFileSync(join(unpacked, 'package', path));
/** Each entry's ES module build in the package, by the page that imports it. */
const PAGES = [
  { page: 'index', entry: 'full', specifier: 'ucontact-bridge', wasm: 'ucontact-bridge_bg.wasm' },
  { page: 'channel', entry: 'channel', specifier: 'ucontact-bridge/channel', wasm: 'channel/ucontact-bridge_bg.wasm' },
];
// What `import * as entry from 'ucontact-bridge/v6'` holds: the v6 names only.
const V6_EXPORTS = ['FormBridge', 'UContactEvents', 'UPhone', '__heapInUse', 'default', 'initSync', 'version'];
// What `import * as entry from 'ucontact-bridge/channel'` holds: the channel's names only.
// (`__heapInUse`, the leak tests' allocator probe, is in every build and in no .d.ts.)
const CHANNEL_EXPORTS = ['PortalChannel', 'Respool', '__heapInUse', 'decodeCti', 'default', 'initSync', 'readLegacyCti', 'version'];

// The package README's three quick starts, run as written except for the instance's origin
// and credentials, which become the sandbox's.
const readme = readFileSync(join(ROOT, 'pkg-template', 'README.md'), 'utf8');
const quick = (n, lang) => {
  const m = readme.match(new RegExp('## Quick start ' + n + '[^\\n]*\\n+```' + lang + '\\n([\\s\\S]*?)```'));
  if (!m) throw new Error(`README quick start ${n} (${lang}) not found`);
  return m[1];
};
const page = (script) => `<!doctype html><meta charset="utf-8"><script src="/config.js"></script><script type="module" src="${script}"></script>`;

// The Vite app, installed from the tarball and built: index.html (main.js, the full entry),
// channel.html (channel.js, the channel entry), and the README's quick starts 1 and 2.
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

// The same two pages bundled by webpack 5, also from the tarball.
const wp = join(work, 'webpack-app');
cpSync(join(ROOT, 'tests', 'consumer', 'webpack-app'), wp, { recursive: true });
for (const f of ['main.js', 'channel.js', 'v6.js']) cpSync(join(app, f), join(wp, f));
run('npm', ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=error', tgz], wp);
execFileSync(join(ROOT, 'node_modules', '.bin', 'webpack'), ['--config', 'webpack.config.mjs'], {
  cwd: wp, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', env: { ...process.env, UCB_OUT_DIR: join(site, 'webpack') },
});
for (const f of ['index.html', 'channel.html', 'v6.html']) cpSync(join(wp, f), join(site, 'webpack', f));

// The legacy forms, with the script-tag builds taken out of the tarball as the README says:
// vendor/ holds the full build's two files, single/ the channel's single file and nothing else.
const legacy = join(site, 'legacy');
mkdirSync(join(legacy, 'vendor'), { recursive: true });
cpSync(join(unpacked, 'package', 'script'), join(legacy, 'vendor'), { recursive: true });
mkdirSync(join(legacy, 'single'));
cpSync(join(unpacked, 'package', 'channel', 'script', 'ucontact-bridge.single.js'), join(legacy, 'single', 'ucontact-bridge.single.js'));
const form = readFileSync(join(ROOT, 'tests', 'consumer', 'legacy', 'index.html'), 'utf8');
const SCRIPT_TAG = '<script src="vendor/ucontact-bridge.js"></script>';
assert(form.includes(SCRIPT_TAG), `tests/consumer/legacy/index.html includes ${SCRIPT_TAG}`);
writeFileSync(join(legacy, 'index.html'), form);
writeFileSync(join(legacy, 'single.html'), form.replace(SCRIPT_TAG, '<script src="single/ucontact-bridge.single.js"></script>')
  .replace('<title>Legacy form with the script-tag build', '<title>Legacy form with the single-file channel script'));
const cti = form.match(/<script>\s*\/\/ What uContact v5 injects[\s\S]*?<\/script>/)[0];
writeFileSync(join(legacy, 'readme.html'), '<!doctype html><meta charset="utf-8">' + cti
  + quick(3, 'html').replace('/vendor/ucontact-bridge.js', 'vendor/ucontact-bridge.js').replace("['https://acme.ucontactcloud.com']", 'SANDBOX.portalOrigins')
    .replace('<script src="vendor', '<script src="/config.js"></script>\n<script src="vendor'));

// The dialer row the portal's CTI record carries (porthole.html's record has none of its own).
const DIALER = { campaign: 'Ventas->', destination: '098344484', dialerbase: 'basetest', status: 1,
  data: 'Par1=Val1:Par2=Val2', alternatives: '098124484:099111222', contact: 222, retries: 2, priority: 9999, agentphone: '1001' };

/** Opens the porthole.js portal (porthole.html) framing `page` on `crmHost`. Its CTI reply has
 *  the dialer row above: the record it builds as it loads gets it before the frame can ask. */
async function portalWith(ctx, page, crmHost, { ready = true } = {}) {
  const tab = await ctx.browser.context.newPage();
  const errors = [];
  tab.on('pageerror', (e) => errors.push(String(e)));
  await tab.addInitScript(({ port, dialer }) => {
    if (location.port !== String(port)) return;
    let record;
    Object.defineProperty(window, 'record', { configurable: true, get: () => record, set: (r) => { record = { ...r, Dialer: dialer }; } });
  }, { port: ctx.portalPort, dialer: DIALER });
  await tab.goto(`http://127.0.0.1:${ctx.portalPort}/porthole.html?crmHost=${crmHost}&crm=${encodeURIComponent(page)}`);
  const origin = `http://${crmHost}:${ctx.crmPort}/`;
  if (!ready) {
    // A page that does not announce readiness (the README's examples): just find its frame.
    for (let i = 0; i < 200 && !tab.frames().some((f) => f.url().startsWith(origin)); i++) await tab.waitForTimeout(50);
    return { tab, frame: tab.frames().find((f) => f.url().startsWith(origin)), errors };
  }
  const frame = await crmFrame(tab, origin);
  return { tab, frame, errors };
}

/** The .wasm files a frame fetched, as URLs. */
const wasmFetched = (frame) => frame.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.endsWith('.wasm')));

/** The respool the portal received (porthole.html keeps every action's data). */
async function respoolSent(tab) {
  await tab.waitForFunction(() => window.actions.some((a) => a.action === 'respool'), null, { timeout: 10000 });
  return tab.evaluate(() => window.actions.find((a) => a.action === 'respool').objetoRespool);
}

for (const { crmHost, site: kind } of SITES) {
  for (const [bundler, dir, asset] of [['Vite', 'vite', /\/vite\/assets\/[^/]+\.wasm$/], ['webpack', 'webpack', /\/webpack\/[0-9a-f]+\.wasm$/]]) {
    for (const { page: name, entry, specifier, wasm } of PAGES) test(`consumer/${kind}: a ${bundler} app importing '${specifier}' from the tarball calls, reads CTI and respools inside the portal`, async (ctx) => {
      const { tab, frame, errors } = await portalWith(ctx, `/${dir}/${name}.html`, crmHost);
      try {
        // The bundler turned the entry's .wasm into a hashed asset of the build: that one, byte
        // for byte, and no other.
        const fetched = await wasmFetched(frame);
        assert(fetched.length === 1 && asset.test(fetched[0]), `wasm served from the build: ${fetched}`);
        const bytes = Buffer.from(await (await fetch(fetched[0].replace('//localhost:', '//127.0.0.1:'))).arrayBuffer());
        assert(bytes.equals(pkgFile(wasm)), `${fetched[0]} is the package's ${wasm} (${entry} entry)`);
        if (entry === 'channel') assertEq(await frame.evaluate(() => window.app.exports), CHANNEL_EXPORTS, `what '${specifier}' exports`);
        const r = await frame.evaluate(() => window.app.callCtiRespool());
        assertEq(r.mode, 'portal', 'portal path');
        assert(GUID.test(r.guid), `guid ${r.guid}`);
        assertEq(r.campaign, 'Ventas->', 'CTI campaign');
        const sent = await respoolSent(tab);
        assertEq(sent, r.respool, 'the portal received the edited row');
        assert(sent.data.endsWith('outcome=callback'), sent.data);
        assertEq(errors, [], 'no page errors');
      } finally { await tab.close(); }
    });
  }

  // The v6 page, top level on the CRM origin, embeds the sandbox instance's uPhone.
  for (const [bundler, dir, asset] of [['Vite', 'vite', /\/vite\/assets\/[^/]+\.wasm$/], ['webpack', 'webpack', /\/webpack\/[0-9a-f]+\.wasm$/]]) {
    test(`consumer/${kind}: a ${bundler} app importing 'ucontact-bridge/v6' from the tarball loads only the v6 .wasm, hears uPhone and dials`, async (ctx) => {
      const tab = await ctx.browser.context.newPage();
      const errors = [];
      tab.on('pageerror', (e) => errors.push(String(e)));
      try {
        await tab.goto(`http://${crmHost}:${ctx.crmPort}/${dir}/v6.html`);
        await tab.waitForFunction(() => document.body.dataset.ready === 'app', null, { timeout: 15000 });
        const fetched = await wasmFetched(tab.mainFrame());
        assert(fetched.length === 1 && asset.test(fetched[0]), `wasm served from the build: ${fetched}`);
        const bytes = Buffer.from(await (await fetch(fetched[0].replace('//localhost:', '//127.0.0.1:'))).arrayBuffer());
        assert(bytes.equals(pkgFile('v6/ucontact-bridge_bg.wasm')), `${fetched[0]} is the package's v6/ucontact-bridge_bg.wasm`);
        assertEq(await tab.evaluate(() => window.app.exports), V6_EXPORTS, "what 'ucontact-bridge/v6' exports");
        const handle = await tab.waitForSelector('#phone iframe', { state: 'attached' });
        let uphone = null;
        for (let i = 0; i < 200 && !uphone; i++) {
          const f = await handle.contentFrame();
          if (f && await f.evaluate(() => document.body && document.body.dataset.ready === 'uphone').catch(() => false)) uphone = f;
          else await tab.waitForTimeout(50);
        }
        assert(uphone, 'the uPhone frame loaded');
        await uphone.evaluate(() => window.uphone.fire('gettingCall', { guid: 'c-1', number: 98123456, date: '31/12/2024 23:59:58' }));
        await tab.waitForFunction(() => window.app.events.length === 1, null, { timeout: 10000 });
        assertEq(await tab.evaluate(() => [window.app.events[0].params.number, window.app.events[0].params.date, window.app.state().call.phase]),
          ['98123456', '2024-12-31T23:59:58', 'ringing'], 'a typed event and the derived state');
        await tab.evaluate(() => window.app.dial('099123456', 'Ventas->'));
        await uphone.waitForFunction(() => window.uphone.received.length === 1, null, { timeout: 10000 });
        assertEq(await uphone.evaluate(() => window.uphone.received[0].data), { action: 'makeCall', params: { number: '099123456', campaign: 'Ventas->' } }, 'the command uPhone got');
        assertEq(errors, [], 'no page errors');
      } finally { await tab.close(); }
    });
  }

  for (const [what, form, wasm, hasRest] of [
    ['the full script-tag build (script/ .js + .wasm)', 'index', /\/legacy\/vendor\/ucontact-bridge_bg\.wasm$/, true],
    ['the channel single-file script (channel/script/ucontact-bridge.single.js)', 'single', null, false],
  ]) test(`consumer/${kind}: a legacy form with ${what} calls, reads the global CTI and respools`, async (ctx) => {
    const { tab, frame, errors } = await portalWith(ctx, `/legacy/${form}.html`, crmHost);
    try {
      assertEq(await frame.evaluate(() => typeof window.wasm_bindgen), 'undefined', 'the glue leaves no global but UContactBridge');
      assertEq(await frame.evaluate(() => typeof UContactBridge.IntegraClient === 'function'), hasRest, 'the REST client is in the full build only');
      const fetched = await wasmFetched(frame);
      if (wasm) assert(fetched.length === 1 && wasm.test(fetched[0]), `the .wasm next to the script: ${fetched}`);
      else assertEq(fetched, [], 'the single file fetches no .wasm');
      const r = await frame.evaluate(() => window.app.callCtiRespool());
      assert(GUID.test(r.guid), `guid ${r.guid}`);
      assertEq(r.campaign, 'Ventas->', 'CTI from the global string');
      assertEq([r.respool.destination, r.respool.alternatives, r.respool.retries], ['098124484', '098344484', 0], 'promoted row');
      assertEq(await respoolSent(tab), r.respool, 'the portal received the edited row');
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
    const got = await one.tab.evaluate(() => window.actions.map((a) => a.action));
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
    const sent = await respoolSent(three.tab);
    assertEq([sent.destination, sent.alternatives], ['098124484', '098344484'], 'quick start 3 promoted and respooled');
    assertEq(three.errors, [], 'no page errors');
  } finally { await three.tab.close(); }
});

// The declarations as a TypeScript project finds them in the installed tarball, through
// `exports` (bundler, node16) and through `types` / `typesVersions` (node10).
test('consumer: the tarball\'s declarations resolve for every entry point (moduleResolution bundler, node16, node10)', async () => {
  const tsc = join(ROOT, 'node_modules', '.bin', 'tsc');
  for (const [moduleResolution, module] of [['bundler', 'esnext'], ['node16', 'node16'], ['node10', 'esnext']]) {
    const config = `tsconfig.${moduleResolution}.json`;
    writeFileSync(join(app, config), JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, exactOptionalPropertyTypes: true, skipLibCheck: false, moduleResolution, module,
        target: 'es2022', lib: ['ES2022', 'DOM', 'ESNext.Disposable'], types: [] },
      files: ['types-check.ts'],
    }));
    try {
      execFileSync(tsc, ['-p', config], { cwd: app, stdio: 'pipe', encoding: 'utf8' });
    } catch (e) {
      throw new Error(`tsc with moduleResolution ${moduleResolution}:\n${e.stdout}${e.stderr}`);
    }
  }
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
