// A small end-to-end harness: starts the sandbox, drives a browser (Debian's Chromium through
// playwright-core, or Firefox or WebKit through the driver layer in engines.mjs), runs named
// tests, and ends with one line `N passed, N failed`.
import { createServer } from 'node:http';
import { mkdtempSync, mkdirSync, writeFileSync, appendFileSync, rmSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, basename } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { launchEngine, Skip } from './engines.mjs';
import { startSandbox as startRepoKit } from '../../pkg-template/testing/index.mjs';

export { ENGINES, engineCan, requireCan, Skip, INSTRUMENT, INSTRUMENT_FILE, setCarried, TIERS } from './engines.mjs';
import { INSTRUMENT_FILE } from './engines.mjs';
/** The engine this process drives: UCB_ENGINE (chromium, firefox, webkit), chromium by default. */
export const ENGINE = process.env.UCB_ENGINE || 'chromium';
// Every `figure:` line a test prints names the engine it was measured in.
const print = console.log;
console.log = (...args) => {
  if (typeof args[0] === 'string' && args[0].startsWith('figure: ') && !/ engine=/.test(args[0]))
    args[0] += ` engine=${ENGINE}`;
  print(...args);
};

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Every build the project ships, in the order of scripts/entries.tsv: `{ name, features }`. */
export const ALL_ENTRIES = readFileSync(join(ROOT, 'scripts', 'entries.tsv'), 'utf8')
  .split('\n')
  .filter((line) => !/^\s*(#|$)/.test(line))
  .map((line) => line.trim().split(/\s+/))
  .map(([name, features]) => ({ name, features: features.split(',') }));

/** The builds with the Porthole channel, by name (`channel`, `full`: their features name
 *  `channel`, or `full`, which includes it): the wire tests run the CRM side once per entry. The
 *  CRM page loads the entry's ES module, /pkg/<entry>/esm/ucontact-bridge.js, when the portal
 *  page is given `entry=`. The v6 entry has no PortalChannel: tests/e2e/v6.test.mjs covers it. */
export const ENTRIES = ALL_ENTRIES.filter((e) => e.features.some((f) => f === 'channel' || f === 'full')).map(
  (e) => e.name,
);

/** Where the CRM frame sits, the portal being on 127.0.0.1: another port of 127.0.0.1 is
 *  another origin of the same site (one renderer process); `localhost` is another site, as a
 *  real CRM is to the portal (its own process, every message crosses processes). */
export const SITES = [
  { crmHost: '127.0.0.1', site: 'same-site' },
  { crmHost: 'localhost', site: 'cross-site' },
];

/** The wasm file a frame fetched, as a path (/pkg/<entry>/esm/ucontact-bridge_bg.wasm), to
 *  check that a test runs on the entry it names. */
export async function wasmLoaded(frame) {
  return frame.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((r) => new URL(r.name).pathname)
      .filter((p) => p.endsWith('.wasm')),
  );
}

/** Starts the sandbox in this process through the package's own testing API (what users
 *  import as `ucontact-bridge/testing`), on the given ports (a free one for each not given);
 *  it stops by itself after `exitAfter` seconds. `kit`: the API's module to use, e.g. an
 *  installed tarball's testing/index.mjs (which serves that package's own builds); by default
 *  the repository's, serving target/pkg. `{ portalPort, crmPort, instancePort, stop(), sandbox }`.
 *  @param {{ portalPort?: number, crmPort?: number, instancePort?: number, exitAfter?: number, crmDir?: string,
 *    crm?: string, preload?: string, kit?: string }} options */
export async function startSandbox({
  portalPort = 0,
  crmPort = 0,
  instancePort = 0,
  exitAfter = 600,
  crmDir,
  crm,
  preload = INSTRUMENT_FILE,
  kit,
}) {
  const startKit = kit ? (await import(pathToFileURL(kit).href)).startSandbox : startRepoKit;
  // Outside Chromium the sandbox pages carry the instrumentation too (`preload`, a file):
  // WebKit's driver runs no init script (engines.mjs `carried`), and Firefox's gives a pop-up
  // its init scripts only once its first document has started.
  const sandbox = await startKit({
    ports: { portal: portalPort, crm: crmPort, instance: instancePort },
    exitAfter,
    crmDir,
    crm,
    preload: ENGINE !== 'chromium' ? preload : undefined,
  });
  for (const w of sandbox.warnings) console.error(`sandbox warning: ${w}`);
  const { portal, crm: crmP, instance } = sandbox.ports;
  return { portalPort: portal, crmPort: crmP, instancePort: instance, stop: () => sandbox.close(), sandbox };
}

/** `n` distinct free ports on 127.0.0.1 (asked of the OS, then released). */
export async function freePorts(n) {
  const servers = await Promise.all(
    Array.from(
      { length: n },
      () =>
        new Promise((ok) => {
          const s = createServer();
          s.listen(0, '127.0.0.1', () => ok(s));
        }),
    ),
  );
  const ports = servers.map((s) => s.address().port);
  await Promise.all(servers.map((s) => new Promise((ok) => s.close(ok))));
  return ports;
}

/** Serves fixed pages on 127.0.0.1:`port` (a third origin, e.g. an attacker frame). */
export async function startStatic(port, pages) {
  const server = createServer((req, res) => {
    const body = pages[new URL(req.url, 'http://x').pathname];
    res.writeHead(body === undefined ? 404 : 200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(body ?? 'not found');
  });
  await new Promise((ok) => server.listen(port, '127.0.0.1', () => ok(server)));
  server.unref();
  return { stop: () => server.close() };
}

// ---- What the browsers said, and the secrets they must never say (issue #9, item 5) ----
// Every console line and uncaught exception of every page, frame and pop-up goes to
// target/test-logs/<run>-console.log (<run> is the runner's folder: e2e, consumer), so that
// scripts/secret-scan.sh can check it. Secrets made at run time (tokens the emulator issues,
// CTI keys the tests generate) are appended to target/test-logs/secrets.list; the fixed ones
// are in tests/secrets.list.
export const LOGS = join(ROOT, 'target', 'test-logs');
const RUN_NAME = process.env.UCB_LOG_NAME || basename(dirname(process.argv[1] || 'e2e/run.mjs'));
let consoleLog = null;
/** Appends one line to this run's console log (created empty on first use in the process). */
export function logLine(line) {
  if (!consoleLog) {
    mkdirSync(LOGS, { recursive: true });
    consoleLog = join(LOGS, `${RUN_NAME}-console.log`);
    writeFileSync(consoleLog, '');
  }
  appendFileSync(consoleLog, line.replace(/\n/g, '\n    ') + '\n');
}
const secretsSeen = new Set();
/** Records a secret made at run time, for the secret scan. */
export function recordSecret(secret) {
  const s = String(secret ?? '');
  if (s.length < 8 || secretsSeen.has(s)) return;
  secretsSeen.add(s);
  mkdirSync(LOGS, { recursive: true });
  appendFileSync(join(LOGS, 'secrets.list'), s + '\n');
}

/** Wires a browser context to the console log and the secrets list. In every page and frame,
 *  `window.ucbSecret(s)` records a secret the page made (e.g. a key from generateCtiKey()). */
async function watch(context, label) {
  const where = (url) => {
    try {
      return new URL(url).origin;
    } catch {
      return url || '?';
    }
  };
  context.on('console', (m) => logLine(`${label} console.${m.type()} ${where(m.location().url)} ${m.text()}`));
  context.on('weberror', (e) => {
    const err = e.error();
    logLine(`${label} pageerror ${where(e.page()?.url())} ${(err && (err.stack || err.message)) || String(err)}`);
  });
  // The emulator's tokens: the body of every successful getUserToken is a JSON string literal.
  context.on('response', async (r) => {
    if (!/\/auth\/getUserToken$/.test(r.url()) || r.request().method() !== 'POST') return;
    try {
      const t = JSON.parse(await r.text());
      if (typeof t === 'string') recordSecret(t);
    } catch {
      /* not a token */
    }
  });
  await context.exposeBinding('ucbSecret', (_source, s) => {
    recordSecret(s);
  });
}

/** Launches this process's engine (ENGINE) with a fresh profile; `{ context, close }`, the
 *  context answering the Playwright calls the tests use (engines.mjs). In Chromium,
 *  `allowThirdPartyStorage` lifts the default block on storage in cross-site iframes (as a
 *  user's setting would) and `backForwardCache` keeps that cache on. */
export async function launch({ allowThirdPartyStorage = false, backForwardCache = false, engine = ENGINE } = {}) {
  if (engine !== 'chromium') {
    const b = await launchEngine(engine);
    await watch(b.context, `${engine}`);
    return b;
  }
  const dir = mkdtempSync(join(tmpdir(), 'ucb-e2e-'));
  if (allowThirdPartyStorage) {
    mkdirSync(join(dir, 'Default'), { recursive: true });
    writeFileSync(join(dir, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0 } }));
  }
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    // Playwright turns the back/forward cache off by default; `backForwardCache` keeps it on,
    // as in a user's browser (then a restored page fires no `load`: wait for 'commit').
    ignoreDefaultArgs: backForwardCache ? ['--disable-back-forward-cache'] : [],
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  Object.assign(context, { engine: 'chromium' });
  await watch(context, allowThirdPartyStorage ? 'browser3p' : 'browser');
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Waits for the frame whose URL starts with `origin` and whose page says it is ready. */
export async function crmFrame(page, origin, timeout = 15000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const f = (await page.frames()).find((fr) => fr.url().startsWith(origin));
    if (f) {
      try {
        await f.waitForFunction(() => document.body && document.body.dataset.ready, null, {
          timeout: Math.max(1, deadline - Date.now()),
        });
        return f;
      } catch (e) {
        if (Date.now() > deadline) throw e;
      }
    }
    if (Date.now() > deadline)
      throw new Error(`no ready frame on ${origin}; frames: ${(await page.frames()).map((x) => x.url()).join(', ')}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function assert(cond, msg) {
  if (!cond) throw new Error('assertion failed: ' + msg);
}
export function assertEq(a, b, msg) {
  const [x, y] = [JSON.stringify(a), JSON.stringify(b)];
  if (x !== y) throw new Error(`${msg}\n  expected: ${y}\n  actual:   ${x}`);
}

const tests = [];
/** Registers a test. */
export function test(name, fn) {
  tests.push({ name, fn });
}

/** Runs every registered test (or those whose name contains one of the `|`-separated parts of
 *  UCB_E2E_FILTER), prints one line each;
 *  returns the counts. A test that throws Skip (engineCan: the engine's driver cannot do
 *  what it needs) is counted as skipped, with its reason, not as passed. */
export async function runAll(context) {
  let passed = 0,
    failed = 0,
    skipped = 0;
  const filter = process.env.UCB_E2E_FILTER;
  for (const t of tests) {
    if (filter && !filter.split('|').some((f) => t.name.includes(f))) continue;
    const t0 = Date.now();
    try {
      await t.fn(context);
      passed++;
      console.log(`ok   ${t.name} (${Date.now() - t0} ms)`);
    } catch (e) {
      if (e instanceof Skip) {
        skipped++;
        console.log(`skip ${t.name}: ${e.message}`);
        continue;
      }
      failed++;
      console.log(
        `FAIL ${t.name}\n     ${String((e && e.stack) || e)
          .split('\n')
          .join('\n     ')}`,
      );
    }
  }
  return { passed, failed, skipped };
}

/**
 * Run inside a page (`frame.evaluate(hostileProbe, 'bridge')`): every export of the module at
 * `window[moduleKey]` and every method of the objects `window.__makers` makes (one fresh object
 * per call), each argument position given 24 hostile values (wrong types, proxies whose traps
 * throw, throwing getters and toJSON, a cyclic object, a 3 MiB string, a lone surrogate, ...),
 * plus the calls in `window.__extra` (`[label, (value) => …]`). Returns `{ calls, bad }`: `bad`
 * lists each call that threw or rejected with anything but a UContactError (a promise still
 * pending after 400 ms counts as settled).
 */
export async function hostileProbe(moduleKey) {
  const b = window[moduleKey];
  const WEIRD = {
    undefined: undefined,
    null: null,
    zero: 0,
    neg: -1,
    nan: NaN,
    inf: Infinity,
    big: 1e300,
    empty: '',
    x: 'x',
    nul: '\u0000',
    obj: {},
    arr: [],
    arr1: [1],
    sym: Symbol('s'),
    bigint: 10n,
    fn: () => {},
    date: new Date(0),
    lone: '\ud800',
    huge: 'a'.repeat(3 << 20),
    proxy: new Proxy(
      {},
      {
        get() {
          throw new Error('trap');
        },
        ownKeys() {
          throw new Error('trap');
        },
        getOwnPropertyDescriptor() {
          throw new Error('trap');
        },
      },
    ),
    arrayProxy: new Proxy([], {
      get() {
        throw new Error('trap');
      },
    }),
    getter: Object.defineProperty({}, 'campaign', {
      enumerable: true,
      get() {
        throw new Error('getter');
      },
    }),
    toJSON: {
      toJSON() {
        throw new Error('toJSON');
      },
    },
    cyclic: (() => {
      const o = {};
      o.self = o;
      return o;
    })(),
  };
  const bad = [];
  let calls = 0;
  const check = async (label, f) => {
    for (const [wn, w] of Object.entries(WEIRD)) {
      calls++;
      try {
        const out = f(w);
        if (out && typeof out.then === 'function') await Promise.race([out, new Promise((ok) => setTimeout(ok, 400))]);
      } catch (e) {
        if (!(e && e.name === 'UContactError'))
          bad.push(`${label}(${wn}): ${e && e.name}: ${String(e && e.message).slice(0, 80)}`);
      }
    }
  };
  const methods = (o) =>
    Object.getOwnPropertyNames(Object.getPrototypeOf(o)).filter(
      (n) => typeof o[n] === 'function' && !['constructor', 'free', 'destroy'].includes(n) && !n.startsWith('__'),
    );
  for (const name of Object.keys(b)) {
    // UContactError is the errors' class, plain JavaScript: `new UContactError(Symbol())` throws
    // a TypeError as `new Error(Symbol())` does. (isUContactError is probed: it never throws.)
    if (
      typeof b[name] !== 'function' ||
      ['default', 'initSync', 'UContactError'].includes(name) ||
      name.startsWith('__')
    )
      continue;
    if (/^[A-Z]/.test(name)) {
      await check(`new ${name}`, (w) => {
        const o = new b[name](w);
        if (o.destroy) o.destroy();
      });
      continue;
    }
    await check(name, (w) => b[name](w));
    await check(`${name}('x', ·)`, (w) => b[name]('x', w));
  }
  for (const [label, f] of window.__extra || []) await check(label, f);
  for (const [what, make] of Object.entries(window.__makers || {})) {
    for (const m of methods(make())) {
      await check(`${what}.${m}`, (w) => make()[m](w));
      await check(`${what}.${m}('x', ·)`, (w) => make()[m]('x', w));
      await check(`${what}.${m}('x', 'x', ·)`, (w) => make()[m]('x', 'x', w));
    }
  }
  return { calls, bad };
}
