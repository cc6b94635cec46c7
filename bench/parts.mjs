// The parts of a same-site round trip, with no DevTools session: how long our `call` takes to
// send, how long our listener takes with the reply, and the same for porthole.js, each timed on
// its own in one page (bench/pages/parts.html says how). Finer than the bench's round trips,
// which add the portal's work and the browser's message hop to every figure: a change of a few
// tenths of a microsecond on one side shows here and is lost there.
//
// Usage: node bench/parts.mjs [--launches N] [--mode M ...] [--pkg DIR ...] [--n N]
//                             [--js-flags F]
//   --launches N  Chromium launches per mode and tree, taking turns (default 7)
//   --mode M      ours, floor, porthole, live-ours, live-floor, live-porthole, posts, recv-ours, recv-porthole,
//                 recv-none, or live-porthole+X with X one of loaded, listener, idle, jslistener,
//                 jssource, jswasm, loopwasm (repeatable; default: the ten plain modes; bench/pages/parts.html
//                 says what each times)
//   --pkg DIR     a package tree laid out as target/pkg (default target/pkg); give two or more
//                 to compare builds of the channel entry side by side, launch by launch
//   --n N         iterations per round (default 3000; 5 rounds after a warm-up round)
//   --js-flags F  V8 flags for every launch (e.g. `--no-liftoff`)
// Prints, per mode and tree, the median over every round of every launch of each part, in µs,
// and the range of the launches' own medians.
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startOrigins } from './serve.mjs';
import { CHROMIUM_ARGS, consoleResult, withQuery } from './launch.mjs';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const MODES = [
  'ours',
  'floor',
  'porthole',
  'live-ours',
  'live-floor',
  'live-porthole',
  'posts',
  'recv-ours',
  'recv-porthole',
  'recv-none',
];
const PORTHOLE_ONLY = ['porthole', 'floor', 'live-porthole', 'live-floor', 'recv-porthole', 'recv-none'];
const opts = { launches: 7, modes: [], pkgs: [], n: 3000, jsFlags: null };
const usage = (msg) => {
  console.error(
    `parts: ${msg}\nusage: node bench/parts.mjs [--launches N] [--mode M ...] [--pkg DIR ...] [--n N] [--js-flags F]`,
  );
  process.exit(2);
};
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  const next = () => (i + 1 < process.argv.length ? process.argv[++i] : usage(`${a} needs a value`));
  if (a === '--launches') opts.launches = Number(next());
  else if (a === '--mode') opts.modes.push(next());
  else if (a === '--pkg') opts.pkgs.push(resolve(next()));
  else if (a === '--n') opts.n = Number(next());
  else if (a === '--js-flags') opts.jsFlags = next();
  else usage(`unknown option ${a}`);
}
if (!opts.modes.length) opts.modes = MODES;
for (const m of opts.modes) if (!MODES.includes(m.split('+')[0])) usage(`unknown mode ${m}`);
if (!opts.pkgs.length) opts.pkgs.push(resolve(ROOT, process.env.UCB_PKG_ROOT || join('target', 'pkg')));
if (!(opts.launches >= 1 && opts.n >= 1)) usage('--launches and --n must be at least 1');

const args = opts.jsFlags ? [...CHROMIUM_ARGS, `--js-flags=${opts.jsFlags}`] : CHROMIUM_ARGS;
const trees = [];
for (const pkg of opts.pkgs) {
  trees.push(await startOrigins({ root: ROOT, pkg, ports: [0, 0], isolate: true, exitAfterMs: 30 * 60 * 1000 }));
}
// Porthole-only modes do not load our build: one tree is enough for them.
const runs = opts.modes.flatMap((mode) =>
  PORTHOLE_ONLY.includes(mode) && !mode.includes('+') ? [[mode, 0]] : opts.pkgs.map((_, t) => [mode, t]),
);
const results = new Map(runs.map(([mode, t]) => [`${mode} ${t}`, []]));
for (let i = 0; i < opts.launches; i++) {
  // Every other launch in reverse order, so no run always goes first.
  for (const [mode, t] of i % 2 ? [...runs].reverse() : runs) {
    const [A, B] = trees[t].origins;
    const crm = withQuery('/parts.html', { peer: A, mode, n: opts.n });
    // The live modes are framed by the answering portal, the others by a page that only frames.
    const url = mode.startsWith('live-')
      ? withQuery(`${A}/portal.html`, { peer: B, crm })
      : withQuery(`${A}/host.html`, { src: B + crm });
    const out = JSON.parse(await consoleResult(url, /ucb-parts (\[.*?\]|\{.*?\}) ucb-parts-end/, { args }));
    if (!Array.isArray(out)) throw new Error(`${mode}: ${out.error}`);
    results.get(`${mode} ${t}`).push(out);
  }
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
};
console.log(
  `parts: ${opts.launches} launches, ${opts.n} iterations × 5 rounds each; µs, the median of every` +
    ` round${opts.launches > 1 ? " (in brackets: the lowest and highest launch's median, how far launches wander)" : ''}` +
    (opts.jsFlags ? `; --js-flags=${opts.jsFlags}` : ''),
);
for (const [key, launches] of results) {
  const [mode, t] = key.split(' ');
  const tree = opts.pkgs.length > 1 && !PORTHOLE_ONLY.includes(mode) ? `  [${opts.pkgs[t]}]` : '';
  const parts = Object.keys(launches[0][0]).map((k) => {
    const all = median(launches.flat().map((r) => r[k])).toFixed(2);
    if (launches.length < 2) return `${k} ${all}`;
    const each = launches.map((rounds) => median(rounds.map((r) => r[k])));
    return `${k} ${all} [${Math.min(...each).toFixed(2)}–${Math.max(...each).toFixed(2)}]`;
  });
  console.log(`${mode.padEnd(14)} ${parts.join('  ')}${tree}`);
}
process.exit(0);
