// Sealed CTI records in Chromium, package trees side by side: the bench's own page
// (bench/pages/cti.html, its records, its ways and its WebCrypto reference) served from each
// tree, the trees taking turns round by round in one browser, so all see the same machine at
// the same moments. For deciding one build step of the CTI path: `scripts/bench.sh` reports the
// figure; this compares builds with each other.
//
// Usage: node bench/ab-cti.mjs PKG... [--records N] [--rounds N] [--way W ...]
//   PKG        trees laid out as target/pkg (the full entry's ES module is used)
//   --records  envelopes per run (default 2000)
//   --rounds   rounds (default 5); each round loads, per tree, one fresh page, runs every way
//              once to warm up, then times the ways in turn, 3 times each
//   --way      ways to time (default keyOpen, oneCall, sequential; see cti.html)
// Prints per tree and way the median µs per record, and each way's speed against the page's
// `sequential` WebCrypto + JSON.parse (when timed).
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startOrigins } from './serve.mjs';
import { CHROMIUM_ARGS, median, withQuery } from './launch.mjs';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const usage = (msg) => {
  console.error(`ab-cti: ${msg}\nusage: node bench/ab-cti.mjs PKG... [--records N] [--rounds N] [--way W ...]`);
  process.exit(2);
};
const trees = [];
const ways = [];
let records = 2000;
let rounds = 5;
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  const num = () => {
    const v = Number(process.argv[++i]);
    return Number.isInteger(v) && v > 0 ? v : usage(`${a} takes a positive whole number`);
  };
  if (a === '--records') records = num();
  else if (a === '--rounds') rounds = num();
  else if (a === '--way') ways.push(process.argv[++i] ?? usage('--way takes a name'));
  else if (a.startsWith('--')) usage(`unknown option ${a}`);
  else trees.push(resolve(a));
}
if (trees.length === 0) usage('name at least one package tree');
if (ways.length === 0) ways.push('keyOpen', 'oneCall', 'sequential');
// The ways bench/pages/cti.html defines: a name it does not know would fail inside the page.
const known = ['ours', 'oneCall', 'keyOpen', 'sequential', 'batched'];
for (const w of ways) if (!known.includes(w)) usage(`unknown way ${w} (one of ${known.join(', ')})`);

const servers = await Promise.all(
  trees.map((pkg) => startOrigins({ root: ROOT, pkg, ports: [0], isolate: true, exitAfterMs: 30 * 60 * 1000 })),
);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: CHROMIUM_ARGS,
});
const times = trees.map(() => Object.fromEntries(ways.map((w) => [w, []])));
try {
  for (let r = 0; r < rounds; r++) {
    for (const [t, server] of servers.entries()) {
      const ctx = await browser.newContext();
      try {
        const page = await ctx.newPage();
        await page.goto(withQuery(`${server.origins[0]}/cti.html`, { entry: 'full' }));
        await page.waitForFunction(() => document.body.dataset.ready, null, { timeout: 60000 });
        await page.evaluate((n) => window.bench.prepare(n), records);
        const checks = new Set();
        // As the bench does: every way once to warm up, then the ways taking turns.
        for (let k = 0; k < 4; k++) {
          for (const way of ways) {
            const { perRecordMs, check } = await page.evaluate((w) => window.bench.run(w), way);
            checks.add(check);
            if (k > 0) times[t][way].push(perRecordMs * 1000);
          }
        }
        if (checks.size !== 1) throw new Error(`${trees[t]}: the ways read different records`);
      } finally {
        await ctx.close();
      }
    }
  }
} finally {
  await browser.close();
  servers.forEach((s) => s.stop());
}

console.log(`${records} records, ${rounds} rounds of 3 runs per way, trees taking turns\n`);
console.log(`${ways.map((w) => `${w} µs`.padStart(16)).join('')}   tree`);
for (const [t, tree] of trees.entries()) {
  const ref = ways.includes('sequential') ? median(times[t].sequential) : null;
  const cells = ways.map((w) => {
    const m = median(times[t][w]);
    return `${m.toFixed(2)}${ref && w !== 'sequential' ? ` ${(ref / m).toFixed(2)}×` : ''}`.padStart(16);
  });
  console.log(`${cells.join('')}   ${tree}`);
}
