// Cold init, A against B: the bench's own init pages (bench/pages/init-*.html) served from two
// package trees side by side, one fresh browser context per load, the two trees taking turns
// load by load, so both see the same machine at the same moments. For deciding one build step:
// `scripts/bench.sh` compares us with porthole.js; this compares us with ourselves.
//
// Usage: node bench/ab-init.mjs PKG_A PKG_B [--loads N] [--page single|esm|full ...] [--js-flags-b F]
//   PKG_A, PKG_B  two trees laid out as target/pkg (e.g. a copy of target/pkg made before the
//                 change, and target/pkg after it; or UCB_PKG_ROOT builds; the same tree twice
//                 with --js-flags-b)
//   --loads N     measured loads per tree and page (default 20; 3 more are discarded first)
//   --page P      which builds (default all three): `single` the channel single-file script,
//                 `esm` the channel ES module, `full` the full ES module
//   --js-flags-b F  load B's pages in a second Chromium started with `--js-flags=F` (V8 flags,
//                 e.g. `--no-wasm-lazy-compilation`: what a V8 setting would change)
// Prints, per page and tree, the p50 of script start → channel constructed and of the
// constructor call alone (the pages time themselves, as in bench/run.mjs).
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startOrigins } from './serve.mjs';
import { CHROMIUM_ARGS, median, withQuery } from './launch.mjs';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const PAGES = {
  single: ['init-script.html', { entry: 'channel', file: 'ucontact-bridge.single.js' }],
  esm: ['init-esm.html', { entry: 'channel' }],
  full: ['init-esm.html', { entry: 'full' }],
};
const usage = (msg) => {
  console.error(
    `ab-init: ${msg}\nusage: node bench/ab-init.mjs PKG_A PKG_B [--loads N] [--page single|esm|full ...] [--js-flags-b F]`,
  );
  process.exit(2);
};

const trees = [];
const pages = [];
let loads = 20;
let jsFlagsB = null;
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a === '--loads') loads = Number(process.argv[++i]);
  else if (a === '--page') pages.push(process.argv[++i]);
  else if (a === '--js-flags-b') jsFlagsB = process.argv[++i] ?? usage('--js-flags-b needs flags');
  else if (a.startsWith('--')) usage(`unknown option ${a}`);
  else trees.push(resolve(a));
}
if (trees.length !== 2) usage('name two package trees');
if (!(Number.isInteger(loads) && loads > 0)) usage('--loads takes a positive whole number');
for (const p of pages) if (!PAGES[p]) usage(`unknown page ${p}`);
const chosen = pages.length ? pages : Object.keys(PAGES);

const servers = await Promise.all(
  trees.map((pkg) => startOrigins({ root: ROOT, pkg, ports: [0, 0], isolate: true, exitAfterMs: 30 * 60 * 1000 })),
);
const launch = (extra) =>
  chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: [...CHROMIUM_ARGS, ...extra],
  });
const browsers = [await launch([])];
browsers.push(jsFlagsB === null ? browsers[0] : await launch([`--js-flags=${jsFlagsB}`]));

/** One fresh load of `page` from tree `t`: the page's own `window.result`. */
async function load(t, page) {
  const [file, query] = PAGES[page];
  const [portal, crm] = servers[t].origins;
  const ctx = await browsers[t].newContext();
  try {
    const tab = await ctx.newPage();
    await tab.goto(withQuery(`${portal}/host.html`, { src: withQuery(`${crm}/${file}`, { ...query, peer: portal }) }));
    const deadline = Date.now() + 30000;
    let frame;
    while (!(frame = tab.frames().find((f) => f.url().startsWith(`${crm}/`)))) {
      if (Date.now() > deadline) throw new Error(`${page}: no frame on ${crm}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    await frame.waitForFunction(() => document.body && document.body.dataset.ready, null, { timeout: 30000 });
    const r = await frame.evaluate(() => window.result);
    if (r.error) throw new Error(`${page} from ${trees[t]}: ${r.error}`);
    return r;
  } finally {
    await ctx.close();
  }
}

const results = {};
try {
  const WARM = 3;
  for (let i = 0; i < WARM + loads; i++) {
    for (const page of chosen) {
      for (const t of [0, 1]) {
        const r = await load(t, page);
        if (i >= WARM) (results[`${page} ${'AB'[t]}`] ??= []).push(r);
      }
    }
  }
} finally {
  await Promise.all([...new Set(browsers)].map((b) => b.close()));
  servers.forEach((s) => s.stop());
}

console.log(
  `A = ${trees[0]}\nB = ${trees[1]}${jsFlagsB === null ? '' : ` (Chromium --js-flags=${jsFlagsB})`}\n${loads} loads each, alternating\n`,
);
console.log('page      tree   cold init p50   construct p50');
for (const [key, rs] of Object.entries(results)) {
  const [page, tree] = key.split(' ');
  console.log(
    `${page.padEnd(9)} ${tree.padEnd(6)} ${median(rs.map((r) => r.ms))
      .toFixed(2)
      .padStart(10)} ms ${median(rs.map((r) => r.constructMs))
      .toFixed(3)
      .padStart(11)} ms`,
  );
}
