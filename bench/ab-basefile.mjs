// buildBaseFile in Chromium, package trees side by side: the bench's own page
// (bench/pages/basefile.html, its rows and its naive join + btoa) served from each tree, the
// trees taking turns round by round in one browser, so all see the same machine at the same
// moments. For deciding one build step of the base-file path: `scripts/bench.sh` reports the
// figure; this compares builds with each other (bench/node-basefile.mjs does the same in node,
// which is faster to run but is not the browser).
//
// Usage: node bench/ab-basefile.mjs PKG... [--rows N] [--rounds N]
//   PKG       trees laid out as target/pkg (the full entry's ES module is used)
//   --rows    rows per base file (default 100000)
//   --rounds  rounds (default 5); each round loads, per tree, one fresh page for ours and one
//             for the naive builder (as the bench does) and times 5 builds on each after one
//             discarded
// Prints per tree the median build time of ours and of the naive builder, and their ratio.
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startOrigins } from './serve.mjs';
import { CHROMIUM_ARGS, median, withQuery } from './launch.mjs';

const ROOT = join(fileURLToPath(new URL('.', import.meta.url)), '..');
const usage = (msg) => {
  console.error(`ab-basefile: ${msg}\nusage: node bench/ab-basefile.mjs PKG... [--rows N] [--rounds N]`);
  process.exit(2);
};
const trees = [];
let rows = 100000;
let rounds = 5;
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  const num = () => {
    const v = Number(process.argv[++i]);
    return Number.isInteger(v) && v > 0 ? v : usage(`${a} takes a positive whole number`);
  };
  if (a === '--rows') rows = num();
  else if (a === '--rounds') rounds = num();
  else if (a.startsWith('--')) usage(`unknown option ${a}`);
  else trees.push(resolve(a));
}
if (trees.length === 0) usage('name at least one package tree');

const servers = await Promise.all(
  trees.map((pkg) => startOrigins({ root: ROOT, pkg, ports: [0], isolate: true, exitAfterMs: 30 * 60 * 1000 })),
);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  headless: true,
  args: CHROMIUM_ARGS,
});
const times = trees.map(() => ({ ours: [], naive: [] }));
try {
  for (let r = 0; r < rounds; r++) {
    for (const [t, server] of servers.entries()) {
      // A fresh page per way, as in the bench: the naive builder must not meet our garbage.
      for (const way of ['ours', 'naive']) {
        const ctx = await browser.newContext();
        try {
          const page = await ctx.newPage();
          await page.goto(withQuery(`${server.origins[0]}/basefile.html`, { entry: 'full', rows }));
          await page.waitForFunction(() => document.body.dataset.ready, null, { timeout: 60000 });
          if (way === 'ours' && !(await page.evaluate(() => window.bench.same())))
            throw new Error(`${trees[t]}: ours and naive differ`);
          for (let k = 0; k < 6; k++) {
            const { ms } = await page.evaluate((w) => window.bench.run(w), way);
            if (k > 0) times[t][way].push(ms);
          }
        } finally {
          await ctx.close();
        }
      }
    }
  }
} finally {
  await browser.close();
  servers.forEach((s) => s.stop());
}

console.log(`${rows} rows, ${rounds} rounds of 5 builds per way, trees taking turns\n`);
console.log('ours ms   naive ms   ratio   tree');
for (const [t, tree] of trees.entries()) {
  const [o, n] = [median(times[t].ours), median(times[t].naive)];
  console.log(`${o.toFixed(1).padStart(7)} ${n.toFixed(1).padStart(10)} ${(o / n).toFixed(2).padStart(6)}×   ${tree}`);
}
