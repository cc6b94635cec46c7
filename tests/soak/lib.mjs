// What every soak scenario shares: the scale knob, the browser (Chromium exposing `gc()` and
// exact heap figures; Firefox or WebKit through the e2e driver layer, UCB_ENGINE), the
// instrumentation every document runs first (instrument.js), the porthole.js portal made
// forgetful (it keeps counts, not history) and a tiny test runner.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { logLine, recordSecret, crmFrame, launch, setCarried, ENGINE } from '../e2e/harness.mjs';
import { initScript } from '../e2e/engines.mjs';

export { ENGINE };

/** SOAK_SCALE multiplies every count of every scenario; 0.1 is a quick look, 10 a long night.
 *  Its default is 1 in Chromium and 0.1 in Firefox and WebKit, the short form (README of this
 *  folder: their collections are provoked, not forced, and cost far more). `scaled(n)` is `n`
 *  times the scale, at least `min`. */
export const DEFAULT_SCALE = ENGINE === 'chromium' ? 1 : 0.1;
export const SCALE = (() => {
  const s = Number(process.env.SOAK_SCALE ?? DEFAULT_SCALE);
  if (!(s > 0) || !Number.isFinite(s))
    throw new Error(`SOAK_SCALE must be a positive number, got ${process.env.SOAK_SCALE}`);
  return s;
})();
export const scaled = (n, min = 1) => Math.max(min, Math.round(n * SCALE));

/** The thresholds of growth per operation between two checkpoints, after gc(). A leak of one
 *  small object per operation is well above them; control runs stay far below (README of this
 *  folder). */
export const LIMITS = { wasmBytesPerOp: 8, jsBytesPerOp: 64 };

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
export const CALL = { campaign: 'Ventas->', callerid: '1001', destination: '091000000' };
export const AGENT = { agent: 'agent1', phone: '1001', context: 'from-internal' };
export const SITES = [
  { crmHost: '127.0.0.1', site: 'same-site' },
  { crmHost: 'localhost', site: 'cross-site' },
];

/** Runs first in every document (see the file): listener and timer counts, and
 *  `__soak.snapshot(B)`, every figure after collecting garbage. */
const SOAK = initScript(new URL('./instrument.js', import.meta.url).pathname);
export const INSTRUMENT_FILE = SOAK.file;
export const INSTRUMENT = SOAK.script;

/** The browser of this run (UCB_ENGINE), the instrumentation running first in every document.
 *  Console lines and page errors go to target/test-logs/<run>-console.log (for the secret
 *  scan); page errors are also collected in `errors`. */
export async function launchSoak() {
  return ENGINE === 'chromium' ? launchChromium() : launchOther();
}

/** Firefox or WebKit as the e2e driver layer launches them (tests/e2e/engines.mjs): no
 *  `gc()`, no heap figures (instrument.js provokes and proves its collections instead). In
 *  WebKit the sandbox pages carry the instrumentation (run.mjs starts the sandbox with this
 *  folder's instrument.js as its `preload`). */
async function launchOther() {
  if (ENGINE === 'webkit') setCarried(INSTRUMENT);
  const browser = await launch({ engine: ENGINE });
  const errors = [];
  const where = (url) => {
    try {
      return new URL(url).origin;
    } catch {
      return url || '?';
    }
  };
  browser.context.on('weberror', (e) => {
    const err = e.error();
    errors.push(`${where(e.page()?.url())} ${(err && (err.stack || err.message)) || String(err)}`);
  });
  await browser.context.addInitScript(INSTRUMENT);
  return { context: browser.context, errors, close: browser.close };
}

/** Headless Chromium as the e2e harness launches it, plus `gc()` in every page and exact
 *  (unquantized) `performance.memory`. */
async function launchChromium() {
  const dir = mkdtempSync(join(tmpdir(), 'ucb-soak-'));
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--js-flags=--expose-gc',
      '--enable-precise-memory-info',
    ],
  });
  const errors = [];
  const where = (url) => {
    try {
      return new URL(url).origin;
    } catch {
      return url || '?';
    }
  };
  context.on('console', (m) => logLine(`soak console.${m.type()} ${where(m.location().url)} ${m.text()}`));
  context.on('weberror', (e) => {
    const err = e.error();
    const text = `${where(e.page()?.url())} ${(err && (err.stack || err.message)) || String(err)}`;
    errors.push(text);
    logLine(`soak pageerror ${text}`);
  });
  // The emulator's tokens, for the secret scan (as the e2e harness records them).
  context.on('response', async (r) => {
    if (!/\/auth\/getUserToken$/.test(r.url()) || r.request().method() !== 'POST') return;
    try {
      const t = JSON.parse(await r.text());
      if (typeof t === 'string') recordSecret(t);
    } catch {
      /* not a token */
    }
  });
  await context.addInitScript(INSTRUMENT);
  return {
    context,
    errors,
    close: async () => {
      await context.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** In the porthole.js portal page (www/portal/porthole.html): keep counts instead of history
 *  (its `received`, `actions`, `replies` arrays and its DOM log would otherwise grow with every
 *  message and pollute the heap figures of a same-site run). Keeps: `received.n` (raw messages
 *  from the CRM origin), `actions.counts[action]`, `actions.calls` (destinations of the calls,
 *  in order, while `actions.keep`), `actions.lastTag` (the last tag's message), and
 *  `replies.guids` (guids answered, in order, while `replies.keep`; the test drains it). */
export async function forgetfulPortal(page) {
  await page.evaluate(() => {
    window.received = {
      n: 0,
      push() {
        this.n++;
      },
    };
    window.actions = {
      counts: {},
      calls: [],
      keep: false,
      lastTag: null,
      push(d) {
        this.counts[d.action] = (this.counts[d.action] || 0) + 1;
        if (d.action === 'call' && this.keep) this.calls.push(d.destination);
        if (d.action === 'tag') this.lastTag = d.message;
      },
    };
    window.replies = {
      guids: [],
      keep: false,
      push(r) {
        if (r && r.guid && this.keep) this.guids.push(r.guid);
      },
    };
    const log = document.getElementById('log');
    log.textContent = '';
    log.prepend = () => {};
  });
}

/** The porthole.js portal framing the CRM page on `crmHost`, made forgetful, the CRM page's own
 *  channel destroyed (so only the scenario's objects listen). */
export async function portholePortal(context, ctx, crmHost, query = '') {
  const page = await context.newPage();
  const sep = query ? '&' : '?';
  await page.goto(`http://127.0.0.1:${ctx.portalPort}/porthole.html${query}${sep}crmHost=${crmHost}`);
  const crm = await crmFrame(page, `http://${crmHost}:${ctx.crmPort}/`);
  await forgetfulPortal(page);
  await crm.evaluate(() => {
    window.channel.destroy();
    // The page logs every unsolicited message in the DOM; keep the heap figures clean.
    document.getElementById('events').prepend = () => {};
  });
  return { page, crm };
}

/** Emulator control, from node. */
export function emulator(ctx) {
  const base = `http://127.0.0.1:${ctx.portalPort}/__emulator`;
  const post = async (path, body) => {
    const r = await fetch(base + path, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    });
    if (!r.ok) throw new Error(`emulator ${path}: ${r.status} ${await r.text()}`);
    return r.json();
  };
  return {
    reset: () => post('/reset'),
    fault: (endpoint, fault) => post('/faults', { endpoint, ...fault }),
    clearFaults: () => post('/faults/clear'),
    counters: async () => (await fetch(base + '/counters')).json(),
    /** A session token of agent1, minted by a plain login (recorded for the secret scan). */
    token: async () => {
      const r = await fetch(`http://127.0.0.1:${ctx.portalPort}/Integra/resources/auth/getUserToken`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'user=agent1&password=secret1',
      });
      const t = JSON.parse(await r.text());
      if (typeof t !== 'string') throw new Error(`login refused: ${r.status}`);
      recordSecret(t);
      return t;
    },
  };
}

/** Growth per operation between two snapshots, and whether it is within the limits. A measure
 *  the engine cannot give (the JS heap outside Chromium) is null, and not judged. */
export function growth(a, b, ops) {
  const wasm = (b.wasm - a.wasm) / ops,
    js = a.js === null || b.js === null ? null : (b.js - a.js) / ops;
  return { wasm, js, ok: wasm <= LIMITS.wasmBytesPerOp && (js === null || js <= LIMITS.jsBytesPerOp) };
}

/** `b - a`, or null when either is (a figure the engine or the build cannot give). */
export const delta = (a, b) => (a === null || b === null || a === undefined || b === undefined ? null : b - a);
/** A figure for a `figure:` line: `unseen` when the engine or the build cannot give it. */
export const shown = (x) => (x === null || x === undefined ? 'unseen' : x);

/** For a `figure:` line: the provoked full collections behind its figures (instrument.js
 *  `__soak.stats()`), or nothing where `gc()` collects. */
export const collections = (stats) =>
  stats
    ? ` full-collections=${stats.proved} unproved=${stats.unproved} collecting-s=${(stats.ms / 1000).toFixed(1)}`
    : '';

/** Throws unless every snapshot followed a proved collection (instrument.js): the wasm and
 *  externref figures of one that did not say nothing. Chromium's `gc()` always collects. */
export function assertCollected(...snapshots) {
  const bad = snapshots.filter((s) => !s.collected).length;
  if (bad)
    throw new Error(
      `assertion failed: ${bad} of ${snapshots.length} snapshots came without a proved full collection (their wasm figures say nothing)`,
    );
}

/** `promise`, or a rejection after `ms` (a page that never answers fails the test, not the run). */
export function within(ms, promise) {
  let timer;
  const deadline = new Promise((_, fail) => {
    timer = setTimeout(() => fail(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

export const fmt = (x) => (x === null ? 'unseen' : (Math.round(x * 100) / 100).toFixed(2));

// ---- a tiny runner: one line per test, failures with their stack ------------------------------
const tests = [];
export function test(name, fn) {
  tests.push({ name, fn });
}
export function assert(cond, msg) {
  if (!cond) throw new Error('assertion failed: ' + msg);
}
export function assertEq(a, b, msg) {
  const [x, y] = [JSON.stringify(a), JSON.stringify(b)];
  if (x !== y) throw new Error(`${msg}\n  expected: ${y}\n  actual:   ${x}`);
}
/** Prints a line; `N passed` / `N failed` are the layer's counts (scripts/test.sh adds up every
 *  such pair in the log), so any other line spells them differently. */
export function say(line) {
  console.log(String(line).replace(/(\d+) (passed|failed)/g, '$1 ($2)'));
}
/** Runs every test (SOAK_FILTER=substring: a subset); returns `{ passed, failed }`. */
export async function runAll(ctx) {
  let passed = 0,
    failed = 0;
  const filter = process.env.SOAK_FILTER;
  for (const t of tests) {
    if (filter && !t.name.includes(filter)) continue;
    const t0 = Date.now();
    try {
      await t.fn(ctx);
      passed++;
      say(`ok   ${t.name} (${Date.now() - t0} ms)`);
    } catch (e) {
      failed++;
      say(
        `FAIL ${t.name}\n     ${String((e && e.stack) || e)
          .split('\n')
          .join('\n     ')}`,
      );
    }
  }
  return { passed, failed };
}
