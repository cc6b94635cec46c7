// CPU profiles of the hot paths, through the DevTools protocol: where the time of a bench figure
// goes, function by function (JavaScript and WebAssembly alike).
//
// Usage: node bench/profile.mjs [--what roundtrip|tags|cti|cti-key|basefile] [--entry channel|full]
//                               [--n N] [--top K] [--cross-site] [--names DIR]
//
//   --what      roundtrip: N `call`s, one after another, against the porthole.js portal (bench
//               figure (a)); tags: N `tag`s posted at once, then one call; cti: N sealed records
//               through Respool.fromCti; cti-key: the same through CtiKey.open; basefile:
//               buildBaseFile of N rows.
//   --names DIR serve the builds from DIR instead of target/pkg: build it with names kept
//               (scripts/build.sh writes stripped names; `wasm-opt -Oz -g` on the release .wasm
//               keeps them) to read Rust function names instead of wasm-function[N].
//
// PROFILE_LINES=1 names anonymous functions by their line (0-based) in their script.
//
// Prints the top K functions by self time with their share of the profile, then the total of
// time spent in WebAssembly, in the page's JavaScript (glue included) and in the browser's
// own work (GC, program, idle excluded). Times nothing for the table: use scripts/bench.sh.
//
// A profile is a DevTools session, and a session changes what it watches: `postMessage` costs
// more the deeper its caller's stack (bench/devtools-depth.mjs), which lands on the glue's
// import that posts, and two steps this profile pointed at (`Map::remove`, the browser's
// `decode`) gave nothing once measured without a session (docs/decisions/messaging-floor.md and glue-rewriters.md).
// Confirm a lead with the bench's no-DevTools figures before acting on it.
import { join, dirname, resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startOrigins } from './serve.mjs';
import { CHROMIUM_ARGS } from './launch.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const opts = { what: 'roundtrip', entry: 'channel', n: 5000, top: 25, cross: false, names: null };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a === '--what') opts.what = process.argv[++i];
  else if (a === '--entry') opts.entry = process.argv[++i];
  else if (a === '--n') opts.n = Number(process.argv[++i]);
  else if (a === '--top') opts.top = Number(process.argv[++i]);
  else if (a === '--cross-site') opts.cross = true;
  else if (a === '--names') opts.names = resolvePath(process.argv[++i]);
  else {
    console.error(`profile: unknown option ${a}`);
    process.exit(2);
  }
}

const pkg = opts.names || resolvePath(ROOT, process.env.UCB_PKG_ROOT || join('target', 'pkg'));
const servers = await startOrigins({ root: ROOT, pkg, ports: [0, 0], isolate: true, exitAfterMs: 10 * 60 * 1000 });
const A = servers.origins[0],
  B = opts.cross ? servers.origins[1].replace('127.0.0.1', 'localhost') : servers.origins[1];
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: CHROMIUM_ARGS,
});
try {
  const page = await browser.newPage();
  let frame;
  let run;
  if (opts.what === 'roundtrip' || opts.what === 'tags') {
    await page.goto(
      `${A}/portal.html?peer=${encodeURIComponent(B)}&crm=${encodeURIComponent(`/crm-ours.html?entry=${opts.entry}&peer=${A}`)}`,
    );
    frame = await waitFrame(page, B);
    run = opts.what === 'roundtrip' ? (n) => window.bench.roundTrips(n) : (n) => window.bench.tags(n);
  } else if (opts.what === 'cti' || opts.what === 'cti-key' || opts.what === 'basefile') {
    await page.goto(
      opts.what === 'basefile' ? `${A}/basefile.html?entry=full&rows=${opts.n}` : `${A}/cti.html?entry=full`,
    );
    frame = page.mainFrame();
    await frame.waitForFunction(() => document.body && document.body.dataset.ready);
    if (opts.what !== 'basefile') {
      await frame.evaluate((n) => window.bench.prepare(n), opts.n);
      run = opts.what === 'cti' ? () => window.bench.run('oneCall') : () => window.bench.run('keyOpen');
    } else {
      run = () => window.bench.run('ours');
    }
  } else {
    throw new Error(`--what ${opts.what}?`);
  }
  // Warm up, as the bench does, then profile one run. Cross-site, the CRM frame runs in its own
  // process: attach to its target.
  await frame.evaluate(run, Math.max(100, opts.n / 10));
  const session =
    opts.cross && frame !== page.mainFrame()
      ? await page.context().newCDPSession(frame)
      : await page.context().newCDPSession(page);
  await session.send('Profiler.enable');
  await session.send('Profiler.setSamplingInterval', { interval: 50 });
  await session.send('Profiler.start');
  await frame.evaluate(run, opts.n);
  const { profile } = await session.send('Profiler.stop');
  report(profile);
} finally {
  await browser.close();
  servers.stop();
}

async function waitFrame(page, origin) {
  for (let i = 0; i < 300; i++) {
    const f = page.frames().find((fr) => fr.url().startsWith(origin + '/'));
    if (f) {
      await f.waitForFunction(() => document.body && document.body.dataset.ready, null, { timeout: 30000 });
      return f;
    }
    await page.waitForTimeout(100);
  }
  throw new Error(`no frame on ${origin}`);
}

function report(profile) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const dt = profile.timeDeltas;
  for (let i = 0; i < profile.samples.length; i++) {
    const n = byId.get(profile.samples[i]);
    const f = n.callFrame;
    const kind = f.url.startsWith('wasm://') || f.url.includes('.wasm') ? 'wasm' : f.url ? 'js' : 'browser';
    const key = `${f.functionName || '(anonymous)' + (process.env.PROFILE_LINES ? ':' + f.lineNumber : '')}\t${kind}\t${f.url.split('/').pop()}`;
    self.set(key, (self.get(key) || 0) + (dt[i] || 0));
  }
  const total = [...self.entries()].filter(([k]) => !/^\((idle|program)\)/.test(k)).reduce((s, [, v]) => s + v, 0);
  const rows = [...self.entries()]
    .filter(([k]) => !/^\(idle\)/.test(k))
    .sort((a, b) => b[1] - a[1])
    .slice(0, opts.top);
  console.log(
    `profile: ${opts.what} n=${opts.n} entry=${['roundtrip', 'tags'].includes(opts.what) ? opts.entry : 'full'} ${opts.cross ? 'cross-site' : 'same-site'}; ${(total / 1000).toFixed(1)} ms sampled (idle and program excluded)`,
  );
  for (const [k, v] of rows) {
    const [name, kind, file] = k.split('\t');
    console.log(
      `${((100 * v) / total).toFixed(1).padStart(6)}%  ${(v / 1000).toFixed(1).padStart(8)} ms  ${kind.padEnd(7)} ${name}${file ? `  (${file})` : ''}`,
    );
  }
  const sum = (pred) => [...self.entries()].filter(([k]) => pred(k.split('\t'))).reduce((s, [, v]) => s + v, 0);
  const w = sum(([, k]) => k === 'wasm'),
    j = sum(([, k]) => k === 'js'),
    b = sum(([n, k]) => k === 'browser' && !/^\((idle|program)\)/.test(n));
  console.log(
    `split: wasm ${((100 * w) / total).toFixed(1)}%, page JS ${((100 * j) / total).toFixed(1)}%, browser ${((100 * b) / total).toFixed(1)}%`,
  );
}
