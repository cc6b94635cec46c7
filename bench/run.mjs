// The benchmark runner behind scripts/bench.sh (which builds first). Serves bench/pages on two
// loopback origins, drives headless Chromium through playwright-core, and prints one table in
// which every figure sits next to a reference measured in the same run. BENCHMARKS.md says what
// each figure means. Nothing here asserts on time: the run only fails when a figure could not be
// measured at all (a page did not load, a contender did not load its own build, the two ways of
// a comparison disagree on the output). It measures every entry of scripts/entries.tsv: sizes
// and cold init per build (ES module, and script tag or single file), round trip and throughput
// per entry's ES module (twice: driven through Playwright, then with no DevTools session
// attached, --launches browser launches per contender and site); CTI and base file on the full
// build.
//
// Usage: node bench/run.mjs [--json FILE] [--calls N] [--tags N] [--loads N] [--cti N]
//                           [--rows N] [--launches N] [--no-isolate]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir, cpus, loadavg } from 'node:os';
import { join, dirname, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startOrigins } from './serve.mjs';
import { CHROMIUM_ARGS, consoleResult, withQuery } from './launch.mjs';
import { commit } from '../scripts/sizes.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
// The built packages, as scripts/build.sh writes them (UCB_PKG_ROOT moves them, as in
// scripts/lib.sh `pkg_dir`): <PKG>/<entry>/esm/…, <PKG>/<entry>/script/…
const PKG = resolvePath(ROOT, process.env.UCB_PKG_ROOT || join('target', 'pkg'));

// ---- the entries (scripts/entries.tsv) ------------------------------------------------------
// `name features subpath budget single`; budget = gzip -9 bytes of .wasm + ES module glue,
// single = gzip -9 bytes of the single-file script, `-` = none.
const ENTRIES = readFileSync(join(ROOT, 'scripts', 'entries.tsv'), 'utf8')
  .split('\n')
  .filter((line) => !/^\s*(#|$)/.test(line))
  .map((line) => {
    const [name, features, subpath, budget, single] = line.trim().split(/\s+/);
    const num = (v) => (v === '-' || v === undefined ? null : Number(v));
    return { name, features, subpath, budget: num(budget), single: num(single) };
  });
// The entry with everything (the CTI and base-file pages need encryptCti and buildBaseFile).
const FULL = ENTRIES.find((e) => e.name === 'full') || usage('scripts/entries.tsv has no `full` entry');
/** The entries with a PortalChannel (features channel or full): round trips, throughput, cold init. */
const PORTAL_ENTRIES = ENTRIES.filter((e) => e.features.split(',').some((f) => f === 'channel' || f === 'full'));

/**
 * The builds measured for size and cold init, per entry: the ES module (what npm serves), and
 * the script-tag build a legacy form uses: the single file (.wasm inlined) where the entry has
 * one, else script/ucontact-bridge.js with the entry's .wasm one directory up. `query` is what the cold-init pages
 * take (bench/serve.mjs fills it into the page).
 */
const BUILDS = ENTRIES.flatMap((e) => [
  {
    id: `${e.name}-esm`,
    entry: e.name,
    label: `${e.name} ES module`,
    dir: `${e.name}/esm`,
    files: ['ucontact-bridge_bg.wasm', 'ucontact-bridge.js'],
    budget: e.budget,
    page: 'init-esm.html',
    query: { entry: e.name },
  },
  e.single !== null
    ? {
        id: `${e.name}-single`,
        entry: e.name,
        label: `${e.name} single-file script`,
        dir: `${e.name}/script`,
        files: ['ucontact-bridge.single.js'],
        budget: e.single,
        page: 'init-script.html',
        query: { entry: e.name, file: 'ucontact-bridge.single.js' },
      }
    : {
        id: `${e.name}-script`,
        entry: e.name,
        label: `${e.name} script tag`,
        dir: e.name,
        files: ['ucontact-bridge_bg.wasm', 'script/ucontact-bridge.js'],
        budget: null,
        page: 'init-script.html',
        query: { entry: e.name, file: 'ucontact-bridge.js' },
      },
]);
/** `path?a=1&b=2` */

// ---- options --------------------------------------------------------------------------------
const opts = { json: null, calls: 5000, tags: 20000, loads: 20, cti: 2000, rows: 100000, launches: 7, isolate: true };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  const num = () => {
    const v = Number(process.argv[++i]);
    if (!(v > 0)) usage(`${a} needs a positive number`);
    return Math.floor(v);
  };
  if (a === '--json') opts.json = process.argv[++i] || usage('--json needs a file');
  else if (a === '--calls') opts.calls = num();
  else if (a === '--tags') opts.tags = num();
  else if (a === '--loads') opts.loads = num();
  else if (a === '--cti') opts.cti = num();
  else if (a === '--rows') opts.rows = num();
  else if (a === '--launches') opts.launches = num();
  else if (a === '--no-isolate') opts.isolate = false;
  else usage(`unknown option ${a}`);
}
/** @returns {never} */
function usage(msg) {
  console.error(
    `bench: ${msg}\nusage: node bench/run.mjs [--json FILE] [--calls N] [--tags N] [--loads N] [--cti N] [--rows N] [--launches N] [--no-isolate]`,
  );
  process.exit(2);
}

const log = (...a) => console.error('[bench]', ...a);
const T0 = Date.now();

// ---- statistics -----------------------------------------------------------------------------
/** The q-quantile (0..1) of the samples, nearest rank. */
function quantile(samples, q) {
  const s = [...samples].sort((x, y) => x - y);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))];
}
const median = (xs) => quantile(xs, 0.5);

// ---- 1. size --------------------------------------------------------------------------------
const gzipSize = (file) => execFileSync('gzip', ['-9', '-c', file], { maxBuffer: 64 << 20 }).length;

/** The reference files, read from their npm tarballs when `npm pack` can fetch them (from the
 *  registry this machine is configured with), else from node_modules. Says which. */
function referenceFiles() {
  const want = [
    {
      name: 'porthole.js 1.0.0 (porthole-proxy@0.0.1) lib/porthole.min.js',
      spec: 'porthole-proxy@0.0.1',
      file: 'lib/porthole.min.js',
      key: 'porthole',
    },
    { name: 'Penpal 7.0.6 dist/penpal.min.js', spec: 'penpal@7.0.6', file: 'dist/penpal.min.js', key: 'penpal' },
  ];
  const dir = mkdtempSync(join(tmpdir(), 'ucb-bench-pack-'));
  try {
    const packed = JSON.parse(
      execFileSync('npm', ['pack', '--json', '--pack-destination', dir, ...want.map((w) => w.spec)], {
        cwd: dir,
        stdio: ['ignore', 'pipe', 'ignore'],
        timeout: 60000,
      }).toString(),
    );
    return want.map((w, i) => {
      const out = join(dir, String(i));
      mkdirSync(out);
      execFileSync('tar', ['-xzf', join(dir, packed[i].filename), '-C', out]);
      const path = join(out, 'package', w.file);
      return {
        ...w,
        bytes: readFileSync(path).length,
        gzip: gzipSize(path),
        from: `npm pack ${w.spec} (${packed[i].integrity.slice(0, 20)}…)`,
      };
    });
  } catch (e) {
    log('npm pack failed, reading the references from node_modules:', String(e.message).split('\n')[0]);
    return want.map((w) => {
      const path = join(ROOT, 'node_modules', w.spec.replace(/@[^@]*$/, ''), w.file);
      return {
        ...w,
        bytes: readFileSync(path).length,
        gzip: gzipSize(path),
        from: `node_modules/${w.spec.replace(/@[^@]*$/, '')}/${w.file}`,
      };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function sizes() {
  const builds = BUILDS.map((b) => {
    const parts = b.files.map((f) => ({
      file: f,
      bytes: readFileSync(join(PKG, b.dir, f)).length,
      gzip: gzipSize(join(PKG, b.dir, f)),
    }));
    return {
      id: b.id,
      label: b.label,
      dir: b.dir,
      budget: b.budget,
      parts,
      gzip: parts.reduce((n, p) => n + p.gzip, 0),
      bytes: parts.reduce((n, p) => n + p.bytes, 0),
    };
  });
  return { builds, refs: referenceFiles() };
}

// ---- the browser ----------------------------------------------------------------------------

async function frameOf(page, origin, timeout = 30000) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const f = page.frames().find((fr) => fr.url().startsWith(origin + '/'));
    if (f) {
      const left = deadline - Date.now();
      await f.waitForFunction(() => document.body && document.body.dataset.ready, null, { timeout: Math.max(1, left) });
      return f;
    }
    if (Date.now() > deadline) throw new Error(`no frame on ${origin}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** What a frame fetched from /pkg/, as paths: each contender must have loaded its own build. */
const pkgFetched = (frame) =>
  frame.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((e) => new URL(e.name).pathname)
      .filter((p) => p.startsWith('/pkg/'))
      .sort(),
  );
/** Fails the run unless `got` (sorted paths fetched from /pkg/) is exactly `want`. */
function checkFetched(got, want, what) {
  if (JSON.stringify(got) !== JSON.stringify([...want].sort()))
    throw new Error(`${what} fetched ${JSON.stringify(got)}, not ${JSON.stringify(want)}`);
}
/** Fails the run unless the frame fetched exactly `want` from /pkg/. */
async function expectFetched(frame, want, what) {
  checkFetched(await pkgFetched(frame), want, what);
}

/** Opens the portal page `portalPage` on origin A framing `crmPage` on origin B (with `query`
 *  besides `peer`). */
async function openPair(context, A, B, portalPage, crmPage, query = {}) {
  const page = await context.newPage();
  page.on('pageerror', (e) => log(`page error in ${crmPage}:`, e.message));
  await page.goto(withQuery(`${A}/${portalPage}`, { peer: B, crm: withQuery(`/${crmPage}`, { peer: A, ...query }) }));
  return { page, crm: await frameOf(page, B), portal: page.mainFrame() };
}

// ---- 2. round trip, 3. throughput -----------------------------------------------------------
// Our contenders: PortalChannel from each entry's ES module, keyed `ours-<entry>`.
const OURS = PORTAL_ENTRIES.map((e) => `ours-${e.name}`);
/** Every messaging contender, in both passes: its portal page (origin A), its CRM page (origin
 *  B) with `query` besides `peer`, and what the CRM frame must fetch from /pkg/. */
const CONTENDERS = [
  ...PORTAL_ENTRIES.map((e) => ({
    name: `ours-${e.name}`,
    portal: 'portal.html',
    crm: 'crm-ours.html',
    query: { entry: e.name },
    files: [`/pkg/${e.name}/esm/ucontact-bridge.js`, `/pkg/${e.name}/esm/ucontact-bridge_bg.wasm`],
  })),
  { name: 'porthole', portal: 'portal.html', crm: 'crm-porthole.html', query: {}, files: [] },
  { name: 'raw', portal: 'echo.html', crm: 'crm-raw.html', query: {}, files: [] },
];
const contenderLabel = (c) => withQuery(c.crm, c.query);

async function messaging(context, A, B) {
  const variants = {};
  for (const c of CONTENDERS) {
    variants[c.name] = await openPair(context, A, B, c.portal, c.crm, c.query);
    await expectFetched(variants[c.name].crm, c.files, contenderLabel(c));
  }
  const first = variants[OURS[0]];
  const info = await first.crm.evaluate(() => ({ isolated: self.crossOriginIsolated }));
  // Timer resolution as the CRM frame sees it: the smallest step performance.now() takes.
  info.timerStepMs = await first.crm.evaluate(() => {
    let last = performance.now(),
      min = Infinity;
    for (let i = 0; i < 20000; i++) {
      const t = performance.now();
      if (t !== last) {
        min = Math.min(min, t - last);
        last = t;
      }
    }
    return min;
  });

  // Warm-up: the JIT, wasm tier-up, the message path.
  const warm = Math.min(1000, Math.ceil(opts.calls / 5));
  for (const v of Object.values(variants)) await v.crm.evaluate((n) => window.bench.roundTrips(n), warm);

  // Sequential calls in rounds that alternate between the variants, so a slow spell on this
  // shared machine lands on all of them rather than on one.
  const ROUNDS = 4;
  const samples = {},
    totals = {},
    sends = {};
  for (const name of Object.keys(variants)) {
    samples[name] = [];
    totals[name] = 0;
    sends[name] = 0;
  }
  for (let r = 0; r < ROUNDS; r++) {
    for (const [name, v] of Object.entries(variants)) {
      const { times, totalMs, sendMs } = await v.crm.evaluate(
        (n) => window.bench.roundTrips(n),
        Math.ceil(opts.calls / ROUNDS),
      );
      samples[name].push(...times);
      totals[name] += totalMs;
      sends[name] += sendMs;
    }
  }
  const rt = {};
  for (const [name, s] of Object.entries(samples)) {
    rt[name] = {
      n: s.length,
      p50: quantile(s, 0.5),
      p90: quantile(s, 0.9),
      p99: quantile(s, 0.99),
      mean: totals[name] / s.length,
      send: sends[name] / s.length,
    };
  }
  log(`round trips done (${B})`);

  // Throughput: N tags then one call, counted at the portal.
  const senders = [...OURS, 'porthole'];
  const tput = {};
  for (const name of senders) tput[name] = { rates: [], delivered: true };
  const one = async (name, n) => {
    const v = variants[name];
    await v.portal.evaluate(() => window.resetTags());
    const ms = await v.crm.evaluate((k) => window.bench.tags(k), n);
    const t = await v.portal.evaluate(() => window.tags);
    return { ms, ok: t.received === n && t.outOfOrder === 0, t };
  };
  for (const name of senders) await one(name, Math.ceil(opts.tags / 5));
  for (let r = 0; r < 3; r++) {
    for (const name of senders) {
      const { ms, ok, t } = await one(name, opts.tags);
      tput[name].rates.push(opts.tags / (ms / 1000));
      if (!ok) {
        tput[name].delivered = false;
        log(`${name}: tags not all delivered in order`, JSON.stringify(t));
      }
    }
  }
  for (const t of Object.values(tput)) t.rate = median(t.rates);
  log(`throughput done (${B})`);
  for (const v of Object.values(variants)) await v.page.close();
  return { info, rt, tput, tagsPerRun: opts.tags };
}

// ---- 2b. the same, without DevTools ---------------------------------------------------------
// Playwright drives Chromium through the DevTools protocol, and while a session is attached
// Chromium's postMessage costs more the deeper the caller's stack is (bench/devtools-depth.mjs
// measures it: +0.4 µs per JavaScript frame with a session, nothing without). A user's browser
// has no session attached, and our posts leave from inside WebAssembly, a few frames deeper
// than porthole.js's. So the messaging figures are measured a second time here with no
// session: each contender's CRM page runs the protocol itself (`?auto=`, bench/pages/timing.js)
// in a Chromium started without any remote debugging, one process per launch, contenders
// taking turns launch by launch; the page lets the new browser settle for a second, then
// writes its summary (and what it fetched from /pkg/, checked here) to the console, read from
// Chromium's log. Same pages, builds, timing loop and origins as the figures above.
const NO_DEVTOOLS = { calls: 2000, tags: 5000, rounds: 4 };

async function autoLaunch(url) {
  const r = JSON.parse(await consoleResult(url, /ucb-bench-auto (\{.*?\}) ucb-bench-end/, { args: CHROMIUM_ARGS }));
  if (r.error) throw new Error(`${url}: ${r.error}`);
  return r;
}

async function messagingNoDevtools(A, B) {
  const { calls, tags, rounds } = NO_DEVTOOLS;
  const launches = opts.launches;
  const auto = `${calls},${tags},${rounds}`;
  const runs = Object.fromEntries(CONTENDERS.map((c) => [c.name, []]));
  for (let i = 0; i < launches; i++) {
    for (const c of CONTENDERS) {
      const crm = withQuery(`/${c.crm}`, { peer: A, ...c.query, auto });
      const r = await autoLaunch(withQuery(`${A}/${c.portal}`, { peer: B, crm }));
      checkFetched(r.fetched, c.files, `${contenderLabel(c)} (no DevTools)`);
      runs[c.name].push(r);
    }
  }
  // Per contender, the median over the launches of each launch's figure.
  const rt = {},
    tput = {};
  for (const [name, rs] of Object.entries(runs)) {
    rt[name] = {
      n: rs.reduce((s, r) => s + r.n, 0),
      launches: rs.length,
      p50: median(rs.map((r) => r.p50)),
      p99: median(rs.map((r) => r.p99)),
      mean: median(rs.map((r) => r.mean)),
      send: median(rs.map((r) => r.send)),
    };
    const tagMs = rs.flatMap((r) => r.tagMs);
    // Delivery in order is checked in the DevTools pass, where the runner can read the portal.
    if (tagMs.length) tput[name] = { rate: tags / (median(tagMs) / 1000), delivered: null };
  }
  log(`round trips and throughput without DevTools done (${B})`);
  return { rt, tput, tagsPerRun: tags };
}

// ---- 4. cold init ---------------------------------------------------------------------------
async function coldInit(browser, A, B) {
  // Every build of BUILDS, and porthole.js.
  /** @type {Record<string, { page: string, query: object, files?: string[], dir?: string, label?: string }>} */
  const kinds = Object.fromEntries(
    BUILDS.filter((b) => PORTAL_ENTRIES.some((e) => e.name === b.entry)).map((b) => [b.id, b]),
  );
  kinds.porthole = { page: 'init-porthole.html', query: {} };
  // The floor of the ES-module path: the same dynamic import, of a module that does nothing.
  kinds.emptyModule = { page: 'init-module.html', query: {} };
  const res = Object.fromEntries(Object.keys(kinds).map((k) => [k, []]));
  const WARM = 3;
  // Each load gets a new browser context (its own profile in memory, so a new renderer and
  // nothing cached); the kinds take turns.
  for (let i = 0; i < WARM + opts.loads; i++) {
    for (const [kind, { page: file, query }] of Object.entries(kinds)) {
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      await page.goto(withQuery(`${A}/host.html`, { src: withQuery(`${B}/${file}`, { ...query, peer: A }) }));
      const frame = await frameOf(page, B);
      const r = await frame.evaluate(() => window.result);
      if (!r.error && kinds[kind].files) {
        const b = kinds[kind];
        await expectFetched(
          frame,
          b.files.map((f) => `/pkg/${b.dir}/${f}`),
          `${b.page} (${b.label})`,
        );
      }
      await ctx.close();
      if (r.error) throw new Error(`${kind}: ${r.error}`);
      if (i >= WARM) res[kind].push(r);
    }
  }
  const out = {};
  for (const [kind, rs] of Object.entries(res)) {
    out[kind] = {
      n: rs.length,
      p50: median(rs.map((r) => r.ms)),
      min: Math.min(...rs.map((r) => r.ms)),
      p90: quantile(
        rs.map((r) => r.ms),
        0.9,
      ),
      loadedP50: median(rs.map((r) => r.loadedMs)),
      constructP50: median(rs.map((r) => r.constructMs)),
      // From the frame's navigation start instead: the same anchor for all, whatever the
      // preload scanner fetched before the first inline script ran.
      sinceNavigationP50: median(rs.map((r) => r.sinceNavigationMs)),
    };
  }
  log('cold init done');
  return out;
}

// ---- 5. CTI ---------------------------------------------------------------------------------
async function cti(context, B) {
  const page = await context.newPage();
  await page.goto(withQuery(`${B}/cti.html`, { entry: FULL.name }));
  await page.waitForFunction(() => document.body.dataset.ready);
  const envelopeChars = await page.evaluate((n) => window.bench.prepare(n), opts.cti);
  const ways = ['ours', 'oneCall', 'keyOpen', 'sequential', 'batched'];
  const per = Object.fromEntries(ways.map((w) => [w, []]));
  const checks = new Set();
  for (const w of ways) await page.evaluate((x) => window.bench.run(x), w); // warm-up
  for (let r = 0; r < 5; r++) {
    for (const w of ways) {
      const { perRecordMs, check } = await page.evaluate((x) => window.bench.run(x), w);
      per[w].push(perRecordMs);
      checks.add(check);
    }
  }
  await page.close();
  if (checks.size !== 1) throw new Error('CTI: the ways read different records (checksums differ)');
  log('CTI done');
  return { records: opts.cti, envelopeChars, ...Object.fromEntries(ways.map((w) => [w, median(per[w])])) };
}

// ---- 6. base file ---------------------------------------------------------------------------
async function baseFile(browser, context, B) {
  const out = {};
  for (const way of ['ours', 'naive']) {
    // A fresh page per way, so the first build meets a fresh heap and a fresh wasm instance.
    const page = await context.newPage();
    await page.goto(withQuery(`${B}/basefile.html`, { entry: FULL.name, rows: opts.rows }));
    await page.waitForFunction(() => document.body.dataset.ready, null, { timeout: 60000 });
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('HeapProfiler.enable');
    const usage = () => cdp.send('Runtime.getHeapUsage');
    await cdp.send('HeapProfiler.collectGarbage');
    const base = await usage();
    const wasm0 = await page.evaluate(() => window.bench.wasmBytes());
    // The V8 heap's peak during the first build: the largest heap size any collection saw just
    // before it ran (from the GC trace events), or the size right after, if larger.
    await browser.startTracing(page, { categories: ['devtools.timeline', 'v8'] });
    const first = await page.evaluate((w) => window.bench.run(w), way);
    const after = await usage();
    const trace = JSON.parse((await browser.stopTracing()).toString()).traceEvents;
    const gcs = trace.filter(
      (e) => (e.name === 'MinorGC' || e.name === 'MajorGC') && e.args && e.args.usedHeapSizeBefore,
    );
    const v8Peak = Math.max(after.usedSize, ...gcs.map((e) => e.args.usedHeapSizeBefore));
    const wasm1 = await page.evaluate(() => window.bench.wasmBytes());
    await cdp.send('HeapProfiler.collectGarbage');
    const retained = await usage();
    const times = [];
    for (let r = 0; r < 6; r++) times.push((await page.evaluate((w) => window.bench.run(w), way)).ms);
    if (way === 'ours' && !(await page.evaluate(() => window.bench.same())))
      throw new Error('base file: ours and naive differ');
    // Backing stores (array buffers, and external strings such as btoa's result, which live
    // outside the V8 heap) are read at the end only; the wasm linear memory is in neither.
    const backing = (u) => (u.backingStorageSize || 0) - (base.backingStorageSize || 0);
    out[way] = {
      ms: median(times.slice(1)),
      firstMs: first.ms,
      base64Chars: first.base64Length,
      gcs: gcs.length,
      jsPeak: v8Peak - base.usedSize + Math.max(0, backing(after)),
      jsRetained: retained.usedSize - base.usedSize + backing(retained),
      wasmGrowth: wasm1 - wasm0,
      wasmBefore: wasm0,
    };
    await cdp.detach();
    await page.close();
  }
  log('base file done');
  return out;
}

// ---- machine --------------------------------------------------------------------------------
function machine(browserVersion) {
  let cpu = cpus()[0]?.model || 'unknown';
  try {
    cpu = readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.*)$/m)[1];
  } catch {
    /* keep os.cpus() */
  }
  return {
    cpu,
    cores: cpus().length,
    chromium: browserVersion,
    node: process.version,
    loadavg: loadavg()
      .map((x) => x.toFixed(2))
      .join(' '),
    date: new Date().toISOString(),
  };
}

// ---- the table ------------------------------------------------------------------------------
const KB = 1024;
const fmtInt = (n) => Math.round(n).toLocaleString('en-US');
const fmtMs = (ms) =>
  ms >= 100 ? `${ms.toFixed(0)} ms` : ms >= 1 ? `${ms.toFixed(2)} ms` : `${(ms * 1000).toFixed(0)} µs`;
// A ratio whose reference fell below the timer's step is not a number worth printing.
const fmtX = (x) =>
  !Number.isFinite(x) ? 'n/a' : `${x >= 100 ? x.toFixed(0) : x >= 10 ? x.toFixed(1) : x.toFixed(2)}×`;
const fmtMB = (b) => `${(b / (1 << 20)).toFixed(1)} MiB`;

function table(m, r) {
  const rows = [];
  const add = (figure, ours, ref, ratio, meaning, target = '') =>
    rows.push([figure, ours, ref, ratio, meaning, target]);
  const [ph, pp] = r.size.refs;
  // Size: per entry, the ES module and the script-tag build (single file where there is one),
  // each held against its budget in scripts/entries.tsv.
  for (const b of r.size.builds) {
    const what = b.parts.length > 1 ? '.wasm+.js' : '.js, .wasm inlined';
    const tgt = b.budget === null ? '' : `≤ ${fmtInt(b.budget)} B (${(b.budget / KB).toFixed(0)} KB, entries.tsv)`;
    add(
      `size, ${b.label} (${what}, gzip -9)`,
      `${fmtInt(b.gzip)} B`,
      `porthole.min.js ${fmtInt(ph.gzip)} B`,
      fmtX(b.gzip / ph.gzip),
      'ours ÷ ref (size)',
      tgt,
    );
    add('', '', `penpal.min.js ${fmtInt(pp.gzip)} B`, fmtX(b.gzip / pp.gzip), 'ours ÷ ref (size)', '');
  }
  const flag = (t) => (t.delivered === false ? ' (!)' : '');
  const build = (name) => `${name.replace(/^ours-/, '')} build`;
  // The messaging figures twice: driven through Playwright (a DevTools session attached), then
  // with no session, as in a user's browser (section 2b).
  const passes = [
    ...Object.entries(r.messaging).map(([site, mr]) => [`${site}, DevTools attached`, mr]),
    ...Object.entries(r.messagingNoDevtools || {}).map(([site, mr]) => [`${site}, no DevTools`, mr]),
  ];
  for (const [site, mr] of passes) {
    const { rt, tput: tp } = mr;
    const ours = Object.keys(rt).filter((k) => k.startsWith('ours-'));
    for (const o of ours) {
      add(
        `round trip call→guid p50, ${site}, ${build(o)} (${fmtInt(rt[o].n)} calls)`,
        fmtMs(rt[o].p50),
        `porthole.js ${fmtMs(rt.porthole.p50)}`,
        fmtX(rt[o].p50 / rt.porthole.p50),
        'ours ÷ ref (time)',
        '≤ 1.10× porthole.js',
      );
      add('', '', `raw postMessage ${fmtMs(rt.raw.p50)}`, fmtX(rt[o].p50 / rt.raw.p50), 'ours ÷ floor (time)', '');
    }
    add(
      '',
      `(porthole.js ${fmtMs(rt.porthole.p50)})`,
      `raw postMessage ${fmtMs(rt.raw.p50)}`,
      fmtX(rt.porthole.p50 / rt.raw.p50),
      'porthole.js ÷ floor',
      '',
    );
    for (const o of ours) {
      add(
        `round trip call→guid mean, ${site}, ${build(o)}`,
        fmtMs(rt[o].mean),
        `porthole.js ${fmtMs(rt.porthole.mean)}`,
        fmtX(rt[o].mean / rt.porthole.mean),
        'ours ÷ ref (time)',
        '',
      );
      add('', '', `raw postMessage ${fmtMs(rt.raw.mean)}`, fmtX(rt[o].mean / rt.raw.mean), 'ours ÷ floor (time)', '');
    }
    for (const o of ours) {
      add(
        `round trip call→guid p99, ${site}, ${build(o)}`,
        fmtMs(rt[o].p99),
        `porthole.js ${fmtMs(rt.porthole.p99)}`,
        fmtX(rt[o].p99 / rt.porthole.p99),
        'ours ÷ ref (time)',
        '',
      );
      add('', '', `raw postMessage ${fmtMs(rt.raw.p99)}`, fmtX(rt[o].p99 / rt.raw.p99), 'ours ÷ floor (time)', '');
    }
    for (const o of ours) {
      add(
        `  of which the sending side (call until it returns), mean, ${site}, ${build(o)}`,
        fmtMs(rt[o].send),
        `porthole.js ${fmtMs(rt.porthole.send)}`,
        fmtX(rt[o].send / rt.porthole.send),
        'ours ÷ ref (time)',
        '',
      );
    }
    for (const o of ours) {
      add(
        `tag throughput, ${site}, ${build(o)} (${fmtInt(mr.tagsPerRun)} tags)`,
        `${fmtInt(tp[o].rate)} msg/s${flag(tp[o])}`,
        `porthole.js ${fmtInt(tp.porthole.rate)} msg/s${flag(tp.porthole)}`,
        fmtX(tp[o].rate / tp.porthole.rate),
        'ours ÷ ref (rate; >1 = ours faster)',
        '',
      );
    }
  }
  const ci = r.coldInit;
  const builds = r.size.builds.filter((b) => ci[b.id]);
  for (const b of builds) {
    add(
      `cold init p50, ${b.label} (${ci[b.id].n} loads)`,
      fmtMs(ci[b.id].p50),
      `porthole.js ${fmtMs(ci.porthole.p50)}`,
      fmtX(ci[b.id].p50 / ci.porthole.p50),
      'ours ÷ ref (time)',
      '≤ 10 ms',
    );
  }
  add(
    `  the ES-module floor: an empty module imported the same way`,
    fmtMs(ci.emptyModule.p50),
    `porthole.js ${fmtMs(ci.porthole.p50)}`,
    fmtX(ci.emptyModule.p50 / ci.porthole.p50),
    'floor ÷ ref (time)',
    '',
  );
  for (const b of builds) {
    add(
      `  same, from frame navigation start: ${b.label}`,
      fmtMs(ci[b.id].sinceNavigationP50),
      `porthole.js ${fmtMs(ci.porthole.sinceNavigationP50)}`,
      fmtX(ci[b.id].sinceNavigationP50 / ci.porthole.sinceNavigationP50),
      'ours ÷ ref (time)',
      '',
    );
  }
  for (const b of builds) {
    add(
      `constructing a PortalChannel p50, ${b.label}`,
      fmtMs(ci[b.id].constructP50),
      `new Porthole.WindowProxy ${fmtMs(ci.porthole.constructP50)}`,
      fmtX(ci[b.id].constructP50 / ci.porthole.constructP50),
      'ours ÷ ref (time)',
      '≤ 0.5 ms',
    );
  }
  const c = r.cti;
  add(
    `CTI per record, decodeCti+Respool.fromCti (${fmtInt(c.records)})`,
    fmtMs(c.ours),
    `WebCrypto+JSON.parse, awaited each ${fmtMs(c.sequential)}`,
    fmtX(c.sequential / c.ours),
    'speedup = ref ÷ ours (time; >1 = ours faster)',
    '',
  );
  add(
    '',
    '',
    `WebCrypto+JSON.parse, Promise.all ${fmtMs(c.batched)}`,
    fmtX(c.batched / c.ours),
    'speedup = ref ÷ ours',
    '',
  );
  add(
    'CTI per record, Respool.fromCti(envelope, {key})',
    fmtMs(c.oneCall),
    `WebCrypto+JSON.parse, awaited each ${fmtMs(c.sequential)}`,
    fmtX(c.sequential / c.oneCall),
    'speedup = ref ÷ ours',
    '',
  );
  add(
    'CTI per record, CtiKey.open (record + Respool)',
    fmtMs(c.keyOpen),
    `WebCrypto+JSON.parse, awaited each ${fmtMs(c.sequential)}`,
    fmtX(c.sequential / c.keyOpen),
    'speedup = ref ÷ ours',
    '≥ 1.0× (speedup)',
  );
  const bf = r.baseFile;
  add(
    `base file, ${fmtInt(opts.rows)} rows → base64`,
    fmtMs(bf.ours.ms),
    `naive join+btoa ${fmtMs(bf.naive.ms)}`,
    fmtX(bf.ours.ms / bf.naive.ms),
    'ours ÷ ref (time)',
    '',
  );
  add(
    'base file, wasm memory growth (1st build)',
    fmtMB(bf.ours.wasmGrowth),
    '—',
    '',
    `linear memory ${fmtMB(bf.ours.wasmBefore)} before`,
    '',
  );
  add(
    'base file, JS peak over baseline (1st build)',
    fmtMB(bf.ours.jsPeak),
    `naive ${fmtMB(bf.naive.jsPeak)}`,
    fmtX(bf.ours.jsPeak / bf.naive.jsPeak),
    'ours ÷ ref (bytes)',
    '',
  );
  add(
    'base file, JS + wasm peak (1st build)',
    fmtMB(bf.ours.jsPeak + bf.ours.wasmGrowth),
    `naive ${fmtMB(bf.naive.jsPeak)}`,
    fmtX((bf.ours.jsPeak + bf.ours.wasmGrowth) / bf.naive.jsPeak),
    'ours ÷ ref (bytes)',
    '',
  );
  add(
    'base file, JS retained (result kept)',
    fmtMB(bf.ours.jsRetained),
    `naive ${fmtMB(bf.naive.jsRetained)}`,
    fmtX(bf.ours.jsRetained / bf.naive.jsRetained),
    'ours ÷ ref (bytes)',
    '',
  );

  const head = ['figure', 'ours', 'reference (same run)', 'ratio', 'ratio is', 'target'];
  const w = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells) =>
    cells
      .map((c, i) => (i === 3 ? c.padStart(w[i]) : c.padEnd(w[i])))
      .join(' | ')
      .trimEnd();
  const out = [];
  out.push(
    `machine: ${m.cpu}, ${m.cores} cores; Chromium ${m.chromium}; node ${m.node}; load average at start ${m.loadavg}; ${m.date}`,
  );
  const info = r.messaging['same-site'].info;
  out.push(
    `origins: portal ${r.origins.portal}; CRM ${r.origins.sameSite} (same-site) and ${r.origins.crossSite} (cross-site, messaging only)`,
  );
  out.push(`builds: ${r.pkg} (${ENTRIES.map((e) => e.name).join(', ')}); CTI and base file on the ${FULL.name} build`);
  out.push(
    `timers: cross-origin isolated ${info.isolated}, performance.now() step ${fmtMs(info.timerStepMs)}; references from ${r.size.refs[0].from.startsWith('npm pack') ? 'npm pack tarballs' : 'node_modules'}`,
  );
  out.push('');
  out.push(line(head));
  out.push(w.map((n) => '-'.repeat(n)).join('-|-'));
  for (const row of rows) out.push(line(row));
  out.push('');
  out.push(
    'KB = 1024 B. "ours ÷ ref" below 1 means ours is smaller or faster; a speedup or rate ratio above 1 means ours is faster.',
  );
  if (Object.values(r.messaging).some((mr) => Object.values(mr.tput).some((t) => !t.delivered)))
    out.push('(!) some tags were not delivered in order: that throughput figure is not valid.');
  return out.join('\n');
}

// ---- main -----------------------------------------------------------------------------------
for (const f of [
  ...BUILDS.flatMap((b) => b.files.map((x) => join(PKG, b.dir, x))),
  ...ENTRIES.map((e) => join(PKG, e.name, 'esm', 'ucontact-bridge.js')),
]) {
  if (!existsSync(f)) {
    console.error(`bench: ${f} is missing; run scripts/build.sh (or scripts/bench.sh without --no-build)`);
    process.exit(1);
  }
}
// The commit the tree was at: the result files in bench/results/ name the code they measured.
// The options as given, the output file relative to the repository (the recorded file is
// committed: no machine's paths in it).
const results = {
  commit: commit(),
  options: {
    ...opts,
    json:
      opts.json &&
      (resolvePath(opts.json).startsWith(ROOT + '/') ? resolvePath(opts.json).slice(ROOT.length + 1) : opts.json),
  },
};
log('sizes');
results.size = sizes();
// Port 0: the OS picks two free ports, so runs never collide with each other or the sandbox.
// The servers close themselves after 15 minutes even if this process is killed half-way
// through a run (they are unref'd, so they never keep node alive either).
const servers = await startOrigins({
  root: ROOT,
  pkg: PKG,
  ports: [0, 0],
  isolate: opts.isolate,
  exitAfterMs: 15 * 60 * 1000,
});
const [A, B] = servers.origins;
// The same CRM server named `localhost` (still served on 127.0.0.1) is a different *site*, as a
// real CRM is to the portal: Chromium then gives the CRM frame its own renderer process and
// every message crosses processes. 127.0.0.1 on two ports is same-site: one process.
const C = B.replace('127.0.0.1', 'localhost');
log(`portal origin ${A}; CRM origin ${B} (same-site) and ${C} (cross-site)`);
results.origins = { portal: A, sameSite: B, crossSite: C };
results.pkg = PKG.startsWith(ROOT + '/') ? PKG.slice(ROOT.length + 1) : PKG;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: CHROMIUM_ARGS,
});
try {
  results.machine = machine(browser.version());
  const context = await browser.newContext();
  log('round trips and throughput');
  results.messaging = { 'same-site': await messaging(context, A, B), 'cross-site': await messaging(context, A, C) };
  log('round trips and throughput, no DevTools session attached');
  results.messagingNoDevtools = {
    'same-site': await messagingNoDevtools(A, B),
    'cross-site': await messagingNoDevtools(A, C),
  };
  log('cold init');
  results.coldInit = await coldInit(browser, A, B);
  log('CTI');
  results.cti = await cti(context, B);
  log('base file');
  results.baseFile = await baseFile(browser, context, B);
  await context.close();
} finally {
  await browser.close();
  servers.stop();
}
results.machine.loadavgEnd = loadavg()
  .map((x) => x.toFixed(2))
  .join(' ');
results.seconds = (Date.now() - T0) / 1000;
console.log(table(results.machine, results));
console.log(`\n(${results.seconds.toFixed(0)} s; load average at end ${results.machine.loadavgEnd})`);
if (opts.json) {
  writeFileSync(opts.json, JSON.stringify(results, null, 2) + '\n');
  log(`figures saved to ${opts.json}`);
}
