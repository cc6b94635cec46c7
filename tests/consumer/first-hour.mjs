// Consumer tests of a new user's first hour (issue 31), from the packed tarball: errors as values
// (UContactError, isUContactError, ErrorCode on real failures), a forgotten init()
// (NOT_INITIALIZED, every entry and build), Content-Security-Policy (each build under the
// package README's policy: works; under `script-src 'self'`: WASM_BLOCKED, same-site and
// cross-site inside the portal) and Node (every entry imported and initialised with plain
// `node`, no browser). The policies are the pages' <meta http-equiv> (what a header would say:
// script-src and connect-src are the directives these builds meet).
// Usage: run.mjs calls firstHour(...) before it builds the Vite app.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, SITES, test, assert, assertEq, ENGINE } from '../e2e/harness.mjs';

// The package README's policies ("Content-Security-Policy"), with `default-src 'none'` so that
// nothing else is allowed: the ES modules and two-file scripts fetch their .wasm (connect-src),
// the single file does not.
const POLICY = {
  fetched: "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; connect-src 'self'",
  single: "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'",
  blocked: "default-src 'none'; script-src 'self'; connect-src 'self'",
};
const ENTRIES = [
  { entry: 'full', specifier: 'ucontact-bridge', dir: '', script: 'script' },
  { entry: 'channel', specifier: 'ucontact-bridge/channel', dir: 'channel/', script: 'channel/script' },
  { entry: 'v6', specifier: 'ucontact-bridge/v6', dir: 'v6/', script: 'v6/script' },
];
// A call that rejects at once wherever the page is (`B`: the entry): its signal is aborted.
const REJECTS = {
  full: "new B.PortalChannel({ portalOrigins: ['https://acme.example'] }).cti({ signal: AbortSignal.abort() })",
  channel: "new B.PortalChannel({ portalOrigins: ['https://acme.example'] }).cti({ signal: AbortSignal.abort() })",
  v6: "new B.FormBridge({ inboxOrigins: ['https://acme.example'] }).getInteraction({ signal: AbortSignal.abort() })",
};
// What the probes record of an error (the same in the page and in Node).
const DESCRIBE = `function describe(e, B) {
  return { isError: e instanceof Error, instance: e instanceof B.UContactError, guard: B.isUContactError(e),
    name: e && e.name, code: e && e.code, listed: !!e && B.ErrorCode[e.code] === e.code, message: String(e && e.message) };
}`;
// The probe: a call before init (NOT_INITIALIZED), then init, the version and a real rejection.
// `start` is the entry's init (a promise); `early` is false where init may already be done.
const probe = (start, early) => `${DESCRIBE}
var r = {};
${early ? "try { B.version(); r.early = 'no throw'; } catch (e) { r.early = describe(e, B); }" : ''}
window.outcome = ${start}.then(function () {
  r.init = 'ok';
  r.version = B.version();
  return REJECT.then(function () { r.rejection = 'resolved'; return r; }, function (e) { r.rejection = describe(e, B); return r; });
}, function (e) { r.init = describe(e, B); return r; });
`;

/** Writes the pages into the Vite app (`app`, built later by run.mjs into `site`/vite) and the
 *  script-tag pages into `site`/first-hour, from the unpacked tarball; registers the tests. */
export function firstHour({ app, site, unpacked }) {
  const pkg = join(unpacked, 'package');
  // ES modules, one module per entry, on a page per policy.
  for (const { entry, specifier } of ENTRIES) {
    writeFileSync(
      join(app, `fh-${entry}.js`),
      `import init, * as entry from '${specifier}';\nconst B = entry;\n` +
        probe('init()', true).replace('REJECT', REJECTS[entry]),
    );
    for (const policy of ['fetched', 'blocked']) {
      writeFileSync(
        join(app, `fh-${entry}-${policy}.html`),
        `<!doctype html><meta charset="utf-8">` +
          `<meta http-equiv="Content-Security-Policy" content="${POLICY[policy]}"><title>${entry} ${policy}</title>` +
          `<script type="module" src="./fh-${entry}.js"></script>`,
      );
    }
  }
  // Script-tag builds: two files per entry, and the channel's single file.
  const dir = join(site, 'first-hour');
  mkdirSync(dir, { recursive: true });
  // Each entry as the package lays it out: script/ beside the .wasm it loads (../).
  for (const { entry, script, dir: entryDir } of ENTRIES) {
    cpSync(join(pkg, script), join(dir, entry, 'script'), { recursive: true });
    cpSync(join(pkg, entryDir + 'ucontact-bridge_bg.wasm'), join(dir, entry, 'ucontact-bridge_bg.wasm'));
    /** @type {[string, string, string[]][]} */
    const builds = [
      ['two', 'ucontact-bridge.js', entry === 'channel' ? ['fetched', 'blocked', 'single'] : ['fetched', 'blocked']],
    ];
    if (entry === 'channel') builds.push(['single', 'ucontact-bridge.single.js', ['single', 'blocked']]);
    for (const [build, file, policies] of builds) {
      for (const policy of policies) {
        // The probe runs in the same script as the build, right after it (a second <script src>
        // could arrive after the .wasm: no call before `ready` then). The single file is ready at
        // once unless the page blocks WebAssembly.
        const early = build === 'two' || policy === 'blocked';
        const both = `${build}-${policy}.js`;
        writeFileSync(
          join(dir, entry, 'script', both),
          readFileSync(join(pkg, script, file), 'utf8') +
            '\n;(function () {\nvar B = window.UContactBridge;\n' +
            probe('B.ready', early).replace('REJECT', REJECTS[entry]) +
            '})();\n',
        );
        writeFileSync(
          join(dir, `${entry}-${build}-${policy}.html`),
          `<!doctype html><meta charset="utf-8">` +
            `<meta http-equiv="Content-Security-Policy" content="${POLICY[policy]}"><title>${entry} ${build} ${policy}</title>` +
            `<script src="${entry}/script/${both}"></script>`,
        );
      }
    }
  }

  const PAGES = [
    ...ENTRIES.flatMap(({ entry }) => [
      { what: `${entry} ES module (Vite)`, path: `/vite/fh-${entry}-fetched.html`, works: true, early: true },
      { what: `${entry} ES module (Vite)`, path: `/vite/fh-${entry}-blocked.html`, works: false, early: true },
      { what: `${entry} two-file script`, path: `/first-hour/${entry}-two-fetched.html`, works: true, early: true },
      { what: `${entry} two-file script`, path: `/first-hour/${entry}-two-blocked.html`, works: false, early: true },
    ]),
    { what: 'channel single file', path: '/first-hour/channel-single-single.html', works: true, early: false },
    // The single file's policy (no connect-src) is not enough for the two files: the .wasm is
    // fetched, and refused, which is no WASM_BLOCKED.
    { what: 'channel two-file script', path: '/first-hour/channel-two-single.html', works: 'no fetch', early: true },
    { what: 'channel single file', path: '/first-hour/channel-single-blocked.html', works: false, early: true },
  ];
  for (const { crmHost, site: kind } of SITES) {
    test(`consumer/${kind}: first hour: every build under the README's CSP works, under script-src 'self' init rejects WASM_BLOCKED; before init NOT_INITIALIZED; real rejections are UContactErrors`, async (ctx) => {
      for (const { what, path, works, early } of PAGES) {
        const tab = await ctx.browser.context.newPage();
        const errors = [];
        tab.on('pageerror', (e) => errors.push(String(e)));
        try {
          const origin = `http://${crmHost}:${ctx.crmPort}/`;
          await tab.goto(
            `http://127.0.0.1:${ctx.portalPort}/porthole.html?crmHost=${crmHost}&crm=${encodeURIComponent(path)}`,
          );
          let frame;
          for (let i = 0; i < 200 && !frame; i++) {
            frame = (await tab.frames()).find((f) => f.url().startsWith(origin));
            if (!frame) await tab.waitForTimeout(50);
          }
          assert(frame, `${path}: framed by the portal`);
          await frame.waitForFunction(() => window.outcome !== undefined, null, { timeout: 15000 });
          const r = await frame.evaluate(() => window.outcome);
          const label = `${what} (${path})`;
          const typed = (d, code) => {
            assert(d && typeof d === 'object', `${label}: a ${code} error recorded: ${JSON.stringify(r)}`);
            assertEq(
              [d.isError, d.instance, d.guard, d.name, d.code, d.listed],
              [true, true, true, 'UContactError', code, true],
              `${label}: ${code} as a UContactError (instanceof, isUContactError, ErrorCode): ${JSON.stringify(d)}`,
            );
          };
          if (early) {
            typed(r.early, 'NOT_INITIALIZED');
            assert(
              r.early.message.includes(path.includes('/vite/') ? 'await init()' : 'await UContactBridge.ready'),
              `${label}: the message names what to await: ${r.early.message}`,
            );
          }
          if (works === 'no fetch') {
            assert(
              r.init !== 'ok' && r.init.code !== 'WASM_BLOCKED',
              `${label}: without connect-src the .wasm is refused: ${JSON.stringify(r.init)}`,
            );
          } else if (works) {
            assertEq(r.init, 'ok', `${label}: init under the README's policy`);
            assert(/^\d+\.\d+\.\d+/.test(r.version), `${label}: version() ${r.version}`);
            typed(r.rejection, 'ABORTED');
          } else {
            typed(r.init, 'WASM_BLOCKED');
            assert(
              r.init.message.includes("'wasm-unsafe-eval'"),
              `${label}: the message names 'wasm-unsafe-eval': ${r.init.message}`,
            );
          }
          assertEq(errors, [], `${label}: no page errors`);
        } finally {
          await tab.close();
        }
      }
    });
  }

  // Node: plain `node`, each entry of the unpacked package imported (safe), used before init
  // (NOT_INITIALIZED), init() with no argument (NOT_INITIALIZED naming the fix, not `fetch
  // failed`), then initialised from the .wasm's bytes: initSync for one, init({ module_or_path })
  // for another; a class that needs a window throws NO_PORTAL; an error of one entry passes the
  // other's instanceof and isUContactError.
  (ENGINE === 'chromium' ? test : () => {})(
    'consumer: Node imports every entry, NOT_INITIALIZED before init, initSync / init with the bytes, errors typed',
    async () => {
      const script = `
import { readFileSync } from 'node:fs';
const pkg = ${JSON.stringify(pkg)};
${DESCRIBE}
const out = {};
const entries = ${JSON.stringify(ENTRIES)};
const loaded = {};
for (const { entry, dir } of entries) {
  const B = await import(pkg + '/' + dir + 'ucontact-bridge.js');
  loaded[entry] = B;
  const r = out[entry] = { codes: Object.entries(B.ErrorCode), frozen: Object.isFrozen(B.ErrorCode) };
  try { B.version(); r.early = 'no throw'; } catch (e) { r.early = describe(e, B); }
  r.noArg = await B.default().then(() => 'resolved', (e) => describe(e, B));
  const bytes = readFileSync(pkg + '/' + dir + 'ucontact-bridge_bg.wasm');
  if (entry === 'channel') await B.default({ module_or_path: bytes }); else B.initSync({ module: bytes });
  r.version = B.version();
  try {
    if (entry === 'v6') new B.FormBridge({ inboxOrigins: ['https://acme.example'] });
    else new B.PortalChannel({ portalOrigins: ['https://acme.example'] });
    r.noWindow = 'constructed';
  } catch (e) { r.noWindow = describe(e, B); }
  if (entry === 'v6') {
    try { new B.UPhone({ container: {}, instanceOrigin: 'https://acme.example' }); r.noElement = 'constructed'; } catch (e) { r.noElement = describe(e, B); }
  }
  // What needs no window works: a record sealed and opened (Node's crypto.getRandomValues).
  if (entry === 'full') { const key = B.generateCtiKey(); r.sealed = B.decodeCti(B.encryptCti('{"Guid":"g-2"}', key), { key }).guid; }
}
let cross;
try { loaded.channel.decodeCti('{'); } catch (e) { cross = [e instanceof loaded.v6.UContactError, loaded.v6.isUContactError(e), e.code]; }
out.cross = cross;
console.log(JSON.stringify(out));
`;
      const out = JSON.parse(
        execFileSync(process.execPath, ['--input-type=module', '-e', script], {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'pipe'],
        }),
      );
      const union = [
        ...readFileSync(join(pkg, 'ucontact-bridge.d.ts'), 'utf8')
          .match(/export type ErrorCode =([^;]*);/)[1]
          .matchAll(/'([A-Z0-9_]+)'/g),
      ].map((m) => m[1]);
      assert(
        union.includes('NOT_INITIALIZED') && union.includes('WASM_BLOCKED'),
        `the .d.ts union has the new codes: ${union}`,
      );
      for (const { entry } of ENTRIES) {
        const r = out[entry];
        assertEq(
          r.codes,
          union.map((c) => [c, c]),
          `${entry}: ErrorCode holds the .d.ts union, each code its own value`,
        );
        assert(r.frozen, `${entry}: ErrorCode is frozen`);
        assertEq(
          [r.early.instance, r.early.guard, r.early.code],
          [true, true, 'NOT_INITIALIZED'],
          `${entry}: a call before init: ${JSON.stringify(r.early)}`,
        );
        assertEq(
          [r.noArg.instance, r.noArg.code],
          [true, 'NOT_INITIALIZED'],
          `${entry}: init() with no argument in Node: ${JSON.stringify(r.noArg)}`,
        );
        assert(
          r.noArg.message.includes('initSync({ module: bytes })'),
          `${entry}: init()'s message names the fix: ${r.noArg.message}`,
        );
        assert(/^\d+\.\d+\.\d+/.test(r.version), `${entry}: version() after initialising from the bytes: ${r.version}`);
        // Without a window a class that talks to another window cannot be made: NO_PORTAL, typed.
        assertEq(
          [r.noWindow.instance, r.noWindow.code],
          [true, 'NO_PORTAL'],
          `${entry}: a class without a window: ${JSON.stringify(r.noWindow)}`,
        );
        if (entry === 'v6')
          assertEq(
            [r.noElement.instance, r.noElement.code],
            [true, 'INVALID_ARGUMENT'],
            `UPhone without a DOM element: ${JSON.stringify(r.noElement)}`,
          );
        if (entry === 'full') assertEq(r.sealed, 'g-2', 'a CTI record sealed and opened in Node');
      }
      assertEq(
        out.cross,
        [true, true, 'BAD_JSON'],
        "an error of the channel entry passes the v6 entry's instanceof and isUContactError",
      );
      // The package README's Node snippet, as written, in the app that installed the tarball.
      const readme = readFileSync(join(ROOT, 'pkg-template', 'README.md'), 'utf8');
      const snippet = readme.match(/\*\*Node\*\*[\s\S]*?```js\n([\s\S]*?)```/)[1];
      writeFileSync(
        join(app, 'readme-node.mjs'),
        `${snippet}\nconsole.log(decodeCti('{"Guid":"g-1","Campaign":"Ventas->"}').guid);\n`,
      );
      assertEq(
        execFileSync(process.execPath, ['readme-node.mjs'], { cwd: app, encoding: 'utf8' }).trim(),
        'g-1',
        "the README's Node snippet initialises the channel entry",
      );
    },
  );
}
