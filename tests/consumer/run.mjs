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
// written (1-3: portal, REST, legacy form; 4-6: uContact v6 against the sandbox's instance
// origin, same-site and cross-site: UPhone, FormBridge inside the sandbox Inbox, UContactEvents),
// the README's in-browser PortalHost test ('ucontact-bridge/testing') against a CRM page of the
// Vite app, the README's Node test of the scripted sandbox (node --test, no cargo on PATH), and the tarball's declarations are compiled with TypeScript's three package resolutions; the
// README's React and Vue examples run in a Vite app (tests/consumer/frameworks.mjs). Prints `consumer: N passed, M failed`.
// Usage: node tests/consumer/run.mjs   (after scripts/package.sh)
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import './listeners.mjs';
import {
  ROOT,
  ALL_ENTRIES,
  SITES,
  startSandbox,
  launch,
  crmFrame,
  test,
  runAll,
  assert,
  assertEq,
  ENGINE,
  engineCan,
  Skip,
} from '../e2e/harness.mjs';
import { frameworkTests } from './frameworks.mjs';
import { firstHour } from './first-hour.mjs';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const version = JSON.parse(readFileSync(join(ROOT, 'pkg-template', 'package.json'), 'utf8')).version;
const tgz = join(ROOT, 'target', 'pkg', `ucontact-bridge-${version}.tgz`);
if (!existsSync(tgz)) throw new Error(`${tgz} is missing: run scripts/package.sh first`);
// The pages below import the four entries by name (the testing one in the README's PortalHost
// test); a new entry needs its own pages here.
assertEq(
  ALL_ENTRIES.map((e) => e.name).sort(),
  ['channel', 'full', 'testing', 'v6'],
  'the entries of scripts/entries.tsv these tests cover',
);

const work = join(ROOT, 'target', 'consumer');
const site = join(work, 'site');
const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
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
const V6_EXPORTS = [
  'ErrorCode',
  'FormBridge',
  'UContactError',
  'UContactEvents',
  'UPhone',
  '__heapInUse',
  'default',
  'initSync',
  'isUContactError',
  'version',
];
// What `import * as entry from 'ucontact-bridge/channel'` holds: the channel's names only.
// (`__heapInUse`, the leak tests' allocator probe, is in every build and in no .d.ts.)
const CHANNEL_EXPORTS = [
  'ErrorCode',
  'PortalChannel',
  'Respool',
  'UContactError',
  '__heapInUse',
  'decodeCti',
  'default',
  'initSync',
  'isUContactError',
  'readLegacyCti',
  'version',
];

// The package README's quick starts, run as written except for the instance's origin and
// credentials, which become the sandbox's.
const readme = readFileSync(join(ROOT, 'pkg-template', 'README.md'), 'utf8');
const quick = (n, lang) => {
  const m = readme.match(new RegExp('## Quick start ' + n + '[^\\n]*\\n+```' + lang + '\\n([\\s\\S]*?)```'));
  if (!m) throw new Error(`README quick start ${n} (${lang}) not found`);
  return m[1];
};
const page = (script) =>
  `<!doctype html><meta charset="utf-8"><script src="/config.js"></script><script type="module" src="${script}"></script>`;

// The Vite app, installed from the tarball and built: index.html (main.js, the full entry),
// channel.html (channel.js, the channel entry), and the README's quick starts 1 and 2.
const app = join(work, 'vite-app');
cpSync(join(ROOT, 'tests', 'consumer', 'vite-app'), app, { recursive: true });
writeFileSync(
  join(app, 'readme-portal.js'),
  quick(1, 'js').replace("['https://acme.ucontactcloud.com']", 'window.SANDBOX.portalOrigins') +
    '\nwindow.readmeDone = true;\n',
);
writeFileSync(join(app, 'readme-portal.html'), page('./readme-portal.js'));
writeFileSync(
  join(app, 'readme-rest.js'),
  quick(2, 'js')
    .replace("'https://acme.ucontactcloud.com'", 'window.SANDBOX.portalOrigins[0]')
    .replaceAll("'ana'", "'agent1'")
    .replace("'secret'", "'secret1'") + '\nwindow.readmeDone = guid;\n',
);
writeFileSync(join(app, 'readme-rest.html'), page('./readme-rest.js'));
// Quick starts 4-6 (uContact v6), each a page of the Vite app importing 'ucontact-bridge/v6'.
// The snippet is the page's module, as written except for the instance's origin (exactly one
// quoted occurrence each), which becomes the sandbox instance's (for `inboxOrigins`, the Inbox's
// origin: the same). The page provides what the snippet uses but does not define: its functions
// record each call's arguments (a JSON copy) and time in `window.calls`; its elements are
// reached by id, as the snippet does (`dial`, `numberInput`, `submit`). `window.messages`
// counts every message the window gets, so a test knows when a forged one has been handled.
const asWritten = (code, from, to) => {
  const parts = code.split(from);
  assertEq(parts.length - 1, 1, `occurrences of ${from} in the quick start`);
  return parts.join(to);
};
const v6Page = (title, functions, body, script) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<script src="/config.js"></script>
<script>
window.calls = [];
for (const name of ${JSON.stringify(functions)}) {
  window[name] = (...args) => { window.calls.push({ name, args: JSON.parse(JSON.stringify(args)), at: performance.now() }); };
}
window.messages = 0;
window.addEventListener('message', () => { window.messages++; });
</script></head>
<body>${body}<script type="module" src="./${script}"></script></body></html>
`;
const INSTANCE_ORIGIN = 'window.SANDBOX.instanceOrigins[0]';
const README_V6 = [
  {
    n: 4,
    name: 'readme-uphone',
    title: 'README quick start 4: UPhone in a CRM page',
    functions: ['showCaller', 'render', 'warn'],
    body: '<div id="phone"></div><input id="numberInput"><button id="dial">dial</button>',
  },
  {
    n: 5,
    name: 'readme-form',
    title: 'README quick start 5: a form inside the Inbox',
    functions: ['fill', 'show', 'save'],
    body: '<button id="submit">submit</button>',
  },
  {
    n: 6,
    name: 'readme-events',
    title: 'README quick start 6: the whole instance embedded',
    functions: ['openCustomer', 'log'],
    body: '<div id="ucontact"></div>',
  },
];
for (const { n, name, title, functions, body } of README_V6) {
  const code = quick(n, 'js');
  assert(code.includes("from 'ucontact-bridge/v6'"), `quick start ${n} imports ucontact-bridge/v6`);
  writeFileSync(join(app, `${name}.js`), asWritten(code, "'https://acme.ucontactcloud.com'", INSTANCE_ORIGIN));
  writeFileSync(join(app, `${name}.html`), v6Page(title, functions, body, `${name}.js`));
}
// The package README's in-browser test ("Testing your page"), as written: a page of the Vite
// app runs its `testCrmPage` against testing-crm.html (a CRM page with the channel entry), the
// test page importing PortalHost from 'ucontact-bridge/testing' as a bundler resolves it.
const testingBlock = readme.match(/## Testing your page[^\n]*\n[\s\S]*?```ts\n([\s\S]*?)```/);
assert(
  testingBlock && testingBlock[1].includes("from 'ucontact-bridge/testing'"),
  "the README's PortalHost test imports ucontact-bridge/testing",
);
writeFileSync(join(app, 'readme-testing.ts'), testingBlock[1]);
writeFileSync(
  join(app, 'readme-testing.js'),
  `import { testCrmPage } from './readme-testing.ts';
import * as entry from 'ucontact-bridge/testing';
window.testingExports = Object.keys(entry).sort();
// Bounded: a page that never tags fails the test instead of stalling it.
const late = new Promise((_, fail) => setTimeout(() => fail(new Error('no tag within 10 s')), 10000));
window.outcome = Promise.race([testCrmPage(new URLSearchParams(location.search).get('crm')), late])
  .then((received) => ({ received }), (e) => ({ error: String(e) }));
`,
);
writeFileSync(
  join(app, 'readme-testing.html'),
  '<!doctype html><meta charset="utf-8"><title>README: testing a CRM page with PortalHost</title>' +
    '<script type="module" src="./readme-testing.js"></script>',
);
firstHour({ app, site, unpacked });
run('npm', ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=error', tgz], app);
run(join(ROOT, 'node_modules', '.bin', 'vite'), ['build', '--outDir', join(site, 'vite'), '--emptyOutDir'], app);

// The same two pages bundled by webpack 5, also from the tarball.
const wp = join(work, 'webpack-app');
cpSync(join(ROOT, 'tests', 'consumer', 'webpack-app'), wp, { recursive: true });
for (const f of ['main.js', 'channel.js', 'v6.js']) cpSync(join(app, f), join(wp, f));
run('npm', ['install', '--no-save', '--no-package-lock', '--no-audit', '--no-fund', '--loglevel=error', tgz], wp);
execFileSync(join(ROOT, 'node_modules', '.bin', 'webpack'), ['--config', 'webpack.config.mjs'], {
  cwd: wp,
  stdio: ['ignore', 'pipe', 'inherit'],
  encoding: 'utf8',
  env: { ...process.env, UCB_OUT_DIR: join(site, 'webpack') },
});
for (const f of ['index.html', 'channel.html', 'v6.html']) cpSync(join(wp, f), join(site, 'webpack', f));

// The legacy forms, with the script-tag builds taken out of the tarball as the README says:
// vendor/ holds the full build's two files in their places in the package (script/ucontact-
// bridge.js loads ../ucontact-bridge_bg.wasm, the ES module's, which the package ships once),
// single/ the channel's single file and nothing else.
const legacy = join(site, 'legacy');
mkdirSync(join(legacy, 'vendor'), { recursive: true });
cpSync(join(unpacked, 'package', 'script'), join(legacy, 'vendor', 'script'), { recursive: true });
cpSync(join(unpacked, 'package', 'ucontact-bridge_bg.wasm'), join(legacy, 'vendor', 'ucontact-bridge_bg.wasm'));
mkdirSync(join(legacy, 'single'));
cpSync(
  join(unpacked, 'package', 'channel', 'script', 'ucontact-bridge.single.js'),
  join(legacy, 'single', 'ucontact-bridge.single.js'),
);
const form = readFileSync(join(ROOT, 'tests', 'consumer', 'legacy', 'index.html'), 'utf8');
const SCRIPT_TAG = '<script src="vendor/script/ucontact-bridge.js"></script>';
assert(form.includes(SCRIPT_TAG), `tests/consumer/legacy/index.html includes ${SCRIPT_TAG}`);
writeFileSync(join(legacy, 'index.html'), form);
writeFileSync(
  join(legacy, 'single.html'),
  form
    .replace(SCRIPT_TAG, '<script src="single/ucontact-bridge.single.js"></script>')
    .replace('<title>Legacy form with the script-tag build', '<title>Legacy form with the single-file channel script'),
);
// The two files side by side in one directory, the tag saying where the .wasm is (`data-wasm`).
mkdirSync(join(legacy, 'flat'));
cpSync(join(unpacked, 'package', 'script', 'ucontact-bridge.js'), join(legacy, 'flat', 'ucontact-bridge.js'));
cpSync(join(unpacked, 'package', 'ucontact-bridge_bg.wasm'), join(legacy, 'flat', 'ucontact-bridge_bg.wasm'));
writeFileSync(
  join(legacy, 'flat.html'),
  form.replace(SCRIPT_TAG, '<script src="flat/ucontact-bridge.js" data-wasm="ucontact-bridge_bg.wasm"></script>'),
);
// Both script-tag builds on a page whose policy forbids WebAssembly: the global is there and
// `ready` rejects (the single file decodes its .wasm with WebAssembly too, so it must fail the
// same way and not throw while loading).
const NO_WASM = `<!doctype html><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="script-src 'self' 'unsafe-inline'">`;
for (const [name, src] of [
  ['csp-index', 'vendor/script/ucontact-bridge.js'],
  ['csp-single', 'single/ucontact-bridge.single.js'],
]) {
  writeFileSync(
    join(legacy, `${name}.html`),
    `${NO_WASM}<title>${name}</title><script src="${src}"></script>
<script>
  window.outcome = typeof UContactBridge !== 'function' ? Promise.resolve('no UContactBridge')
    : UContactBridge.ready.then(() => 'resolved', (e) => 'rejected: ' + (e instanceof Error ? e.name : typeof e));
</script>`,
  );
}
const cti = form.match(/<script>\s*\/\/ What uContact v5 injects[\s\S]*?<\/script>/)[0];
// Quick start 3 (its page, then its script file) under the README's policy for two-file builds:
// the CTI the portal injects comes from a file too, as a strict policy requires.
const qs3 = readme.match(/## Quick start 3[^\n]*\n+```html\n([\s\S]*?)```\n+```js\n([\s\S]*?)```/);
writeFileSync(join(legacy, 'readme-cti.js'), cti.replace(/^<script>|<\/script>$/g, ''));
writeFileSync(
  join(legacy, 'readme-form.js'),
  qs3[2].replace("['https://acme.ucontactcloud.com']", 'SANDBOX.portalOrigins'),
);
writeFileSync(
  join(legacy, 'readme.html'),
  '<!doctype html><meta charset="utf-8">' +
    `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'">` +
    '<script src="/config.js"></script><script src="readme-cti.js"></script>\n' +
    qs3[1]
      .replace('/vendor/script/ucontact-bridge.js', 'vendor/script/ucontact-bridge.js')
      .replace('/js/crm-form.js', 'readme-form.js'),
);

// The dialer row the portal's CTI record carries (porthole.html's record has none of its own).
const DIALER = {
  campaign: 'Ventas->',
  destination: '098344484',
  dialerbase: 'basetest',
  status: 1,
  data: 'Par1=Val1:Par2=Val2',
  alternatives: '098124484:099111222',
  contact: 222,
  retries: 2,
  priority: 9999,
  agentphone: '1001',
};

/** Opens the porthole.js portal (porthole.html) framing `page` on `crmHost`. Its CTI reply has
 *  the dialer row above (the portal page's `?dialer=`). */
async function portalWith(ctx, page, crmHost, { ready = true } = {}) {
  const tab = await ctx.browser.context.newPage();
  const errors = [];
  tab.on('pageerror', (e) => errors.push(String(e)));
  await tab.goto(
    `http://127.0.0.1:${ctx.portalPort}/porthole.html?crmHost=${crmHost}&crm=${encodeURIComponent(page)}` +
      `&dialer=${encodeURIComponent(JSON.stringify(DIALER))}`,
  );
  const origin = `http://${crmHost}:${ctx.crmPort}/`;
  if (!ready) {
    // A page that does not announce readiness (the README's examples): just find its frame.
    for (let i = 0; i < 200 && !(await tab.frames()).some((f) => f.url().startsWith(origin)); i++)
      await tab.waitForTimeout(50);
    return { tab, frame: (await tab.frames()).find((f) => f.url().startsWith(origin)), errors };
  }
  const frame = await crmFrame(tab, origin);
  return { tab, frame, errors };
}

/** The .wasm files a frame fetched, as URLs. */
const wasmFetched = (frame) =>
  frame.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => e.name)
      .filter((n) => n.endsWith('.wasm')),
  );

/** The respool the portal received (porthole.html keeps every action's data). */
async function respoolSent(tab) {
  await tab.waitForFunction(() => window.actions.some((a) => a.action === 'respool'), null, { timeout: 10000 });
  return tab.evaluate(() => window.actions.find((a) => a.action === 'respool').objetoRespool);
}

for (const { crmHost, site: kind } of SITES) {
  for (const [bundler, dir, asset] of /** @type {const} */ ([
    ['Vite', 'vite', /\/vite\/assets\/[^/]+\.wasm$/],
    ['webpack', 'webpack', /\/webpack\/[0-9a-f]+\.wasm$/],
  ])) {
    for (const { page: name, entry, specifier, wasm } of PAGES)
      test(`consumer/${kind}: a ${bundler} app importing '${specifier}' from the tarball calls, reads CTI and respools inside the portal`, async (ctx) => {
        const { tab, frame, errors } = await portalWith(ctx, `/${dir}/${name}.html`, crmHost);
        try {
          // The bundler turned the entry's .wasm into a hashed asset of the build: that one, byte
          // for byte, and no other.
          const fetched = await wasmFetched(frame);
          assert(fetched.length === 1 && asset.test(fetched[0]), `wasm served from the build: ${fetched}`);
          const bytes = Buffer.from(
            await (await fetch(fetched[0].replace('//localhost:', '//127.0.0.1:'))).arrayBuffer(),
          );
          assert(bytes.equals(pkgFile(wasm)), `${fetched[0]} is the package's ${wasm} (${entry} entry)`);
          if (entry === 'channel')
            assertEq(await frame.evaluate(() => window.app.exports), CHANNEL_EXPORTS, `what '${specifier}' exports`);
          const r = await frame.evaluate(() => window.app.callCtiRespool());
          assertEq(r.mode, 'portal', 'portal path');
          assert(GUID.test(r.guid), `guid ${r.guid}`);
          assertEq(r.campaign, 'Ventas->', 'CTI campaign');
          const sent = await respoolSent(tab);
          assertEq(sent, r.respool, 'the portal received the edited row');
          assert(sent.data.endsWith('outcome=callback'), sent.data);
          assertEq(errors, [], 'no page errors');
        } finally {
          await tab.close();
        }
      });
  }

  // The README's PortalHost test, run as written in a Vite page: the test page (the portal's
  // end, the testing entry's .wasm) frames a CRM page using the channel entry, same-site or
  // cross-site, answers its call and CTI and sees its three actions, in order, exactly.
  test(`consumer/${kind}: the README's in-browser test drives a CRM page's PortalChannel with PortalHost from 'ucontact-bridge/testing' (tarball, Vite)`, async (ctx) => {
    const tab = await ctx.browser.context.newPage();
    const errors = [];
    tab.on('pageerror', (e) => errors.push(String(e)));
    try {
      const testPage = `http://127.0.0.1:${ctx.crmPort}`;
      const crm = `http://${crmHost}:${ctx.crmPort}/vite/testing-crm.html?portal=${encodeURIComponent(testPage)}`;
      await tab.goto(`${testPage}/vite/readme-testing.html?crm=${encodeURIComponent(crm)}`);
      const outcome = await tab.evaluate(() => window.outcome);
      assertEq(outcome.error, undefined, 'testCrmPage resolved');
      const [call, cti, tag] = outcome.received;
      assertEq(outcome.received.length, 3, `the actions the page sent: ${JSON.stringify(outcome.received)}`);
      assertEq(
        call,
        { action: 'call', campaign: 'Ventas->', callerid: '1001', destination: '098000111' },
        'the call, as the host received it',
      );
      assertEq(cti, { action: 'CTI' }, 'the CTI request');
      assert(
        tag.action === 'tag' && GUID.test(tag.guid),
        `the tag names the guid the host answered: ${JSON.stringify(tag)}`,
      );
      assertEq(tag.message, 'sold in Ventas->', 'the page read the CTI record the host answered');
      // The test page loaded the testing entry's .wasm from the tarball (a Vite asset), the
      // framed page the channel's: each byte for byte.
      const testWasm = await wasmFetched(tab.mainFrame());
      assertEq(testWasm.length, 1, `the test page's .wasm: ${testWasm}`);
      const bytes = Buffer.from(await (await fetch(testWasm[0])).arrayBuffer());
      assert(
        bytes.equals(pkgFile('testing/ucontact-bridge_bg.wasm')),
        `${testWasm[0]} is the package's testing/ucontact-bridge_bg.wasm`,
      );
      assert(
        await tab.evaluate(() => window.testingExports.includes('PortalHost')),
        'the testing entry exports PortalHost',
      );
      assertEq(await tab.evaluate(() => document.querySelectorAll('iframe').length), 0, 'the test removed its frame');
      assertEq(errors, [], 'no page errors');
    } finally {
      await tab.close();
    }
  });

  // The v6 page, top level on the CRM origin, embeds the sandbox instance's uPhone.
  for (const [bundler, dir, asset] of /** @type {const} */ ([
    ['Vite', 'vite', /\/vite\/assets\/[^/]+\.wasm$/],
    ['webpack', 'webpack', /\/webpack\/[0-9a-f]+\.wasm$/],
  ])) {
    test(`consumer/${kind}: a ${bundler} app importing 'ucontact-bridge/v6' from the tarball loads only the v6 .wasm, hears uPhone and dials`, async (ctx) => {
      const tab = await ctx.browser.context.newPage();
      const errors = [];
      tab.on('pageerror', (e) => errors.push(String(e)));
      try {
        await tab.goto(`http://${crmHost}:${ctx.crmPort}/${dir}/v6.html`);
        await tab.waitForFunction(() => document.body.dataset.ready === 'app', null, { timeout: 15000 });
        const fetched = await wasmFetched(tab.mainFrame());
        assert(fetched.length === 1 && asset.test(fetched[0]), `wasm served from the build: ${fetched}`);
        const bytes = Buffer.from(
          await (await fetch(fetched[0].replace('//localhost:', '//127.0.0.1:'))).arrayBuffer(),
        );
        assert(
          bytes.equals(pkgFile('v6/ucontact-bridge_bg.wasm')),
          `${fetched[0]} is the package's v6/ucontact-bridge_bg.wasm`,
        );
        assertEq(await tab.evaluate(() => window.app.exports), V6_EXPORTS, "what 'ucontact-bridge/v6' exports");
        const handle = await tab.waitForSelector('#phone iframe', { state: 'attached' });
        let uphone = null;
        for (let i = 0; i < 200 && !uphone; i++) {
          const f = await handle.contentFrame();
          if (
            f &&
            (await f.evaluate(() => document.body && document.body.dataset.ready === 'uphone').catch(() => false))
          )
            uphone = f;
          else await tab.waitForTimeout(50);
        }
        assert(uphone, 'the uPhone frame loaded');
        await uphone.evaluate(() =>
          window.uphone.fire('gettingCall', { guid: 'c-1', number: 98123456, date: '31/12/2024 23:59:58' }),
        );
        await tab.waitForFunction(() => window.app.events.length === 1, null, { timeout: 10000 });
        assertEq(
          await tab.evaluate(() => [
            window.app.events[0].params.number,
            window.app.events[0].params.date,
            window.app.state().call.phase,
          ]),
          ['98123456', '2024-12-31T23:59:58', 'ringing'],
          'a typed event and the derived state',
        );
        await tab.evaluate(() => window.app.dial('099123456', 'Ventas->'));
        await uphone.waitForFunction(() => window.uphone.received.length === 1, null, { timeout: 10000 });
        assertEq(
          await uphone.evaluate(() => window.uphone.received[0].data),
          { action: 'makeCall', params: { number: '099123456', campaign: 'Ventas->' } },
          'the command uPhone got',
        );
        assertEq(errors, [], 'no page errors');
      } finally {
        await tab.close();
      }
    });
  }

  for (const [what, form, wasm, hasRest] of /** @type {const} */ ([
    [
      "the full script-tag build (script/ucontact-bridge.js + the package's .wasm)",
      'index',
      /\/legacy\/vendor\/ucontact-bridge_bg\.wasm$/,
      true,
    ],
    [
      'the full script-tag build and its .wasm side by side (data-wasm)',
      'flat',
      /\/legacy\/flat\/ucontact-bridge_bg\.wasm$/,
      true,
    ],
    ['the channel single-file script (channel/script/ucontact-bridge.single.js)', 'single', null, false],
  ]))
    test(`consumer/${kind}: a legacy form with ${what} calls, reads the global CTI and respools`, async (ctx) => {
      const { tab, frame, errors } = await portalWith(ctx, `/legacy/${form}.html`, crmHost);
      try {
        assertEq(
          await frame.evaluate(() => typeof window.wasm_bindgen),
          'undefined',
          'the glue leaves no global but UContactBridge',
        );
        assertEq(
          await frame.evaluate(() => typeof UContactBridge.IntegraClient === 'function'),
          hasRest,
          'the REST client is in the full build only',
        );
        const fetched = await wasmFetched(frame);
        if (wasm) assert(fetched.length === 1 && wasm.test(fetched[0]), `the .wasm next to the script: ${fetched}`);
        else assertEq(fetched, [], 'the single file fetches no .wasm');
        const r = await frame.evaluate(() => window.app.callCtiRespool());
        assert(GUID.test(r.guid), `guid ${r.guid}`);
        assertEq(r.campaign, 'Ventas->', 'CTI from the global string');
        assertEq(
          [r.respool.destination, r.respool.alternatives, r.respool.retries],
          ['098124484', '098344484', 0],
          'promoted row',
        );
        assertEq(await respoolSent(tab), r.respool, 'the portal received the edited row');
        assertEq(errors, [], 'no page errors');
      } finally {
        await tab.close();
      }
    });
}

test('consumer: on a page that forbids WebAssembly, both script-tag builds define UContactBridge and reject ready', async (ctx) => {
  for (const name of ['csp-index', 'csp-single']) {
    const tab = await ctx.browser.context.newPage();
    const errors = [];
    tab.on('pageerror', (e) => errors.push(String(e)));
    try {
      await tab.goto(`http://127.0.0.1:${ctx.crmPort}/legacy/${name}.html`);
      const outcome = await tab.evaluate(() => window.outcome);
      assertEq(outcome, 'rejected: UContactError', `${name}: ready`);
      assertEq(errors, [], `${name}: no page errors`);
    } finally {
      await tab.close();
    }
  }
});

// The package README's test of a page against the scripted sandbox ("Scripting the sandbox from
// a test"), as written: a node:test file in the app that installed the tarball, run by Node
// with no cargo on PATH; it starts the tarball's own sandbox and drives Chromium.
const scriptingBlock = readme.match(/### Scripting the sandbox from a test\n[\s\S]*?```js\n([\s\S]*?)```/);
assert(
  scriptingBlock && scriptingBlock[1].includes("from 'ucontact-bridge/testing'"),
  "the README's sandbox test imports ucontact-bridge/testing",
);
writeFileSync(join(app, 'readme-sandbox.test.mjs'), scriptingBlock[1]);
test("consumer: the README's sandbox test runs as written (node --test, the tarball's startSandbox, no cargo on PATH): scripted answers, CTI, respool, a REST call to the emulator, same-site and cross-site, forged replies ignored, a uPhone event, an Inbox interaction", async () => {
  if (ENGINE !== 'chromium') throw new Skip('the README test drives Chromium');
  const path = (process.env.PATH || '')
    .split(':')
    .filter((d) => !existsSync(join(d, 'cargo')))
    .join(':');
  const out = await new Promise((ok) => {
    const child = spawn(process.execPath, ['--test', 'readme-sandbox.test.mjs'], {
      cwd: app,
      env: { ...process.env, PATH: path, CHROMIUM: process.env.CHROMIUM || '/usr/bin/chromium' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let text = '';
    child.stdout.on('data', (b) => {
      text += b;
    });
    child.stderr.on('data', (b) => {
      text += b;
    });
    child.on('exit', (code) => ok({ code, text }));
  });
  assert(
    /^# pass 5$/m.test(out.text) && /^# fail 0$/m.test(out.text) && out.code === 0,
    `the README test passes its five tests:\n${out.text}`,
  );
});

// The command a user runs, as the package README writes it: `npx ucontact-sandbox --crm-dir`,
// from the app that installed the tarball, with no cargo on PATH. It must serve their built
// files on the CRM origin, framed by the portal, and the tarball's own builds and emulator.
test("consumer: npx ucontact-sandbox --crm-dir serves the app's built page in the portal, from the tarball alone (no cargo on PATH)", async () => {
  const path = (process.env.PATH || '')
    .split(':')
    .filter((d) => !existsSync(join(d, 'cargo')))
    .join(':');
  const child = spawn(
    'npx',
    [
      '--offline',
      'ucontact-sandbox',
      '--crm-dir',
      site,
      '--portal-port',
      '0',
      '--crm-port',
      '0',
      '--instance-port',
      '0',
      '--exit-after',
      '60',
    ],
    { cwd: app, env: { ...process.env, PATH: path }, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  try {
    const printed = await new Promise((ok, fail) => {
      let text = '';
      const timer = setTimeout(() => fail(new Error(`no ready line in 30 s:\n${text}`)), 30000);
      child.stdout.on('data', (b) => {
        text += b;
        if (/^ready$/m.test(text)) {
          clearTimeout(timer);
          ok(text);
        }
      });
      child.stderr.on('data', (b) => {
        text += b;
      });
      child.on('exit', (code) => {
        clearTimeout(timer);
        fail(new Error(`exited ${code} before ready:\n${text}`));
      });
    });
    const url = (label) => new RegExp(`${label}\\s+(http://127\\.0\\.0\\.1:\\d+/\\S*)`).exec(printed)?.[1];
    const [portal, crm, integra] = [url('portal'), url('CRM page'), url('Integra API emulator')];
    assert(portal && crm && integra, `the printed URLs:\n${printed}`);
    const body = async (u, init) => {
      const r = await fetch(u, init);
      return /** @type {const} */ ([r.status, await r.text()]);
    };
    assertEq(
      (await body(`${crm}vite/index.html`))[1],
      readFileSync(join(site, 'vite', 'index.html'), 'utf8'),
      "the CRM origin serves the app's built page",
    );
    const [status, page] = await body(portal);
    assert(status === 200 && /<iframe/.test(page), 'the portal page, framing the CRM page');
    const js = readFileSync(join(app, 'node_modules', 'ucontact-bridge', 'ucontact-bridge.js'), 'utf8');
    assertEq((await body(`${crm}pkg/full/esm/ucontact-bridge.js`))[1], js, "the tarball's own build under /pkg/");
    const login = await body(`${integra}auth/getUserToken`, {
      method: 'POST',
      body: new URLSearchParams({ user: 'agent1', password: 'secret1' }),
    });
    assert(login[0] === 200 && /^"[^"]+"$/.test(login[1]), `the emulator logs agent1 in: ${login[0]}`);
  } finally {
    child.kill('SIGINT');
  }
});

test('consumer: the README quick starts run as written (portal, REST, legacy form)', async (ctx) => {
  await fetch(`http://127.0.0.1:${ctx.portalPort}/__emulator/reset`, { method: 'POST' });
  // 1: a CRM page inside the portal.
  const one = await portalWith(ctx, '/vite/readme-portal.html', '127.0.0.1', { ready: false });
  try {
    await one.frame.waitForFunction(() => window.readmeDone === true, null, { timeout: 10000 });
    const got = await one.tab.evaluate(() => window.actions.map((a) => a.action));
    for (const a of ['call', 'tag', 'sms', 'CTI', 'respool'])
      assert(got.includes(a), `quick start 1 sent ${a}: ${got}`);
    assertEq(one.errors, [], 'no page errors');
  } finally {
    await one.tab.close();
  }
  // 2: REST only, top-level on the CRM origin against the emulator.
  const tab = await ctx.browser.context.newPage();
  try {
    await tab.goto(`http://127.0.0.1:${ctx.crmPort}/vite/readme-rest.html`);
    await tab.waitForFunction(() => typeof window.readmeDone === 'string', null, { timeout: 10000 });
    assert(GUID.test(await tab.evaluate(() => window.readmeDone)), 'quick start 2 got a guid');
    const n = await (await fetch(`http://127.0.0.1:${ctx.portalPort}/__emulator/counters`)).json();
    assertEq([n['Agents/AgentCall'], n['api/DispositionCall']], [1, 1], 'quick start 2 reached the API');
  } finally {
    await tab.close();
  }
  // 3: the legacy form.
  const three = await portalWith(ctx, '/legacy/readme.html', '127.0.0.1', { ready: false });
  try {
    const sent = await respoolSent(three.tab);
    assertEq([sent.destination, sent.alternatives], ['098124484', '098344484'], 'quick start 3 promoted and respooled');
    assertEq(three.errors, [], 'no page errors');
  } finally {
    await three.tab.close();
  }
});

// ---- README quick starts 4-6 (uContact v6), as written, against the sandbox's v6 instance ----

const WAIT = { timeout: 15000 };
/** The frame of the iframe `selector` in `tab`, once its page says it is `ready`. */
async function readyFrame(tab, selector, ready) {
  const handle = await tab.waitForSelector(selector, { state: 'attached', ...WAIT });
  const deadline = Date.now() + WAIT.timeout;
  for (;;) {
    const f = await handle.contentFrame();
    if (f && (await f.evaluate((r) => document.body && document.body.dataset.ready === r, ready).catch(() => false)))
      return f;
    assert(Date.now() < deadline, `no ${ready} frame for ${selector}`);
    await tab.waitForTimeout(50);
  }
}
/** What the page's functions received, by name: `[{ args, at }]`. */
async function recorded(frame) {
  const calls = await frame.evaluate(() => window.calls);
  const by = {};
  for (const { name, args, at } of calls) (by[name] ||= []).push({ args, at });
  return by;
}
/** Waits until the page's function `name` has been called `n` times. */
const calledTimes = (frame, name, n = 1) =>
  frame.waitForFunction(([f, k]) => window.calls.filter((c) => c.name === f).length >= k, [name, n], WAIT);
/** Posts each message from `frame` to `target` (an expression there) with '*', then waits until
 *  `tab`'s window has received them all (so a forgery has been handled, or dropped). */
async function forge(tab, senders, messages) {
  const before = await tab.evaluate(() => window.messages);
  let sent = 0;
  for (const [frame, target] of senders) {
    sent += await frame.evaluate(
      ([t, ms]) => {
        const to = new Function(`return ${t};`)();
        for (const m of ms) to.postMessage(m, '*');
        return ms.length;
      },
      [target, messages],
    );
  }
  await tab.waitForFunction((n) => window.messages >= n, before + sent, WAIT);
}
/** Runs a full garbage collection in `frame`'s process (its own CDP session when it is an
 *  out-of-process frame), then lets finalizers run: a real page sees collections at any time,
 *  so the snippets must keep working after one. */
async function collectGarbage(tab, frame = tab.mainFrame()) {
  if (!engineCan(ENGINE, 'cdp')) {
    // No way to ask Firefox or WebKit for a collection from here: allocation pressure instead
    // (256 MiB in short-lived 1 MiB arrays) makes the engine collect.
    await frame.evaluate(() => {
      let keep = 0;
      for (let i = 0; i < 256; i++) keep += new Uint8Array(1 << 20).length;
      return keep;
    });
    await tab.waitForTimeout(100);
    return;
  }
  let cdp;
  try {
    cdp = await tab.context().newCDPSession(frame === tab.mainFrame() ? tab : frame);
  } catch {
    cdp = await tab.context().newCDPSession(tab);
  }
  try {
    for (let i = 0; i < 2; i++) {
      await cdp.send('HeapProfiler.collectGarbage');
      await tab.waitForTimeout(100);
    }
  } finally {
    await cdp.detach();
  }
}
/** A sibling iframe the test adds to the CRM page, on another origin (`src`). */
async function sibling(tab, src, ready) {
  await tab.evaluate((u) => {
    const f = document.createElement('iframe');
    f.id = 'forger';
    f.src = u;
    document.body.append(f);
  }, src);
  return readyFrame(tab, '#forger', ready);
}

for (const { crmHost, site: kind } of SITES) {
  test(`consumer/${kind}: README quick start 4 runs as written (Vite, tarball): UPhone embeds the uPhone, types gettingCall, derives the state, dials; forged events ignored`, async (ctx) => {
    const crmOrigin = `http://${crmHost}:${ctx.crmPort}`;
    const instanceOrigin = `http://127.0.0.1:${ctx.instancePort}`;
    const tab = await ctx.browser.context.newPage();
    const errors = [];
    tab.on('pageerror', (e) => errors.push(String(e)));
    try {
      await tab.goto(`${crmOrigin}/vite/readme-uphone.html`);
      const uphone = await readyFrame(tab, '#phone iframe', 'uphone');
      assertEq(
        await tab.$eval('#phone iframe', (f) => [f.src, f.getAttribute('allow')]),
        [`${instanceOrigin}/uphone`, 'camera;microphone'],
        'the iframe the comment says UPhone creates',
      );
      assertEq(await uphone.evaluate(() => window.uphone.parentOrigin), crmOrigin, 'uPhone posts to the CRM origin');
      await collectGarbage(tab);
      const GUID1 = 'c0ffee00-0000-4000-8000-000000000004';

      // A call rings: showCaller gets the number (sent as a number, typed a string) and campaign.
      await uphone.evaluate(
        (g) =>
          window.uphone.fire('gettingCall', {
            guid: g,
            number: 98123456,
            campaign: 'Ventas<-',
            direction: 'I',
            date: '2024-05-06 10:11:12',
          }),
        GUID1,
      );
      await calledTimes(tab, 'showCaller');
      await calledTimes(tab, 'render');
      let got = await recorded(tab);
      assertEq(
        got.showCaller.map((c) => c.args),
        [['98123456', 'Ventas<-']],
        'showCaller(number, campaign)',
      );
      assertEq(got.render.length, 1, 'render once');
      const ringing = got.render[0].args[0];
      assertEq(Object.keys(ringing).sort(), ['agent', 'call', 'history'], 'render(state): { agent, call, history }');
      assertEq(
        [
          ringing.agent,
          ringing.call.guid,
          ringing.call.phase,
          ringing.call.direction,
          ringing.call.number,
          ringing.history.length,
        ],
        ['loggedIn', GUID1, 'ringing', 'inbound', '98123456', 0],
        'the derived state: the call ringing',
      );

      // Forged while it rings: a sibling frame on another origin (the instance's other spelling)
      // and the CRM window itself end the call, ring another, log out, reload nothing.
      const forgeries = [
        { action: 'finishedCall', params: { guid: GUID1, duration: '1', number: '98123456' } },
        { action: 'gettingCall', params: { guid: 'forged-1', number: '066666666', campaign: 'Forged<-' } },
        { action: 'agentLogout' },
      ];
      const other = await sibling(tab, `http://localhost:${ctx.instancePort}/uphone.html?role=forger`, 'uphone');
      await forge(
        tab,
        [
          [other, 'parent'],
          [tab.mainFrame(), 'window'],
        ],
        forgeries,
      );
      assertEq(await recorded(tab), got, 'nothing recorded from the forged events');

      // The real uPhone ends the call: render gets it finished, in the history.
      await uphone.evaluate(
        (g) => window.uphone.fire('finishedCall', { guid: g, duration: '125', needsDispositions: 'true' }),
        GUID1,
      );
      await calledTimes(tab, 'render', 2);
      got = await recorded(tab);
      const finished = got.render[got.render.length - 1].args[0];
      assertEq(
        [
          finished.call.guid,
          finished.call.phase,
          finished.call.duration,
          finished.call.needsDispositions,
          finished.history.map((c) => [c.guid, c.phase]),
        ],
        [GUID1, 'finished', 125, true, [[GUID1, 'finished']]],
        'the derived state: the call finished, in the history',
      );
      assertEq(got.showCaller.length, 1, 'showCaller only for the real gettingCall');

      // The dial button: makeCall, the number as a string, to the uPhone frame on the instance origin.
      await tab.fill('#numberInput', '099123456');
      await tab.click('#dial');
      await uphone.waitForFunction(() => window.uphone.received.length >= 1, null, WAIT);
      const received = await uphone.evaluate(() =>
        window.uphone.received.map((r) => ({ data: r.data, origin: r.origin, fromParent: r.fromParent })),
      );
      assertEq(
        received,
        [
          {
            data: { action: 'makeCall', params: { number: '099123456', campaign: 'Ventas->' } },
            origin: crmOrigin,
            fromParent: true,
          },
        ],
        "uPhone's command log: makeCall from the CRM page",
      );
      assertEq(await other.evaluate(() => window.uphone.received), [], 'the forging sibling received nothing');

      // uPhone reloads: warn, and render gets a fresh state.
      await uphone.evaluate(() => location.reload());
      await calledTimes(tab, 'warn');
      got = await recorded(tab);
      assertEq(
        got.warn.map((c) => c.args),
        [['uPhone reloaded: a new session']],
        'warn on reloaded',
      );
      assertEq(
        got.render[got.render.length - 1].args[0],
        { agent: 'unknown', call: null, history: [] },
        'render: the state starts over',
      );
      assertEq(errors, [], 'no page errors');
    } finally {
      await tab.close();
    }
  });

  test(`consumer/${kind}: README quick start 5 runs as written (Vite, tarball): the form inside the sandbox Inbox fills each channel's interaction and sends; NO_INTERACTION on its own; TIMEOUT in a silent Inbox`, async (ctx) => {
    const crmOrigin = `http://${crmHost}:${ctx.crmPort}`;
    const instanceOrigin = `http://127.0.0.1:${ctx.instancePort}`;
    const FORM = '/vite/readme-form.html';
    const errors = [];
    const open = async (mode) => {
      const tab = await ctx.browser.context.newPage();
      tab.on('pageerror', (e) => errors.push(`${mode}: ${e}`));
      await tab.goto(
        `${instanceOrigin}/inbox.html?crmHost=${crmHost}&interaction=${mode}&form=${encodeURIComponent(FORM)}`,
      );
      await tab.waitForFunction(() => document.body.dataset.ready === 'inbox', null, WAIT);
      const handle = await tab.waitForSelector('#form', { state: 'attached', ...WAIT });
      let form = null;
      for (let i = 0; i < 300 && !form; i++) {
        const f = await handle.contentFrame();
        if (
          f &&
          f.url() === `${crmOrigin}${FORM}` &&
          (await f.evaluate(() => Array.isArray(window.calls)).catch(() => false))
        )
          form = f;
        else await tab.waitForTimeout(50);
      }
      assert(form, `the Inbox framed ${crmOrigin}${FORM}`);
      await collectGarbage(tab, form);
      return { tab, form };
    };
    const tabs = [];
    try {
      // The silent Inbox first (the snippet gives no timeoutMs: the default 5 s runs meanwhile).
      const silent = await open('silent');
      tabs.push(silent.tab);

      // Each example channel: fill(clientId, data) with the interaction normalized; submit -> sent.
      const want = {
        telephony: (id, data) => [id, data.isTransfer, data.finishedByClient, data.CAMPAIGN],
        dialer: (id, data) => [id, data.CONTACT, data.Deuda],
        webchat: (id, data) => [id, data],
        whatsapp: (id, data) => [id, data],
      };
      const expected = {
        telephony: ['59899123456', false, true, { name: 'Campaign_1', record: true, autoAnswer: false }],
        dialer: ['099123123', { dialer: 'Hub', id: 7, tries: 2, clientIds: ['099123123'] }, 123234234],
        webchat: ['ana@example.com', {}],
        whatsapp: ['59899000000', {}],
      };
      for (const mode of Object.keys(want)) {
        const { tab, form } = await open(mode);
        tabs.push(tab);
        await calledTimes(form, 'fill');
        const got = await recorded(form);
        assertEq(got.fill.length, 1, `${mode}: fill once`);
        assertEq(
          want[mode](...got.fill[0].args),
          expected[mode],
          `${mode}: fill(clientId, data) normalized (telephony: string booleans as booleans, CAMPAIGN decoded; dialer: clientid -> clientId, CONTACT decoded; messaging: no data -> {})`,
        );
        assertEq(got.show, undefined, `${mode}: show not called`);
        if (mode === 'dialer')
          assertEq(
            await tab.evaluate(() => [window.inbox.examples.dialer.clientid, window.inbox.examples.dialer.clientId]),
            ['099123123', undefined],
            'the Inbox sent clientid',
          );
        await form.click('#submit');
        await tab.waitForFunction(() => window.inbox.log.some((m) => m.action === 'sent'), null, WAIT);
        assertEq(
          await tab.evaluate(() => window.inbox.log.map((m) => m.data)),
          [{ action: 'getInteraction' }, { action: 'sent' }],
          `${mode}: the Inbox got getInteraction, then sent`,
        );
        assertEq((await recorded(form)).save.length, 1, `${mode}: save() ran on submit`);
        await tab.close();
      }

      // Opened on its own (top level, no Inbox): NO_INTERACTION at once.
      const alone = await ctx.browser.context.newPage();
      tabs.push(alone);
      alone.on('pageerror', (e) => errors.push(`alone: ${e}`));
      await alone.goto(`${crmOrigin}${FORM}`);
      await calledTimes(alone, 'show');
      const lone = await recorded(alone);
      assert(/^NO_INTERACTION: ./.test(lone.show[0].args[0]), `show(code + ': ' + message): ${lone.show[0].args[0]}`);
      assert(
        lone.show[0].at < 3000,
        `at once, not after the 5 s timeout: ${Math.round(lone.show[0].at)} ms after navigation`,
      );
      assertEq(lone.fill, undefined, 'alone: fill not called');
      await alone.click('#submit');
      await calledTimes(alone, 'show', 2);
      const afterSubmit = await recorded(alone);
      assertEq(afterSubmit.save.length, 1, 'alone: save() ran on submit');
      assert(
        /^NO_PORTAL: ./.test(afterSubmit.show[1].args[0]),
        `alone: submit shows the NO_PORTAL error, uncaught nowhere: ${afterSubmit.show[1].args[0]}`,
      );

      // The silent Inbox: TIMEOUT after the default 5 s.
      await calledTimes(silent.form, 'show');
      const quiet = await recorded(silent.form);
      assert(/^TIMEOUT: ./.test(quiet.show[0].args[0]), `show(code + ': ' + message): ${quiet.show[0].args[0]}`);
      assert(
        quiet.show[0].at >= 5000 && quiet.show[0].at < 10000,
        `after the default 5 s: ${Math.round(quiet.show[0].at)} ms after navigation`,
      );
      assertEq(quiet.fill, undefined, 'silent: fill not called');
      assertEq(await silent.tab.evaluate(() => window.inbox.requests), 1, 'the silent Inbox was asked once');
      assertEq(errors, [], 'no page errors');
    } finally {
      for (const t of tabs) if (!t.isClosed()) await t.close();
    }
  });

  test(`consumer/${kind}: README quick start 6 runs as written (Vite, tarball): UContactEvents opens the customer of assignedInteraction and logs every event, unknown ones too; forged events ignored`, async (ctx) => {
    const crmOrigin = `http://${crmHost}:${ctx.crmPort}`;
    const instanceOrigin = `http://127.0.0.1:${ctx.instancePort}`;
    const tab = await ctx.browser.context.newPage();
    const errors = [];
    tab.on('pageerror', (e) => errors.push(String(e)));
    try {
      await tab.goto(`${crmOrigin}/vite/readme-events.html`);
      const instance = await readyFrame(tab, '#ucontact iframe', 'instance');
      assertEq(
        await tab.$eval('#ucontact iframe', (f) => f.src),
        `${instanceOrigin}/`,
        'the iframe the comment says UContactEvents creates',
      );
      assertEq(
        await instance.evaluate(() => window.instance.parentOrigin),
        crmOrigin,
        'the instance posts to the CRM origin',
      );
      await collectGarbage(tab);
      // The instance's buttons, each event once (assignedInteraction's data spells clientid);
      // once the page's window has had them all, the snippet's listeners have run.
      const EVENTS = [
        'assignedInteraction',
        'finishedInteraction',
        'sentDisposition',
        'changedTheme',
        'changedLanguage',
        'agentBreak',
      ];
      const before = await tab.evaluate(() => window.messages);
      for (const e of EVENTS) await instance.click(`button[data-event=${e}]`);
      await tab.waitForFunction((n) => window.messages >= n, before + EVENTS.length, WAIT);
      const sent = await instance.evaluate(() => window.instance.sent);
      assertEq(
        sent.map((m) => m.event),
        EVENTS,
        'the instance posted each event',
      );
      assertEq(sent[0].data.clientid, '59899000000', 'assignedInteraction as posted: clientid');
      let got = await recorded(tab);
      assertEq(
        (got.log || []).map((c) => c.args[0]),
        EVENTS,
        'log(event, data): every event, in order, the unknown agentBreak too' +
          " (none: the snippet's UContactEvents stopped listening once garbage-collected; nothing keeps `ucontact` referenced)",
      );
      for (let i = 1; i < EVENTS.length; i++) assertEq(got.log[i].args[1], sent[i].data, `log: ${EVENTS[i]}'s data`);
      const assigned = got.log[0].args[1];
      assertEq(
        [assigned.guid, assigned.campaign, assigned.channel, assigned.clientId],
        [sent[0].data.guid, 'WA<-', 'whatsapp', '59899000000'],
        'log: assignedInteraction typed (clientid -> clientId)',
      );
      assertEq(
        got.openCustomer.map((c) => c.args),
        [['59899000000', 'whatsapp']],
        'openCustomer(clientId, channel)',
      );

      // Forged: a sibling on another origin and the CRM window itself.
      const other = await sibling(tab, `http://localhost:${ctx.instancePort}/instance.html?role=forger`, 'instance');
      await forge(
        tab,
        [
          [other, 'parent'],
          [tab.mainFrame(), 'window'],
        ],
        [
          {
            event: 'assignedInteraction',
            data: { guid: 'forged', campaign: 'Forged<-', channel: 'forged', clientId: '066' },
          },
          { event: 'agentBreak', data: {} },
        ],
      );
      assertEq(await recorded(tab), got, 'nothing recorded from the forged events');
      assertEq(errors, [], 'no page errors');
    } finally {
      await tab.close();
    }
  });
}

// Every JavaScript file the package ships starts with V8's explicit compile hint (scripts/build.sh
// `eager`): Chromium compiles the glue while loading it, so the first construction does not.
// The two checks below read files, not pages: they run once, in the Chromium run.
const once = ENGINE === 'chromium' ? test : () => {};
once('consumer: every script in the tarball begins with the compile hint //# allFunctionsCalledOnLoad', async () => {
  // scripts/entries.tsv: name, features, npm subpath, budget, single-file budget (`-`: none).
  const rows = readFileSync(join(ROOT, 'scripts', 'entries.tsv'), 'utf8')
    .split('\n')
    .filter((line) => !/^\s*(#|$)/.test(line))
    .map((line) => line.trim().split(/\s+/));
  const scripts = [];
  for (const [, , subpath, , single] of rows) {
    const dir = subpath === '.' ? '' : `${subpath.slice(2)}/`;
    scripts.push(`${dir}ucontact-bridge.js`, `${dir}script/ucontact-bridge.js`);
    if (single !== '-') scripts.push(`${dir}script/ucontact-bridge.single.js`);
  }
  assertEq(scripts.length, 9, "the package's scripts: four ES modules, four script-tag builds, one single file");
  for (const path of scripts) {
    const first = pkgFile(path).toString('utf8').split('\n', 1)[0];
    assertEq(first, '//# allFunctionsCalledOnLoad', `the first line of ${path}`);
  }
});

// What a user adopting the package looks for, and no download twice: the licence texts and the
// changelog are in it, each entry's .wasm is in it once (the script builds load the ES module's)
// beside the testing kit's emulator,
// and package.json points at the project (Cargo.toml's repository).
once('consumer: the tarball holds LICENSE-MIT, LICENSE-APACHE, CHANGELOG.md and each .wasm once', async () => {
  const listing = run('tar', ['-tzf', tgz], ROOT)
    .trim()
    .split('\n')
    .map((f) => f.replace(/^package\//, ''));
  for (const f of ['LICENSE-MIT', 'LICENSE-APACHE', 'CHANGELOG.md', 'README.md', 'package.json'])
    assert(listing.includes(f), `the tarball has ${f}`);
  assertEq(
    readFileSync(join(ROOT, 'LICENSE-MIT')).equals(pkgFile('LICENSE-MIT')) &&
      readFileSync(join(ROOT, 'LICENSE-APACHE')).equals(pkgFile('LICENSE-APACHE')),
    true,
    "the licence texts are the repository's",
  );
  const wasm = listing.filter((f) => f.endsWith('.wasm')).sort();
  assertEq(
    wasm,
    [
      'channel/ucontact-bridge_bg.wasm',
      'testing/emulator/emulator_bg.wasm',
      'testing/ucontact-bridge_bg.wasm',
      'ucontact-bridge_bg.wasm',
      'v6/ucontact-bridge_bg.wasm',
    ],
    "one .wasm per entry, beside its ES module, and the Node emulator's",
  );
  const digests = new Map();
  for (const f of listing) {
    const d = createHash('sha256').update(pkgFile(f)).digest('hex');
    assert(!digests.has(d), `${f} holds the same bytes as ${digests.get(d)}`);
    digests.set(d, f);
  }
  const pkg = JSON.parse(pkgFile('package.json').toString());
  const repo = /^repository = "([^"]+)"$/m.exec(readFileSync(join(ROOT, 'Cargo.toml'), 'utf8'))[1];
  assertEq(
    [pkg.repository.url, pkg.bugs.url, pkg.homepage],
    [`git+${repo}.git`, `${repo}/issues`, `${repo}#readme`],
    'package.json links to the project',
  );
});

// The declarations as a TypeScript project finds them in the installed tarball, through
// `exports` (bundler, node16) and through `types` / `typesVersions` (node10).
once(
  "consumer: the tarball's declarations resolve for every entry point (moduleResolution bundler, node16, node10, nodenext)",
  async () => {
    const tsc = join(ROOT, 'node_modules', '.bin', 'tsc');
    // The testing entry's declarations follow its conditions: the browser build's (PortalHost)
    // for bundler and node10 (typesVersions), the sandbox API's for node16 (the `node` condition),
    // and the browser build's again under nodenext with `customConditions: ['browser']`, what the
    // package README tells in-browser tests compiled that way to set.
    const browser = 'types-check-testing-browser.ts';
    const runs = [
      ['bundler', 'esnext', browser, []],
      ['node16', 'node16', 'types-check-testing-node.ts', []],
      ['node10', 'esnext', browser, []],
      ['nodenext', 'nodenext', browser, ['browser']],
    ];
    for (const [moduleResolution, module, testing, customConditions] of runs) {
      const config = `tsconfig.${moduleResolution}.json`;
      const conditions = customConditions.length ? { customConditions } : {};
      writeFileSync(
        join(app, config),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            noEmit: true,
            exactOptionalPropertyTypes: true,
            skipLibCheck: false,
            moduleResolution,
            module,
            target: 'es2022',
            lib: ['ES2022', 'DOM', 'ESNext.Disposable'],
            types: [],
            ...conditions,
          },
          files: ['types-check.ts', testing],
        }),
      );
      try {
        execFileSync(tsc, ['-p', config], { cwd: app, stdio: 'pipe', encoding: 'utf8' });
      } catch (e) {
        throw new Error(`tsc with moduleResolution ${moduleResolution}:\n${e.stdout}${e.stderr}`, { cause: e });
      }
    }
  },
);

frameworkTests({ work, site, tgz, readme, portalWith });

// The sandbox of the installed tarball (its testing API, serving that package's own builds):
// what a user runs with `npx ucontact-sandbox --crm-dir <their build>`.
const sandbox = await startSandbox({
  exitAfter: 600,
  crmDir: site,
  kit: join(app, 'node_modules', 'ucontact-bridge', 'testing', 'index.mjs'),
});
const { portalPort: PORTAL, crmPort: CRM } = sandbox;
let result;
try {
  const browser = await launch();
  try {
    result = await runAll({
      engine: ENGINE,
      portalPort: PORTAL,
      crmPort: CRM,
      instancePort: sandbox.instancePort,
      browser,
    });
  } finally {
    await browser.close();
  }
} finally {
  sandbox.stop();
}
if (result.skipped) console.log(`skipped: ${result.skipped} (${ENGINE}: see the skip lines)`);
console.log(`consumer: ${result.passed} passed, ${result.failed} failed`);
process.exit(result.failed ? 1 : 0);
